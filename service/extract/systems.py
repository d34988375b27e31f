"""Glosses the classifier can read, for words of the trade it cannot: named weapon systems the
taxonomy does not list (``data/systems.yaml``), shipping abbreviations ("ARTY", "RDS") and, in a
text about war, "drones" meaning military drones.

A gloss is appended to a goods line's description, so the classifier's own categories decide:
"Pantsir air-defence systems" goes to the classifier as "Pantsir air-defence systems (surface-to-
air missile system)". Each gloss is tested to read as its category.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from service.extract.phrases import PhraseIndex
from service.extract.text import words

DATA = Path(__file__).resolve().parent / "data" / "systems.yaml"


@dataclass(frozen=True, slots=True)
class Gloss:
    name: str
    gloss: str
    category: str  # what the gloss must read as (checked by a test)
    kind: str  # "system", "abbreviation" or "context"


@cache
def glosses() -> tuple[dict[str, Gloss], PhraseIndex]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    table: dict[str, Gloss] = {}
    entries: list[tuple[str, str]] = []
    for kind in ("systems", "abbreviations"):
        for item in raw.get(kind, []):
            g = Gloss(item["names"][0], item["gloss"], item["category"], kind[:-1])
            for name in item["names"]:
                table[name] = g
                entries.append((name, name))
    return table, PhraseIndex(entries)


MILITARY_CONTEXT = words(
    """war guerre guerra война military militaire militar armed armé armés armée army
    attack attaque frappe frappes strike strikes kamikaze front combat combats invasion
    shahed mohajer geran lancet bayraktar orlan"""
)
DRONE_WORDS = words("drone drones dron drones дрон дроны дронов беспилотник беспилотники")
