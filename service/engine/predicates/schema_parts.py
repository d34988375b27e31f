"""JSON-Schema building blocks shared by the predicates and the rule-file schema."""

from __future__ import annotations

from typing import Any

COUNTRY = {"type": "string", "pattern": "^[A-Z]{2}$"}
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
TEXT = {"type": "string", "minLength": 1}


def obj(props: dict[str, Any], required: dict[str, bool] | None = None) -> dict[str, Any]:
    """An object with exactly these properties (and the required ones among them)."""
    out: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": props}
    needed = [k for k, v in (required or {}).items() if v]
    if needed:
        out["required"] = needed
    return out


def one_or_many(item: dict[str, Any]) -> dict[str, Any]:
    """A value or a non-empty list of such values."""
    return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1}]}


def enum(values: tuple[str, ...]) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}
