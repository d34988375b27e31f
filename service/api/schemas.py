"""Marshmallow schemas of the HTTP contract (ARCHITECTURE §3.1 transaction, §3.2 decision).

Requests are strict: unknown fields are rejected with their path, numbers and booleans must be
JSON numbers and booleans, country names are normalised to ISO alpha-2, dates are YYYY-MM-DD,
at most 30 parties (120 name words in all) and 50 goods lines. Limits mirror ``service.screening.transaction``, which parses the
validated dict again before screening (so the two can never disagree silently).
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from service.countries import CountryError, resolve
from service.screening.transaction import (
    MAX_AUTHORIZATIONS,
    MAX_GOODS,
    MAX_NAME,
    MAX_NAME_WORDS,
    MAX_NAME_WORDS_TOTAL,
    MAX_PARTIES,
    MAX_TEXT,
    TransactionError,
    number_problem,
    parse_transaction,
)
from service.vocabulary import (
    OUTCOMES,
    PARTY_CATEGORIES,
    PARTY_TYPES,
    PURPOSES,
    ROLES,
    TRANSACTION_TYPES,
)


def _text(limit: int, **kw: Any) -> fields.String:
    return fields.String(validate=validate.Length(max=limit), **kw)


class Country(fields.String):
    """An ISO 3166-1 alpha-2 code or a country name, loaded as the code."""

    def __init__(self, **kw: Any) -> None:
        meta = {"example": "KP", "description": "ISO 3166-1 alpha-2 code or a country name"}
        super().__init__(metadata=meta, **kw)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kw: Any) -> str:
        text = super()._deserialize(value, attr, data, **kw)
        try:
            return resolve(text[:200])
        except CountryError as exc:
            raise ValidationError(str(exc)) from exc


class Name(fields.String):
    """A party or vessel name: at most MAX_NAME characters and MAX_NAME_WORDS words."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(validate=validate.Length(max=MAX_NAME), **kw)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kw: Any) -> str:
        text = super()._deserialize(value, attr, data, **kw)
        if len(text.split()) > MAX_NAME_WORDS:
            raise ValidationError(f"has more than {MAX_NAME_WORDS} words (limit name_words)")
        return text


HS_CODE_SPEC = {
    "oneOf": [{"type": "string"}, {"type": "integer", "minimum": 0}],
    "example": "930690",
    "description": "2, 4, 6 or more digits; a string keeps leading zeros (an integer loses them)",
}


class HsCode(fields.Field):
    """An HS code as a string (or a JSON integer): 2, 4, 6 or more digits, dots allowed."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kw: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or len(value) > 20:
            raise ValidationError("must be a string of digits such as 930690")
        digits = value.replace(".", "").replace(" ", "")
        if not digits.isdigit() or not 2 <= len(digits) <= 12 or len(digits) % 2:
            raise ValidationError(f"'{value}' is not an HS code; use 2, 4, 6 or more digits")
        return digits


class StrictNumber(fields.Float):
    """A JSON number ≥ 0; strings and booleans are refused rather than coerced."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(allow_nan=False, **kw)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kw: Any) -> float:
        problem = number_problem(value)  # the core's policy: finite, 0 ≤ x ≤ MAX_NUMBER
        if problem:
            raise ValidationError(problem)
        return super()._deserialize(value, attr, data, **kw)


class StrictBool(fields.Boolean):
    def _deserialize(self, value: Any, attr: Any, data: Any, **kw: Any) -> bool:
        if not isinstance(value, bool):
            raise ValidationError("must be true or false")
        return value


class StrictBoolQuery(fields.Boolean):
    """A query-string boolean: true/false (or 1/0) only."""

    truthy = {"true", "1"}
    falsy = {"false", "0"}


class PartySchema(Schema):
    role = fields.String(validate=validate.OneOf(ROLES))
    name = Name()
    type = fields.String(validate=validate.OneOf(PARTY_TYPES))
    country = Country()
    nationality = Country()
    category = fields.String(validate=validate.OneOf(PARTY_CATEGORIES))
    date_of_birth = _text(40)
    imo = _text(40)
    document = _text(100)


class MoneySchema(Schema):
    amount = StrictNumber(required=True)
    currency = fields.String(validate=validate.Length(equal=3), metadata={"example": "USD"})


class GoodsLineSchema(Schema):
    description = _text(2000)
    hs_code = HsCode(metadata=HS_CODE_SPEC)
    quantity = StrictNumber()
    unit = _text(40)
    value = fields.Nested(MoneySchema)
    origin = Country()


class VesselSchema(Schema):
    name = Name()
    imo = _text(40)
    flag = Country()


