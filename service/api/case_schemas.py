"""Marshmallow schemas of the case endpoints (ARCHITECTURE §3.3, §6)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from service.api.schemas import DecisionSchema, TransactionSchema
from service.cases import ACTIONS, REASONS, STATUSES
from service.vocabulary import OUTCOMES

_REASONS = "; ".join(f"{r.code} ({', '.join(sorted(r.actions))})" for r in REASONS)


class CaseCreateSchema(Schema):
    transaction = fields.Nested(TransactionSchema, required=True)


class MatchRefSchema(Schema):
    party = fields.Raw(
        required=True,
        metadata={"description": "the party's index in the transaction, or 'route.vessel'"},
    )
    list = fields.String(required=True, validate=validate.Length(max=40))
    reference = fields.String(required=True, validate=validate.Length(max=100))

    @validates_schema
    def _party(self, data: dict[str, Any], **kw: Any) -> None:
        party = data.get("party")
        ok = party == "route.vessel" or (
            isinstance(party, int) and not isinstance(party, bool) and 0 <= party < 1000
        )
        if not ok:
            raise ValidationError("a party index (0, 1, …) or 'route.vessel'", "party")


class ActionSchema(Schema):
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    reason_code = fields.String(
        required=True,
        validate=validate.Length(max=40),
        metadata={"description": f"the reason codes and their actions: {_REASONS}"},
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=4000))
    assignee = fields.String(validate=validate.Length(max=200), metadata={"description": "assign"})
    match = fields.Nested(MatchRefSchema, metadata={"description": "dismiss: the match"})
    decision_id = fields.Integer(
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "approve: the decision approved"},
    )
    decision_sha256 = fields.String(
        validate=validate.Length(max=71),
        metadata={"description": "approve: the sha256 of the decision approved (required)"},
    )
    evidence = fields.String(
        validate=validate.Length(max=4000),
        metadata={"description": "false_positive: the distinguishing evidence"},
    )
    reference = fields.String(
        validate=validate.Length(max=200), metadata={"description": "authorized: its reference"}
    )
    expires = fields.String(
        validate=validate.Length(max=10),
        metadata={"description": "authorized: its expiry date", "format": "date"},
    )


class ActionOutSchema(Schema):
    id = fields.Integer(required=True)
    at = fields.String(required=True, metadata={"format": "date-time"})
    actor = fields.String(required=True)
    actor_role = fields.String(required=True)
    action = fields.String(required=True)
    reason_code = fields.String(required=True)
    reason = fields.String(required=True)
    details = fields.Dict(required=True)
    decision_id = fields.Integer(required=True, allow_none=True)
    decision_sha256 = fields.String(required=True, allow_none=True)
    status_before = fields.String(required=True)
    status_after = fields.String(required=True)
    state = fields.String(
        required=True, metadata={"description": "done, pending, approved, rejected or void"}
    )
    resolves = fields.Integer(required=True, allow_none=True)


class DecisionSummarySchema(Schema):
    id = fields.Integer(required=True)
    created_at = fields.String(required=True)
    cause = fields.String(required=True)
    outcome = fields.String(required=True)
    sha256 = fields.String(required=True)
    versions = fields.Dict(required=True)
    input_sha256 = fields.String(required=True)


class CaseSummarySchema(Schema):
    id = fields.Integer(required=True)
    reference = fields.String(required=True, allow_none=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    outcome = fields.String(required=True, validate=validate.OneOf(OUTCOMES))
    regimes = fields.List(fields.String(), required=True)
    assignee = fields.String(required=True, allow_none=True)
    transaction_date = fields.String(required=True, metadata={"format": "date"})
    created_at = fields.String(required=True, metadata={"format": "date-time"})
    updated_at = fields.String(required=True, metadata={"format": "date-time"})
    created_by = fields.String(required=True)


class CaseSchema(CaseSummarySchema):
    decision = fields.Nested(DecisionSchema, required=True, allow_none=True)
    decision_id = fields.Integer(required=True, allow_none=True)
    decision_sha256 = fields.String(required=True, allow_none=True)
    pending = fields.Nested(ActionOutSchema, required=True, allow_none=True)
    transaction = fields.Dict()
    actions = fields.List(fields.Nested(ActionOutSchema))
    decisions = fields.List(fields.Nested(DecisionSummarySchema))


class CaseQuerySchema(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    outcome = fields.String(validate=validate.OneOf(OUTCOMES))
    assignee = fields.String(validate=validate.Length(max=200))
    regime = fields.String(validate=validate.Length(max=40))
    date_from = fields.Date(metadata={"description": "transactions dated from (YYYY-MM-DD)"})
    date_to = fields.Date(metadata={"description": "transactions dated up to (YYYY-MM-DD)"})
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class CaseListSchema(Schema):
    items = fields.List(fields.Nested(CaseSummarySchema), required=True)
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    counts = fields.Dict(required=True, metadata={"description": "cases per status and outcome"})


class AuditEntrySchema(Schema):
    seq = fields.Integer(required=True)
    at = fields.String(required=True)
    actor = fields.String(required=True)
    action = fields.String(required=True)
    case_id = fields.Integer(required=True, allow_none=True)
    data = fields.Dict(required=True)
    prev_hash = fields.String(required=True)
    hash = fields.String(required=True)


class AuditSchema(Schema):
    case_id = fields.Integer(required=True)
    entries = fields.List(fields.Nested(AuditEntrySchema), required=True)


class ReplayQuerySchema(Schema):
    decision_id = fields.Integer(
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "default: the latest"},
    )


class DifferenceSchema(Schema):
    path = fields.String(required=True)
    stored = fields.Raw(required=True, allow_none=True)
    replayed = fields.Raw(required=True, allow_none=True)


class ReplaySchema(Schema):
    case_id = fields.Integer(required=True)
    decision_id = fields.Integer(required=True)
    decision_sha256 = fields.String(required=True)
    identical = fields.Boolean(required=True)
    differences = fields.List(fields.Nested(DifferenceSchema), required=True)
    versions = fields.Dict(required=True)
    replayed_with = fields.Dict(required=True)
    notes = fields.List(fields.String(), required=True)
    replayed = fields.Nested(DecisionSchema, required=True)
