"""Subdivisions of a State that measures single out, and the words that name them.

Only the Darfur arms embargo (1556, 1591) covers part of a State among the encoded regimes, so
the table holds the five Darfur states (ISO 3166-2:SD codes) with their state names in the
languages the extractor reads and their main towns. "Darfur" alone names no one state and sets
no region: the country-level review then asks a person.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# ISO 3166-2 code -> names (lower case, without accents), state names first, then towns
REGIONS: dict[str, tuple[str, ...]] = {
    "SD-DN": (
        "north darfur", "northern darfur", "nord darfour", "darfour du nord", "darfour nord",
        "darfur del norte", "darfur norte", "северный дарфур", "северном дарфуре",
        "el fasher", "el-fasher", "al fashir", "al-fashir", "el fashir", "al fasher", "fasher",
        "эль фашер", "эль-фашер", "кутум", "kutum", "mellit", "kabkabiya", "kebkabiya",
        "tawila", "zamzam",
    ),
    "SD-DS": (
        "south darfur", "southern darfur", "sud darfour", "darfour du sud", "darfour sud",
        "darfur del sur", "darfur sur", "южный дарфур", "южном дарфуре", "nyala", "niyala",
        "ньяла", "ньяле",
    ),
    "SD-DW": (
        "west darfur", "western darfur", "darfour ouest", "darfour occidental",
        "ouest darfour", "darfur occidental", "darfur oeste", "западный дарфур",
        "западном дарфуре", "el geneina", "el-geneina", "al geneina", "al-geneina", "geneina",
        "al junaynah", "al-junaynah", "эль-генейна", "эль генейна",
    ),
    "SD-DC": (
        "central darfur", "darfour central", "darfour centre", "darfur central",
        "центральный дарфур", "zalingei", "zalingi", "залинджей",
    ),
    "SD-DE": (
        "east darfur", "eastern darfur", "darfour oriental", "darfour est", "est darfour",
        "darfur oriental", "darfur este", "восточный дарфур", "ed daein", "ed da ein", "ad duayn",
        "ed-daein",
    ),
}  # fmt: skip


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s'’\-]+", " ", plain)


@cache
def _pattern() -> re.Pattern[str]:
    names = sorted({_fold(n) for names in REGIONS.values() for n in names}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")


@cache
def _code_of() -> dict[str, str]:
    return {_fold(n): code for code, names in REGIONS.items() for n in names}


def regions_in(text: str) -> list[tuple[str, int, int]]:
    """(ISO 3166-2 code, start, end) of every region name in the text, in order. Folding keeps
    the text's length except where runs of spaces, hyphens and apostrophes are shortened, so
    offsets are mapped back through the folded text's own positions."""
    folded: list[str] = []
    starts: list[int] = []
    for i, ch in enumerate(text):
        f = _fold(ch) if ch not in " '’-" else " "
        for c in f:
            if c == " " and folded and folded[-1] == " ":
                continue
            folded.append(c)
            starts.append(i)
    joined = "".join(folded)
    out = []
    for m in _pattern().finditer(joined):
        start, end = starts[m.start()], starts[m.end() - 1] + 1
        out.append((_code_of()[m.group(1)], start, end))
    return out