class RouteSchema(Schema):
    origin = Country()
    destination = Country()
    transit = fields.List(Country(), validate=validate.Length(max=50))
    vessel = fields.Nested(VesselSchema)
    ship_to_ship = StrictBool()
    destination_region = fields.String(
        validate=validate.Regexp(r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$"),
        metadata={
            "example": "SD-DN",
            "description": "ISO 3166-2 subdivision of the destination, for measures on part of "
            "a State (the Darfur arms embargo: SD-DN, SD-DS, SD-DW, SD-DC, SD-DE); one outside "
            "the destination meets no rule",
        },
    )


class AuthorizationSchema(Schema):
    type = fields.String(required=True, validate=validate.Length(min=1, max=60))
    regime = _text(40)
    reference = _text(200)
    covers = fields.List(
        _text(200),
        validate=validate.Length(max=50),
        metadata={"description": "rule ids or measure ids the authorization is for; an "
                  "exemption from a prohibition needs one that names it"},
    )  # fmt: skip


class TransactionSchema(Schema):
    """A transaction to screen; ``goods`` or ``description`` is required."""

    reference = _text(200)
    date = fields.Date(metadata={"description": "as-of date, YYYY-MM-DD; default today"})
    type = fields.String(validate=validate.OneOf(TRANSACTION_TYPES), load_default="goods")
    description = _text(MAX_TEXT)
    # Nested(many=True) rather than List(Nested): one nested load per list, not one per item
    parties = fields.Nested(PartySchema, many=True, validate=validate.Length(max=MAX_PARTIES))
    goods = fields.Nested(GoodsLineSchema, many=True, validate=validate.Length(max=MAX_GOODS))
    route = fields.Nested(RouteSchema)
    authorizations = fields.Nested(
        AuthorizationSchema, many=True, validate=validate.Length(max=MAX_AUTHORIZATIONS)
    )
    purposes = fields.List(
        fields.String(validate=validate.OneOf(PURPOSES)), validate=validate.Length(max=10)
    )

    @validates_schema
    def _goods_or_description(self, data: dict[str, Any], **kw: Any) -> None:
        if not data.get("goods") and not data.get("description"):
            raise ValidationError("a transaction needs goods lines or a description", "goods")
        names = [p.get("name") for p in data.get("parties") or []]
        names.append((data.get("route") or {}).get("vessel", {}).get("name"))
        words = sum(len(n.split()) for n in names if n)
        if words > MAX_NAME_WORDS_TOTAL:
            raise ValidationError(
                f"the party and vessel names have {words} words in all; at most "
                f"{MAX_NAME_WORDS_TOTAL} are allowed (limit name_words_total)",
                "parties",
            )

    def load(
        self,
        data: Any,
        *,
        many: bool | None = None,
        partial: Any = None,
        unknown: Any = None,
    ) -> Any:  # type: ignore[override]
        """The parsed :class:`~service.screening.transaction.Transaction`, validated by the core's parser.

        The core parser enforces this schema's rules (a test keeps them in step) several times
        faster than marshmallow's field machinery, and names the JSON path of every error.
        """
        if many or partial:
            return super().load(data, many=many, partial=partial, unknown=unknown)
        try:
            return parse_transaction(data)
        except TransactionError as exc:
            # The core's errors, keyed by the same JSON paths; running the schema as well would
            # redo the work of a refused (perhaps hostile, limit-sized) body for other words.
            raise ValidationError(
                {path or "_schema": [msg] for path, msg in exc.errors.items()}
            ) from exc


# --- responses ----------------------------------------------------------------------------


class CitationSchema(Schema):
    instrument = fields.String(required=True)
    paragraph = fields.String(required=True)
    url = fields.String(required=True)
    verified = fields.Boolean(required=True)


class EvidenceRefSchema(Schema):
    goods = fields.List(fields.Integer())
    parties = fields.List(fields.Integer())


class ConditionSchema(Schema):
    type = fields.String(required=True)
    description = fields.String(required=True)


class TextEvidenceSchema(Schema):
    text = fields.String(required=True)
    span = fields.List(
        fields.Integer(), required=True, metadata={"description": "[start, end) character offsets"}
    )
    how = fields.String(required=True, metadata={"description": "how the text was read"})


class InterpretedFieldSchema(Schema):
    field = fields.String(
        required=True, metadata={"description": "path in the transaction, e.g. route.origin"}
    )
    value = fields.Raw(required=True)
    text = fields.String()
    span = fields.List(fields.Integer())
    how = fields.String()


class InterpretedGoodsSchema(Schema):
    text = fields.String(required=True)
    span = fields.List(fields.Integer(), required=True)
    description = fields.String(
        required=True, metadata={"description": "what the classifier read (with glosses)"}
    )
    categories = fields.List(fields.String(), required=True)
    quantity = fields.String()
    notes = fields.List(fields.String())


class ReadingSchema(Schema):
    reading = fields.String(required=True)
    outcome = fields.String(required=True, validate=validate.OneOf(OUTCOMES))
    rules = fields.List(fields.String(), required=True)


class InterpretedTransactionSchema(Schema):
    index = fields.Integer(required=True)
    span = fields.List(fields.Integer(), required=True)
    text = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(("asserted", "hedged", "denied")))
    status_cue = fields.Nested(TextEvidenceSchema)
    fields_ = fields.List(
        fields.Nested(InterpretedFieldSchema), data_key="fields", attribute="fields",
        required=True,
    )  # fmt: skip
    goods = fields.List(fields.Nested(InterpretedGoodsSchema), required=True)
    ambiguities = fields.List(fields.String())
    notes = fields.List(fields.String())
    transaction = fields.Dict(
        required=True, metadata={"description": "the structured transaction read (§3.1)"}
    )
    outcome = fields.String(
        validate=validate.OneOf(OUTCOMES),
        metadata={"description": "this transaction's outcome as counted (review when denied)"},
    )
    as_of = fields.String(metadata={"format": "date"})
    rules = fields.List(fields.String(), metadata={"description": "rules that were not clear"})
    readings = fields.List(
        fields.Nested(ReadingSchema),
        metadata={"description": "each way the text can be read, when it allows several"},
    )


