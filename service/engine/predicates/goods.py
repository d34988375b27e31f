"""``goods``: a goods line in these categories or HS codes, above or below a quantity or value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.engine.codes import R202, R207, R210, R212
from service.engine.facts import LineFacts
from service.engine.units import lookup as unit_lookup

from .registry import Evaluator, Match, Predicate, register
from .schema_parts import TEXT, obj, one_or_many

KEYS = ("category", "hs", "quantity", "value", "except")
THRESHOLD_OPS = ("gt", "gte", "lt", "lte")


@dataclass(frozen=True, slots=True)
class Threshold:
    op: str  # gt, gte, lt, lte
    amount: float
    unit: str  # a unit (quantity) or a currency (value)
    dimension: str | None = None  # for quantities
    factor: float = 1.0
    if_unknown: bool = True  # an unknown quantity or value counts as meeting it (fail safe)

    def holds(self, actual: float) -> bool:
        limit = self.amount * self.factor
        return {
            "gt": actual > limit,
            "gte": actual >= limit,
            "lt": actual < limit,
            "lte": actual <= limit,
        }[self.op]


@dataclass(frozen=True, slots=True)
class GoodsAre:
    categories: frozenset[str] = frozenset()
    hs: tuple[str, ...] = ()
    quantity: Threshold | None = None
    value: Threshold | None = None
    excluded: frozenset[str] = frozenset()  # a line in one of these categories does not count


def _compile(node: GoodsAre) -> Evaluator:
    # the common case: categories only, checked inline (no categories at all: any line)
    simple = bool(node.categories) and not (node.hs or node.quantity or node.value or node.excluded)
    categories = node.categories

    def run(f: Any) -> Match | None:
        if simple:
            hits = [i for i, ln in enumerate(f.goods) if not categories.isdisjoint(ln.categories)]
        else:
            hits = [i for i, line in enumerate(f.goods) if line_matches(node, line)]
        if not hits:
            return None
        first = f.goods[hits[0]]
        label = f"goods line {hits[0] + 1} ({', '.join(first.named) or 'unclassified'})"
        return Match(goods=frozenset(hits), notes=(label,))

    return run


def line_matches(node: GoodsAre, line: LineFacts) -> bool:
    """Whether one goods line meets the predicate (categories or HS, thresholds, exclusions)."""
    if node.excluded and not node.excluded.isdisjoint(line.categories):
        return False
    if node.categories and node.categories.isdisjoint(line.categories):
        if not (node.hs and any(code.startswith(node.hs) for code in line.hs)):
            return False
    elif not node.categories and node.hs and not any(code.startswith(node.hs) for code in line.hs):
        return False
    q = node.quantity
    if q is not None:
        if line.quantity is None or line.quantity[0] != q.dimension:
            if not q.if_unknown:
                return False
        elif not q.holds(line.quantity[1]):
            return False
    v = node.value
    if v is not None:
        if line.value is None or line.value[1] != v.unit:
            if not v.if_unknown:
                return False
        elif not v.holds(line.value[0]):
            return False
    return True


def _parse(p: Any, node: Any) -> GoodsAre | None:
    d = p.mapping(node, dict.fromkeys(KEYS, False), "goods")
    if not d:
        return None
    cats = p.category_set(d["category"], "goods category") if "category" in d else frozenset()
    hs: list[str] = []
    for code, item in p.strings(d["hs"], "hs") if "hs" in d else []:
        if code not in p.vocab.hs_codes:
            p.error(
                R207,
                f"HS code '{code}' is not in HS 2022; quote codes as strings, such as '9306'",
                item.loc,
            )
        hs.append(code)
    quantity = _threshold(p, d["quantity"], True) if "quantity" in d else None
    value = _threshold(p, d["value"], False) if "value" in d else None
    excluded = p.category_set(d["except"], "goods except") if "except" in d else frozenset()
    if cats is None or excluded is None:
        return None
    if ("quantity" in d and quantity is None) or ("value" in d and value is None):
        return None
    return GoodsAre(cats, tuple(hs), quantity, value, excluded)


def _threshold(p: Any, node: Any, quantity: bool) -> Threshold | None:
    keys = {
        **dict.fromkeys(THRESHOLD_OPS, False),
        ("unit" if quantity else "currency"): True,
        "if_unknown": False,
    }
    d = p.mapping(node, keys, "quantity" if quantity else "value")
    ops = [k for k in THRESHOLD_OPS if d and k in d]
    if not d or len(ops) != 1:
        p.error(R210, f"a threshold needs exactly one of {', '.join(THRESHOLD_OPS)}", node.loc)
        return None
    amount = d[ops[0]].value
    if isinstance(amount, bool) or not isinstance(amount, (int, float)):
        p.error(R202, f"threshold {ops[0]} must be a number, got {amount!r}", d[ops[0]].loc)
        return None
    if_unknown = p.boolean(d.get("if_unknown"), "if_unknown", True)
    if not quantity:
        cur = p.text(d.get("currency"), "currency")
        return Threshold(ops[0], float(amount), cur, None, 1.0, if_unknown) if cur else None
    unit = p.text(d.get("unit"), "unit")
    found = unit_lookup(unit)
    if unit and found is None:
        p.error(R212, f"unknown unit '{unit}'; use e.g. bbl, l, m3, kg, t, pieces", d["unit"].loc)
    if not unit or found is None:
        return None
    return Threshold(ops[0], float(amount), unit, found[0], found[1], if_unknown)


def _threshold_schema(unit_key: str) -> dict[str, Any]:
    props: dict[str, Any] = {op: {"type": "number"} for op in THRESHOLD_OPS}
    props[unit_key] = TEXT
    props["if_unknown"] = {"type": "boolean"}
    schema = obj(props, {unit_key: True})
    schema["minProperties"] = 2
    return schema


def _schema() -> dict[str, Any]:
    return obj(
        {
            "category": one_or_many(TEXT),
            "hs": one_or_many({"type": "string", "pattern": r"^\d{2,6}$"}),
            "quantity": _threshold_schema("unit"),
            "value": _threshold_schema("currency"),
            "except": one_or_many(TEXT),
        }
    )


def _keys(node: GoodsAre) -> frozenset[str] | None:
    if node.categories and not node.hs:
        return frozenset(f"g:{c}" for c in node.categories)
    return None


register(
    Predicate(
        "goods", GoodsAre, _parse, _compile, _schema, _keys,
        summary="a goods line in one of the categories (with descendants) or HS prefixes, "
        "optionally above/below a quantity or value, not in the `except` categories",
    )
)  # fmt: skip
