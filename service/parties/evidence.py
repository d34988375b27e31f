"""Secondary evidence: date of birth, nationality, identifiers and party type.

Each check returns a score adjustment and a short phrase for the explanation; agreeing
evidence raises a name score, conflicting evidence lowers it, absent evidence does nothing.
"""

from __future__ import annotations

import re

from .model import ListEntry

DOB_EXACT_BONUS = 0.06
DOB_YEAR_BONUS = 0.03
DOB_CONFLICT = -0.10
NATIONALITY_BONUS = 0.03
NATIONALITY_CONFLICT = -0.05
TYPE_CONFLICT = -0.15
IDENTIFIER_SCORE = 0.995  # exact IMO or document number: near-certain whatever the name

_PERSON = frozenset({"person", "individual", "people", "natural_person"})
_ENTITY = frozenset({"entity", "organization", "organisation", "company", "legal_entity", "vessel"})
_DOB = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\s*$")
# Country spellings that differ between the list and common usage, folded to one key.
_COUNTRIES = {
    "kp": "dprk", "prk": "dprk", "north korea": "dprk", "korea dpr": "dprk",
    "democratic peoples republic of korea": "dprk", "ir": "iran", "irn": "iran",
    "iran islamic republic of": "iran", "islamic republic of iran": "iran",
    "sy": "syria", "syrian arab republic": "syria", "ru": "russia", "russian federation": "russia",
    "af": "afghanistan", "afg": "afghanistan", "iq": "iraq", "irq": "iraq", "ye": "yemen",
    "so": "somalia", "sd": "sudan", "ss": "south sudan", "ly": "libya", "libyan arab jamahiriya": "libya",
    "cd": "democratic republic of the congo", "drc": "democratic republic of the congo",
    "cf": "central african republic", "car": "central african republic", "ht": "haiti",
    "gw": "guinea bissau", "pk": "pakistan", "pak": "pakistan", "sa": "saudi arabia",
    "ksa": "saudi arabia", "kw": "kuwait", "jo": "jordan", "eg": "egypt", "tn": "tunisia",
    "ma": "morocco", "dz": "algeria", "ml": "mali", "fr": "france", "gb": "united kingdom",
    "uk": "united kingdom", "united kingdom of great britain and northern ireland": "united kingdom",
    "us": "united states", "usa": "united states", "united states of america": "united states",
    "cn": "china", "kr": "republic of korea", "south korea": "republic of korea",
    "tr": "turkey", "turkiye": "turkey", "ae": "united arab emirates", "uae": "united arab emirates",
}  # fmt: skip


def party_type(value: str | None) -> str | None:
    """``individual``/``entity`` for the accepted spellings of a party type, else None."""
    word = (value or "").strip().lower()
    if word in _PERSON:
        return "individual"
    if word in _ENTITY:
        return "entity"
    return None


def type_evidence(query_type: str | None, entry: ListEntry) -> tuple[float, str]:
    """A person screened against an entity (or the reverse) lowers the score."""
    wanted = party_type(query_type)
    if wanted is None or wanted == entry.kind:
        return 0.0, ""
    return TYPE_CONFLICT, f"type conflicted ({query_type} vs listed {entry.kind})"


def dob_evidence(query: str | None, entry: ListEntry) -> tuple[float, str]:
    """Compare a query date of birth (YYYY, YYYY-MM or YYYY-MM-DD) with the listed ones."""
    found = _DOB.match(query or "")
    if not found or not entry.dates_of_birth:
        return 0.0, ""
    year = int(found.group(1))
    full = query.strip() if found.group(3) else None  # type: ignore[union-attr]
    if full and any(d.date == full for d in entry.dates_of_birth):
        return DOB_EXACT_BONUS, f"date of birth agreed ({full})"
    ranges = [r for r in (d.year_range() for d in entry.dates_of_birth) if r]
    if any(lo <= year <= hi for lo, hi in ranges):
        return DOB_YEAR_BONUS, f"year of birth agreed ({year})"
    if not ranges:
        return 0.0, ""
    return DOB_CONFLICT, f"date of birth conflicted ({query} vs listed {_dob_text(entry)})"


def _dob_text(entry: ListEntry) -> str:
    texts = [d.date or str(d.year or f"{d.from_year}-{d.to_year}") for d in entry.dates_of_birth]
    return ", ".join(texts[:3])


def country_key(value: str) -> str:
    """Fold a country name or ISO code to one comparable key."""
    text = re.sub(r"[^a-z ]+", " ", value.lower().replace("'", ""))
    text = " ".join(text.split())
    return _COUNTRIES.get(text, text)


def nationality_evidence(query: str | None, entry: ListEntry) -> tuple[float, str]:
    """Agreeing nationality raises the score, a different one lowers it."""
    if not query or not query.strip() or not entry.nationalities:
        return 0.0, ""
    wanted = country_key(query)
    listed = {country_key(n) for n in entry.nationalities}
    if wanted in listed:
        return NATIONALITY_BONUS, f"nationality agreed ({query.strip()})"
    return NATIONALITY_CONFLICT, f"nationality conflicted ({query.strip()} vs listed "
    f"{', '.join(entry.nationalities[:2])})"


def document_keys(number: str) -> set[str]:
    """Comparable forms of a document number: the whole alphanumeric string and every
    digit-bearing word of five or more characters ("Jordan 654781" -> 654781)."""
    words = re.findall(r"[A-Za-z0-9]+", number.upper())
    keys = {w for w in words if len(w) >= 5 and any(c.isdigit() for c in w)}
    whole = "".join(words)
    if len(whole) >= 5 and any(c.isdigit() for c in whole):
        keys.add(whole)
    return keys


def imo_key(value: str) -> str:
    """Seven IMO digits, with or without an ``IMO`` prefix; '' if there are none."""
    digits = re.sub(r"\D", "", value)
    return digits if len(digits) == 7 else ""