class ExtractionSchema(Schema):
    language = fields.String(required=True, allow_none=True)
    transactions = fields.List(fields.Nested(InterpretedTransactionSchema), required=True)
    not_understood = fields.List(fields.Nested(TextEvidenceSchema), required=True)
    notes = fields.List(fields.String(), required=True)


class InterpretationSchema(ExtractionSchema):
    screened = fields.String(
        required=True,
        validate=validate.OneOf(("extracted", "structured")),
        metadata={
            "description": "extracted: the decision is on what the description says; "
            "structured: on the structured fields (the description shown for information)"
        },
    )


class ExtractRequestSchema(Schema):
    description = fields.String(required=True, validate=validate.Length(min=1, max=MAX_TEXT))


class FindingSchema(Schema):
    rule = fields.String(required=True)
    regime = fields.String(required=True, allow_none=True)
    outcome = fields.String(required=True, validate=validate.OneOf(OUTCOMES))
    title = fields.String(required=True)
    citations = fields.List(fields.Nested(CitationSchema), required=True)
    disputed = fields.Boolean(required=True)
    dispute_note = fields.String()
    measures = fields.List(fields.String())
    conditions = fields.List(fields.Nested(ConditionSchema), required=True)
    explanation = fields.String(required=True)
    evidence = fields.Nested(EvidenceRefSchema, required=True)
    notes = fields.List(fields.String())
    transaction = fields.Integer(
        metadata={"description": "the interpreted transaction the finding is about"}
    )
    span = fields.List(fields.Integer(), metadata={"description": "its characters in the text"})


class TermEvidenceSchema(Schema):
    kind = fields.String(required=True, metadata={"description": "hs, term or calibre"})
    text = fields.String(required=True)
    category = fields.String(required=True)
    lang = fields.String()


class HsSuggestionSchema(Schema):
    code = fields.String(required=True, metadata={"description": "HS 2022 subheading"})
    score = fields.Float(
        required=True,
        metadata={"description": "BM25 share of the description's words it explains, +0.5 "
                  "when under a category the taxonomy's terms found"},
    )  # fmt: skip
    words = fields.List(
        fields.String(), required=True, metadata={"description": "supporting words"}
    )


class ClassificationSchema(Schema):
    categories = fields.List(fields.String(), required=True)
    hs_code = fields.String(required=True, allow_none=True)
    evidence = fields.List(fields.Nested(TermEvidenceSchema), required=True)
    unclassified = fields.Boolean()
    conflict = fields.String()
    notes = fields.List(fields.String())
    hs_suggestions = fields.List(
        fields.Nested(HsSuggestionSchema),
        metadata={"description": "the three HS subheadings the text reads as best, from "
                  "three headings when three are plausible (never overrides a declared code; "
                  "categories come from the taxonomy)"},
    )  # fmt: skip
    hs_mismatch = fields.String(
        metadata={"description": "the declared code contradicts a confident suggestion"}
    )


class GoodsResultSchema(ClassificationSchema):
    line = fields.Integer(required=True)


