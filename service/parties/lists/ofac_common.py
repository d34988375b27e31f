"""What the OFAC readers (``sdnList`` XML and the legacy CSV files) share: types, dates, ids.

OFAC writes dates of birth as ``12 Feb 1961``, ``Feb 1961``, ``1961``, ``circa 1961`` or
``1960 to 1965``; identity documents as an id type (``Passport``, ``National ID No.``, ...)
with a number and an issuing country; IMO numbers as ``IMO 1234567`` under a vessel id type.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..errors import ListError
from ..model import DateOfBirth

KINDS = {"individual": "individual", "entity": "entity", "vessel": "vessel", "aircraft": "aircraft"}
ALIAS_TYPES = {
    "a.k.a.": "aka",
    "aka": "aka",
    "f.k.a.": "fka",
    "fka": "fka",
    "n.k.a.": "aka",
    "nka": "aka",
}

_YEAR = re.compile(r"^(\d{4})$")
_CIRCA = re.compile(r"^(?:circa|ca\.?|approximately)\s+(\d{4})$", re.I)
_RANGE = re.compile(r"^(\d{4})\s+to\s+(\d{4})$", re.I)
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3})\s+(\d{4})$")

# Id types that identify a person or a company (kept as documents); the rest of OFAC's id
# list (websites, e-mail, directive notes, digital currency addresses...) goes to comments.
_DOCUMENT_WORDS = (
    "passport",
    "national id",
    "id no",
    "identification number",
    "identity card",
    "cedula",
    "c.u.r.p",
    "curp",
    "r.f.c",
    "ruc",
    "nit",
    "ssn",
    "tax id",
    "registration id",
    "registration number",
    "company number",
    "v.a.t",
    "driver",
    "c.r. no",
    "legal entity number",
    "unified social credit code",
    "bik",
    "swift/bic",
    "residency",
    "personal id",
    "birth certificate",
    "electoral",
)


def ofac_date(value: str) -> DateOfBirth | None:
    """One OFAC date of birth, or None when the text is not one of OFAC's forms."""
    text = " ".join(value.split())
    for fmt in ("%d %b %Y", "%d %B %Y"):
        try:
            return DateOfBirth("exact", datetime.strptime(text, fmt).date().isoformat())
        except ValueError:
            pass
    if found := _YEAR.match(text):
        return DateOfBirth("year", year=int(found.group(1)))
    if found := _CIRCA.match(text):
        return DateOfBirth("approximately", year=int(found.group(1)), note=text)
    if found := _RANGE.match(text):
        lo, hi = int(found.group(1)), int(found.group(2))
        return DateOfBirth("between", from_year=lo, to_year=hi) if lo <= hi else None
    if found := _MONTH_YEAR.match(text):
        return DateOfBirth("year", year=int(found.group(2)), note=text)
    return None


def is_document(id_type: str, number: str = "") -> bool:
    """Whether an OFAC id (type and number) is an identity or registration document."""
    lowered = id_type.lower()
    if any(w in f"{lowered} {number.lower()}" for w in ("imo", "vessel", "aircraft", "mmsi")):
        return False
    return any(word in lowered for word in _DOCUMENT_WORDS)


def kind_of(sdn_type: str, where: str) -> str:
    """``individual``/``entity``/``vessel``/``aircraft`` from OFAC's type ('' means entity)."""
    kind = KINDS.get(sdn_type.strip().lower() or "entity")
    if kind is None:
        raise ListError(f"{where} has an unknown type '{sdn_type[:30]}'")
    return kind


def programs(value: str) -> tuple[str, ...]:
    """OFAC program codes: the CSV writes ``SDGT] [IRGC``, the XML one code per element."""
    parts = (p.strip(" []") for p in value.split("] ["))
    return tuple(dict.fromkeys(p for p in parts if p))
