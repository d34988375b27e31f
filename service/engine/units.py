"""Units of quantity, converted within their dimension (volume, mass, count).

Barrels and tonnes are not converted into each other: the density of a cargo is not known, so a
threshold in barrels meets a quantity in tonnes as "unknown" (see ``Threshold``).
"""

from __future__ import annotations

from functools import lru_cache

# unit spelling -> (dimension, factor to the dimension's base unit: litre, kilogram, piece)
UNITS: dict[str, tuple[str, float]] = {}
_TABLE = {
    ("volume", 1.0): ("l", "litre", "litres", "liter", "liters", "ltr"),
    ("volume", 1000.0): ("m3", "cubic metre", "cubic metres", "cubic meter", "cubic meters", "kl"),
    ("volume", 158.987294928): ("bbl", "barrel", "barrels", "bbls"),
    ("volume", 3.785411784): ("gal", "gallon", "gallons", "us gallon", "us gallons"),
    ("mass", 1.0): ("kg", "kgs", "kilogram", "kilograms", "kilo", "kilos"),
    ("mass", 0.001): ("g", "gram", "grams"),
    ("mass", 1000.0): ("t", "mt", "tonne", "tonnes", "metric ton", "metric tons", "ton", "tons"),
    ("mass", 0.45359237): ("lb", "lbs", "pound", "pounds"),
    ("count", 1.0): ("pcs", "pc", "piece", "pieces", "unit", "units", "each", "item", "items",
                     "rounds", "round", "nos", "no"),
}  # fmt: skip
for (dimension, factor), names in _TABLE.items():
    for name in names:
        UNITS[name] = (dimension, factor)


@lru_cache(maxsize=4096)
def lookup(unit: str | None) -> tuple[str, float] | None:
    """(dimension, factor) for a unit spelling, or None when unknown."""
    if not unit:
        return None
    return UNITS.get(" ".join(unit.casefold().replace(".", "").split()))


def to_base(quantity: float | None, unit: str | None) -> tuple[str, float] | None:
    """A quantity expressed in its dimension's base unit, e.g. 10 bbl -> ('volume', 1589.87)."""
    found = lookup(unit)
    if quantity is None or found is None:
        return None
    return found[0], quantity * found[1]
