"""The JSON Schema of rule files, generated from the loader's own tables.

The schema published in rules/schema/ is this function's output; a test fails when they
differ, so editors validate exactly what the loader accepts.
"""

from __future__ import annotations

from typing import Any

from service.engine import parse as p
from service.engine.model import AFTER_UNTIL, CONDITION_TYPES, OUTCOMES

SCHEMA_ID = "https://github.com/sanctions-screening/rules/schema/rule-file.schema.json"


def _obj(props: dict[str, Any], required: dict[str, bool] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": props}
    needed = [k for k, v in (required or {}).items() if v]
    if needed:
        out["required"] = needed
    return out


def _one_or_many(item: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1}]}


def _enum(values: tuple[str, ...]) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


COUNTRY = {"type": "string", "pattern": "^[A-Z]{2}$"}
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
TEXT = {"type": "string", "minLength": 1}


def _threshold(unit_key: str) -> dict[str, Any]:
    props: dict[str, Any] = {op: {"type": "number"} for op in p.THRESHOLD_OPS}
    props[unit_key] = TEXT
    props["if_unknown"] = {"type": "boolean"}
    schema = _obj(props, {unit_key: True})
    schema["minProperties"] = 2
    return schema


def _predicates() -> dict[str, Any]:
    cond = {"$ref": "#/$defs/condition"}
    return {
        "all": {"type": "array", "items": cond, "minItems": 1},
        "any": {"type": "array", "items": cond, "minItems": 1},
        "not": cond,
        "to": _one_or_many(COUNTRY),
        "from": _one_or_many(COUNTRY),
        "through": _one_or_many(COUNTRY),
        "party": _obj(
            {
                "role": _one_or_many(_enum(p.ROLES)),
                "country": _one_or_many(COUNTRY),
                "category": _one_or_many(_enum(p.PARTY_CATEGORIES)),
                "type": _one_or_many(_enum(p.PARTY_TYPES)),
                "designated": _one_or_many(TEXT),
            }
        ),
        "goods": _obj(
            {
                "category": _one_or_many(TEXT),
                "hs": _one_or_many({"type": "string", "pattern": r"^\d{2,6}$"}),
                "quantity": _threshold("unit"),
                "value": _threshold("currency"),
                "except": _one_or_many(TEXT),
            }
        ),
        "vessel_flag": _one_or_many(COUNTRY),
        "ship_to_ship": {"type": "boolean"},
        "type": _one_or_many(_enum(p.TX_TYPES)),
        "purpose": _one_or_many(_enum(p.PURPOSES)),
        "authorization": _obj(
            {"type": _one_or_many(_enum(CONDITION_TYPES)), "regime": _one_or_many(TEXT)},
            p.AUTHORIZATION_KEYS,
        ),
    }


def rule_file_schema() -> dict[str, Any]:
    """The schema of a file under rules/un/: ``rules`` and ``tests`` lists."""
    citation = _obj(
        {"instrument": TEXT, "paragraph": TEXT, "url": {"type": "string", "pattern": "^https://"},
         "verified": {"type": "boolean"}},
        p.CITATION_KEYS,
    )  # fmt: skip
    condition = _obj(_predicates())
    condition["minProperties"] = 1
    rule = _obj(
        {
            "id": {"type": "string", "pattern": p.ID_RX.pattern},
            "title": TEXT,
            "regime": TEXT,
            "measures": _one_or_many(TEXT),
            "citations": {"type": "array", "items": citation, "minItems": 1},
            "in_force": _obj(
                {"from": DATE, "until": DATE, "after_until": _enum(AFTER_UNTIL), "note": TEXT},
                p.IN_FORCE_KEYS,
            ),
            "when": {"$ref": "#/$defs/condition"},
            "outcome": _enum(OUTCOMES[:3]),
            "conditions": {
                "type": "array",
                "items": _obj(
                    {"type": _enum(CONDITION_TYPES), "description": TEXT}, p.CONDITION_KEYS
                ),
            },
            "exemptions": {
                "type": "array",
                "items": _obj(
                    {
                        "description": TEXT,
                        "when": {"$ref": "#/$defs/condition"},
                        "citation": citation,
                    },
                    p.EXEMPTION_KEYS,
                ),
            },
            "disputed": {"type": "boolean"},
            "dispute_note": TEXT,
            "note": TEXT,
        },
        p.RULE_KEYS,
    )
    test = _obj(
        {
            "name": TEXT,
            "date": DATE,
            "designated": {
                "type": "object",
                "patternProperties": {r"^\d+$": _one_or_many(TEXT)},
                "additionalProperties": False,
            },
            "transaction": {"type": "object"},
            "expect": _obj(
                {
                    "outcome": _enum(OUTCOMES),
                    "rules": _one_or_many(TEXT),
                    "not_rules": _one_or_many(TEXT),
                },
                p.EXPECT_KEYS,
            ),
        },
        p.TEST_KEYS,
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Sanctions screening rule file",
        "description": "Rules encoding UN Security Council measures, and tests beside them. See rules/README.md.",
        **_obj(
            {"rules": {"type": "array", "items": rule}, "tests": {"type": "array", "items": test}}
        ),
        "$defs": {"condition": condition},
    }