class DecisionSchema(Schema):
    outcome = fields.String(required=True, validate=validate.OneOf(OUTCOMES))
    as_of = fields.String(required=True, metadata={"format": "date"})
    reference = fields.String()
    findings = fields.List(fields.Nested(FindingSchema), required=True)
    goods = fields.List(fields.Nested(GoodsResultSchema), required=True)
    parties = fields.List(
        fields.Dict(),
        required=True,
        metadata={"description": "per party index, its list matches (see §3.2)"},
    )
    versions = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    notes = fields.List(fields.String())
    interpretation = fields.Nested(
        InterpretationSchema,
        metadata={"description": "what the description was read as, field by field, with spans"},
    )


class ClassifyRequestSchema(Schema):
    description = _text(2000)
    hs_code = HsCode(metadata=HS_CODE_SPEC)

    @validates_schema
    def _something(self, data: dict[str, Any], **kw: Any) -> None:
        if not data.get("description") and not data.get("hs_code"):
            raise ValidationError("give a description, an hs_code or both", "description")


class InForceSchema(Schema):
    from_ = fields.String(
        data_key="from", attribute="from", required=True, metadata={"format": "date"}
    )
    until = fields.String(allow_none=True, metadata={"format": "date"})
    after_until = fields.String()
    note = fields.String(allow_none=True)
    mandate = fields.String(
        allow_none=True,
        metadata={
            "description": "the regime whose mandate chain ends the rule (`until` is its last expiry)"
        },
    )


class ExemptionSchema(Schema):
    description = fields.String(required=True)
    citation = fields.Nested(CitationSchema, allow_none=True)


class RuleSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    regime = fields.String(required=True)
    citations = fields.List(fields.Nested(CitationSchema), required=True)
    in_force = fields.Nested(InForceSchema, required=True)
    outcome = fields.String(required=True)
    measures = fields.List(fields.String(), required=True)
    implements = fields.List(
        fields.String(),
        metadata={
            "description": "the kinds of measure the rule encodes (asset_freeze, arms_embargo, "
            "port_entry_ban, ...): a listing for other measures only does not meet its "
            "`designated`; empty: any listing does"
        },
    )
    conditions = fields.List(fields.Nested(ConditionSchema), required=True)
    exemptions = fields.List(fields.Nested(ExemptionSchema), required=True)
    disputed = fields.Boolean(required=True)
    dispute_note = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    source = fields.String(required=True, metadata={"description": "file:line of the rule"})


class RuleQuerySchema(Schema):
    regime = fields.String(metadata={"description": "only rules of this regime, e.g. DPRK"})


class RegimeSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    committee = fields.String(required=True)
    targets = fields.List(fields.String(), required=True)
    list_types = fields.List(fields.String(), required=True)
    rules = fields.Integer(required=True, metadata={"description": "number of rules"})
    mandate = fields.Nested(
        "MandateSchema",
        allow_none=True,
        metadata={
            "description": "renewal chain of the regime's time-limited measures; null: open-ended"
        },
    )


class MandateTermSchema(Schema):
    resolution = fields.String(required=True)
    adopted = fields.String(required=True, metadata={"format": "date"})
    expires = fields.String(allow_none=True, metadata={"format": "date"})
    paragraph = fields.String(required=True)
    url = fields.String(required=True)
    verified = fields.Boolean(required=True)


class MandateSchema(Schema):
    expires = fields.String(allow_none=True, metadata={"format": "date"})
    after_expiry = fields.String(required=True)
    measures = fields.List(fields.String(), required=True)
    chain = fields.List(fields.Nested(MandateTermSchema), required=True)


class ListVersionSchema(Schema):
    id = fields.Integer(required=True)
    source = fields.String(required=True)
    version = fields.String(required=True, metadata={"example": "un:2026-05-08T23:00:06Z#1f1b3bfe"})
    date_generated = fields.String(required=True)
    sha256 = fields.String(required=True)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    loaded_at = fields.String(required=True, metadata={"format": "date-time"})
    forced_reason = fields.String(
        metadata={"description": "why a refused version was forced, and by whom it was refused"}
    )
    loaded_by = fields.String(metadata={"description": "the API key name or `cli`"})
    format = fields.String(
        metadata={"description": "the format it was read as", "example": "un-xml"}
    )
    entries = fields.Integer(metadata={"description": "number of listed entries"})
    rescreen = fields.Dict(
        metadata={"description": "`POST /v1/lists` only: the re-screening the new version "
                  "started (`id`, `status_url`, `examined`, `selected`; `error` when it could not "
                  "be started); absent when nothing is kept to re-screen or the same version "
                  "was loaded again"}
    )  # fmt: skip


