"""Marshmallow schemas of the screening-job endpoints (ARCHITECTURE §3.3, §9)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

STATUSES = ("queued", "running", "done", "failed", "cancelled")


class JobSubmitQuerySchema(Schema):
    callback_url = fields.String(
        validate=validate.Length(max=2000),
        metadata={"description": "http(s) URL that gets the signed summary when the job ends"},
    )


class JobLinksSchema(Schema):
    self = fields.String(required=True)
    results = fields.String(required=True)
    deliveries = fields.String(required=True)


class JobSchema(Schema):
    id = fields.String(required=True)
    kind = fields.String(required=True, metadata={"description": "screening"})
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    status_url = fields.String(required=True)
    total = fields.Integer(required=True, metadata={"description": "items in the job"})
    done = fields.Integer(required=True, metadata={"description": "items with a result"})
    failed = fields.Integer(required=True, metadata={"description": "items with an error result"})
    rate = fields.Float(allow_none=True, metadata={"description": "items per second so far"})
    estimated_finish = fields.DateTime(allow_none=True)
    created_at = fields.DateTime(required=True)
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
    owner = fields.String()
    callback_url = fields.String(allow_none=True)
    reenqueued = fields.Integer(metadata={"description": "chunk messages sent again (lost ones)"})
    links = fields.Nested(JobLinksSchema, required=True)


class JobListQuerySchema(Schema):
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))


class JobListSchema(Schema):
    items = fields.List(fields.Nested(JobSchema), required=True)


class ResultsQuerySchema(Schema):
    start = fields.Integer(
        data_key="from", load_default=0, validate=validate.Range(min=0, max=10_000_000),
        metadata={"description": "the first item index to return (resume after a break)"},
    )  # fmt: skip
    format = fields.String(load_default="jsonl", validate=validate.OneOf(("jsonl", "csv")))


class DeliverySchema(Schema):
    attempt = fields.Integer(required=True)
    at = fields.DateTime(required=True)
    url = fields.String(required=True)
    status_code = fields.Integer(allow_none=True)
    ok = fields.Boolean(required=True)
    error = fields.String(allow_none=True)
    duration_ms = fields.Float(required=True)


class DeliveryListSchema(Schema):
    items = fields.List(fields.Nested(DeliverySchema), required=True)
