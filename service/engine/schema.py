"""The JSON Schema of rule files, generated from the loader's tables and the predicate registry.

The schema published in rules/schema/ is this function's output; a test fails when they
differ, so editors validate exactly what the loader accepts.
"""

from __future__ import annotations

from typing import Any

from service.engine import parse as p
from service.engine.model import AFTER_UNTIL, MANDATE
from service.engine.predicates import PREDICATES
from service.engine.predicates.schema_parts import DATE, TEXT, enum, obj, one_or_many
from service.vocabulary import CONDITION_TYPES, MEASURE_KINDS, OUTCOMES

SCHEMA_ID = "https://github.com/sanctions-screening/rules/schema/rule-file.schema.json"
CONDITION = {"$ref": "#/$defs/condition"}


def _citation() -> dict[str, Any]:
    return obj(
        {"instrument": TEXT, "paragraph": TEXT, "url": {"type": "string", "pattern": "^https://"},
         "verified": {"type": "boolean"}},
        p.CITATION_KEYS,
    )  # fmt: skip


def _rule(citation: dict[str, Any]) -> dict[str, Any]:
    return obj(
        {
            "id": {"type": "string", "pattern": p.ID_RX.pattern},
            "title": TEXT,
            "regime": TEXT,
            "measures": one_or_many(TEXT),
            "implements": one_or_many(enum(MEASURE_KINDS)),
            "citations": {"type": "array", "items": citation, "minItems": 1},
            "in_force": obj(
                {
                    "from": DATE,
                    "until": {"anyOf": [DATE, {"const": MANDATE}]},
                    "after_until": enum(AFTER_UNTIL),
                    "note": TEXT,
                },
                p.IN_FORCE_KEYS,
            ),
            "when": CONDITION,
            "outcome": enum(OUTCOMES[:3]),
            "conditions": {
                "type": "array",
                "items": obj(
                    {"type": enum(CONDITION_TYPES), "description": TEXT}, p.CONDITION_KEYS
                ),
            },
            "exemptions": {
                "type": "array",
                "items": obj(
                    {"description": TEXT, "when": CONDITION, "citation": citation},
                    p.EXEMPTION_KEYS,
                ),
            },
            "disputed": {"type": "boolean"},
            "dispute_note": TEXT,
            "note": TEXT,
        },
        p.RULE_KEYS,
    )


def _test() -> dict[str, Any]:
    return obj(
        {
            "name": TEXT,
            "date": DATE,
            "designated": {
                "type": "object",
                "patternProperties": {r"^\d+$": one_or_many(TEXT)},
                "additionalProperties": False,
            },
            "transaction": {"type": "object"},
            "expect": obj(
                {
                    "outcome": enum(OUTCOMES),
                    "rules": one_or_many(TEXT),
                    "not_rules": one_or_many(TEXT),
                },
                p.EXPECT_KEYS,
            ),
        },
        p.TEST_KEYS,
    )


def rule_file_schema() -> dict[str, Any]:
    """The schema of a file under rules/un/: ``rules`` and ``tests`` lists."""
    condition = obj({name: pred.schema() for name, pred in PREDICATES.items()})
    condition["minProperties"] = 1
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Sanctions screening rule file",
        "description": "Rules encoding UN Security Council measures, and tests beside them. See rules/README.md.",
        **obj(
            {
                "rules": {"type": "array", "items": _rule(_citation())},
                "tests": {"type": "array", "items": _test()},
            }
        ),
        "$defs": {"condition": condition},
    }