class ListForceSchema(Schema):
    force = StrictBoolQuery(metadata={"description": "admin: store the version although it is "
                            "refused (older, undated, too many entries lost)"})  # fmt: skip
    reason = _text(500, metadata={"description": "why it is forced (required with force); "
                                  "recorded with the version"})  # fmt: skip


class ListLoadSchema(ListForceSchema):
    format = fields.String(
        metadata={"description": "the list's format (`sanctions lists formats`); without it, "
                  "told from the content where certain (never for OFAC XML)",
                  "example": "ofac-cons-xml"}
    )  # fmt: skip
    source = fields.String(
        validate=validate.Regexp(r"^[a-z0-9][a-z0-9-]{0,39}$"),
        metadata={"description": "the list's source, for formats that do not fix it (ftm-json)"},
    )
    published = _text(40, metadata={"description": "the publisher's date (ISO) for files "
                                    "carrying none (ofac-sdn-csv)"})  # fmt: skip


class ListsSchema(Schema):
    current = fields.Nested(ListVersionSchema, required=True, allow_none=True)
    versions = fields.List(fields.Nested(ListVersionSchema), required=True)
    sources = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(ListVersionSchema),
        metadata={"description": "each stored source's current version (the one screened)"},
    )


MAX_MATCH_QUERIES = 1000


class PartyQuerySchema(Schema):
    name = Name()
    type = fields.String(validate=validate.OneOf(PARTY_TYPES))
    date_of_birth = _text(40)
    nationality = Country()
    imo = _text(40)
    document = _text(100)

    @validates_schema
    def _identified(self, data: dict[str, Any], **kw: Any) -> None:
        if not any((data.get("name") or "").strip() or data.get(k) for k in ("imo", "document")):
            raise ValidationError("give a name, an imo or a document")


class PartiesMatchRequestSchema(Schema):
    queries = fields.List(
        fields.Nested(PartyQuerySchema),
        required=True,
        validate=validate.Length(min=1, max=MAX_MATCH_QUERIES),
    )
    threshold = StrictNumber(
        validate=validate.Range(min=0, max=1, min_inclusive=False),
        metadata={"description": "score from which a result is a `match` (default "
                  "SANCTIONS_MATCH_THRESHOLD; not below SANCTIONS_REVIEW_THRESHOLD)"},
    )  # fmt: skip
    lists = fields.List(
        fields.String(),
        validate=validate.Length(min=1, max=50),
        metadata={"description": "only these list sources (default: every enabled list)"},
    )


class ListingSchema(Schema):
    list = fields.String(required=True)
    reference = fields.String(required=True)
    programmes = fields.List(fields.String(), required=True)
    regime = fields.String(required=True)
    score = fields.Float(required=True)
    match = fields.Boolean(required=True)
    list_version = fields.String(required=True)


class PartyMatchSchema(Schema):
    list = fields.String(required=True, metadata={"description": "the best listing's list"})
    reference = fields.String(required=True)
    name = fields.String(required=True)
    matched_name = fields.String(required=True)
    score = fields.Float(required=True)
    match = fields.Boolean(required=True)
    band = fields.String(required=True, validate=validate.OneOf(("match", "review")))
    regime = fields.String(required=True, metadata={"description": "'' when none is mapped"})
    listed_on = fields.String(required=True, allow_none=True, metadata={"format": "date"})
    explanation = fields.String(required=True)
    list_version = fields.String(required=True)
    programmes = fields.List(fields.String(), required=True)
    lists = fields.List(
        fields.Nested(ListingSchema),
        required=True,
        metadata={"description": "every list this party is on, the best listing first"},
    )


class QueryMatchesSchema(Schema):
    index = fields.Integer(required=True, metadata={"description": "the query's index"})
    matches = fields.List(fields.Nested(PartyMatchSchema), required=True)
    notes = fields.List(fields.String())


class PartiesMatchSchema(Schema):
    results = fields.List(fields.Nested(QueryMatchesSchema), required=True)
    threshold = fields.Float(required=True)
    lists = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={"description": "every list searched: source -> version"},
    )


class HealthSchema(Schema):
    status = fields.String(required=True)


class ReadySchema(Schema):
    ready = fields.Boolean(required=True)
    checks = fields.Dict(keys=fields.String(), values=fields.Dict(), required=True)


class ProblemSchema(Schema):
    """RFC 7807 problem document."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "message per JSON path, e.g. goods[0].hs_code"},
    )
    request_id = fields.String()
    checks = fields.Dict(metadata={"description": "readiness checks (503 from /readyz)"})
    reasons = fields.List(
        fields.String(), metadata={"description": "why a list version is refused (409)"}
    )
