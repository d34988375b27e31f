"""Conversion of one INDIVIDUAL or ENTITY element of the UN list into a :class:`ListEntry`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Address, DateOfBirth, Document, ListEntry, ListName
from .common import clean, iso_date

INTERPOL_RE = re.compile(r"INTERPOL-UN Security Council Special Notice web link:\s*(\S*)", re.I)
IMO_RE = re.compile(r"IMO\)?\s*(?:[Nn]umber)?\s*:?\s*(\d{7})")
_QUALITY = {"good": "good", "low": "low", "a.k.a.": "aka", "f.k.a.": "fka"}
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def text(el: ET.Element | None, path: str) -> str:
    """Stripped text of a child element, or '' when absent or empty."""
    if el is None:
        return ""
    found = el.find(path)
    return clean(found.text) if found is not None else ""


def values(el: ET.Element, path: str) -> tuple[str, ...]:
    """Non-empty stripped VALUE texts under a child such as NATIONALITY."""
    out = (clean(v.text) for v in el.iterfind(f"{path}/VALUE"))
    return tuple(v for v in out if v)


def _names(el: ET.Element, alias_tag: str) -> list[ListName]:
    """The primary name from the name parts, then the aliases and the original-script name."""
    parts = tuple(p for p in (text(el, tag) for tag in _NAME_PARTS) if p)
    names = [ListName(" ".join(parts), "primary", "primary", parts)]
    return names + _aliases(el, alias_tag) + _original(el)


def individual_entry(el: ET.Element) -> ListEntry:
    """Build the entry of one INDIVIDUAL element."""
    names = _names(el, "INDIVIDUAL_ALIAS")
    return ListEntry(
        dates_of_birth=tuple(_dobs(el)),
        documents=tuple(_documents(el)),
        addresses=tuple(_addresses(el, "INDIVIDUAL_ADDRESS")),
        titles=values(el, "TITLE"),
        designations=values(el, "DESIGNATION"),
        gender=text(el, "GENDER"),
        **_common(el, "individual", names),
    )


def entity_entry(el: ET.Element) -> ListEntry:
    """Build the entry of one ENTITY element (its name is wholly in FIRST_NAME)."""
    names = _names(el, "ENTITY_ALIAS")
    return ListEntry(
        addresses=tuple(_addresses(el, "ENTITY_ADDRESS")), **_common(el, "entity", names)
    )


def _common(el: ET.Element, kind: str, names: list[ListName]) -> dict:
    """Fields shared by individuals and entities."""
    list_type = text(el, "UN_LIST_TYPE")
    comments = text(el, "COMMENTS1")
    return {
        "reference": text(el, "REFERENCE_NUMBER"),
        "kind": kind,
        "regime": "",
        "list_type": list_type,
        "programmes": (list_type,) if list_type else (),
        "name": names[0].full,
        "names": tuple(n for n in names if n.full),
        "listed_on": iso_date(text(el, "LISTED_ON")),
        "nationalities": values(el, "NATIONALITY"),
        "imo_numbers": tuple(dict.fromkeys(IMO_RE.findall(comments))),
        "comments": comments,
        "data_id": text(el, "DATAID"),
        "interpol_link": text(el, "INTERPOL_LINK") or _comment_link(comments),
    }


def _comment_link(comments: str) -> str:
    """INTERPOL link stated in COMMENTS1 (older exports have no INTERPOL_LINK element)."""
    found = INTERPOL_RE.search(comments)
    return found.group(1) if found else ""


def _aliases(el: ET.Element, tag: str) -> list[ListName]:
    """Aliases with their quality; placeholder ``<ALIAS_NAME/>`` elements are skipped.

    Some ALIAS_NAME values hold several names separated by ";": each becomes one name.
    """
    out = []
    for alias in el.iterfind(tag):
        quality = _QUALITY.get(text(alias, "QUALITY").lower(), "")
        for name in text(alias, "ALIAS_NAME").split(";"):
            if name.strip():
                out.append(ListName(name.strip(), "alias", quality, (), text(alias, "NOTE")))
    return out


def _original(el: ET.Element) -> list[ListName]:
    """The NAME_ORIGINAL_SCRIPT name, if present."""
    name = text(el, "NAME_ORIGINAL_SCRIPT")
    return [ListName(name, "original", "original")] if name else []


def _dobs(el: ET.Element) -> list[DateOfBirth]:
    """Dates of birth: EXACT/APPROXIMATELY with DATE or YEAR, BETWEEN with FROM/TO_YEAR."""
    out = []
    for dob in el.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        kind = text(dob, "TYPE_OF_DATE").lower()
        day, year = text(dob, "DATE")[:10], _int(text(dob, "YEAR"))
        lo, hi = _int(text(dob, "FROM_YEAR")), _int(text(dob, "TO_YEAR"))
        if not (day or year or lo or hi):
            continue
        if kind not in ("exact", "approximately", "between"):
            kind = "year" if year and not day else "exact"
        if kind == "exact" and year and not day:
            kind = "year"
        out.append(DateOfBirth(kind, day or None, year, lo, hi, text(dob, "NOTE")))
    return out


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _documents(el: ET.Element) -> list[Document]:
    """Documents that carry at least a number or a type."""
    out = []
    for doc in el.iterfind("INDIVIDUAL_DOCUMENT"):
        kind, number = text(doc, "TYPE_OF_DOCUMENT"), text(doc, "NUMBER")
        if kind or number:
            country = text(doc, "ISSUING_COUNTRY") or text(doc, "COUNTRY_OF_ISSUE")
            out.append(
                Document(kind, number, text(doc, "TYPE_OF_DOCUMENT2"), country, text(doc, "NOTE"))
            )
    return out


def _addresses(el: ET.Element, tag: str) -> list[Address]:
    """Addresses with at least one non-empty field."""
    out = []
    for adr in el.iterfind(tag):
        fields = [text(adr, t) for t in ("COUNTRY", "CITY", "STATE_PROVINCE", "STREET", "NOTE")]
        if any(fields):
            out.append(Address(*fields))
    return out
