"""Country codes and names: ISO 3166-1 alpha-2 from a code or a name in many languages.

Names come from the OpenSanctions ``countrynames`` data (MIT), compiled into
``service/data/countries.json`` by ``scripts/build_countries.py`` (see service/data/PROVENANCE.md).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "countries.json"
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)

# Codes that users write but ISO does not assign as alpha-2.
_ALIASES = {"UK": "GB", "EL": "GR"}


def normalize_name(text: str) -> str:
    """Casefold, strip diacritics and punctuation, so spellings of one name compare equal."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _PUNCT.sub(" ", text).strip()


@cache
def _table() -> tuple[frozenset[str], dict[str, str]]:
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    return frozenset(raw["codes"]), raw["names"]


def is_code(code: str) -> bool:
    """True for an assigned ISO 3166-1 alpha-2 code such as ``KP``."""
    return code in _table()[0]


def to_code(value: str) -> str | None:
    """Return the alpha-2 code for a code or a country name, or None if unknown.

    >>> to_code("kp"), to_code("Democratic People's Republic of Korea"), to_code("Corée du Nord")
    ('KP', 'KP', 'KP')
    """
    value = value.strip()
    if not value:
        return None
    codes, names = _table()
    upper = value.upper()
    if len(value) == 2:
        upper = _ALIASES.get(upper, upper)
        if upper in codes:
            return upper
    return names.get(normalize_name(value))
