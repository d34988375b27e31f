"""Reader of the EU Consolidated Financial Sanctions list XML (``eu-fsf-xml``).

The ``export`` root carries ``generationDate``; each ``sanctionEntity`` is keyed by its
``logicalId`` and holds ``regulation`` elements (their ``programme`` codes), a
``subjectType``, ``nameAlias`` names (in many languages, none marked as the main one),
``citizenship``, ``birthdate``, ``address`` and ``identification`` elements. UN-derived
entities carry ``unitedNationId`` (kept as ``linked`` ``un:...``).

The main name is the first strong, not low-quality, Latin-script English or language-less
``nameAlias`` that states a function, else one with name parts, else the first such name,
else the first name. Names in a non-Latin script are ``original`` names. A ``nameAlias``
with ``strong="false"`` or a remark saying "low quality" is a low-quality alias.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..errors import ListError
from ..model import Address, DateOfBirth, Document, ListEntry, ListName, ListSnapshot
from .common import (
    DEFAULT_MAX_BYTES,
    check_entries,
    clean,
    imo_numbers,
    is_latin,
    iso_date,
    parse_xml,
    read_bytes,
    require_stamp,
    sha256,
    strip_namespaces,
    texts,
)

SOURCE = "eu-fsf"
_KINDS = {
    "person": "individual",
    "enterprise": "entity",
    "vessel": "vessel",
    "aircraft": "aircraft",
}
_KINDS_BY_CODE = {"P": "individual", "E": "entity", "V": "vessel", "A": "aircraft"}
_UNKNOWN_COUNTRY = {"00", "UNKNOWN"}


def read_eu(data: bytes | str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ListSnapshot:
    """Parse the EU FSF ``export`` XML from bytes, text or a path (``.gz`` accepted).

    Raises :class:`ListError` with a one-line message for unsafe, oversized, malformed,
    truncated, undated or record-less input; it never returns an empty or partial list.
    """
    raw = read_bytes(data, max_bytes)
    root = strip_namespaces(parse_xml(raw, "export"))
    records = root.findall("sanctionEntity")
    if not records:
        raise ListError("EU XML holds no sanctionEntity records")
    stamp = require_stamp(root.get("generationDate") or "", "the EU XML")
    entries = [_entry(el) for el in records]
    return ListSnapshot(stamp, sha256(raw), check_entries(entries, "the EU XML"), SOURCE)


def _attr(el: ET.Element, name: str) -> str:
    return clean(el.get(name))


def _entry(el: ET.Element) -> ListEntry:
    """One ``sanctionEntity`` as a list entry."""
    reference = _attr(el, "logicalId")
    where = f"EU entity {reference or '?'}"
    kind = _kind(el, where)
    names = _names(el, kind)
    if not names:
        raise ListError(f"{where} has no name")
    programmes = tuple(
        dict.fromkeys(p for p in (_attr(r, "programme") for r in el.iter("regulation")) if p)
    )
    remarks = texts(el, "remark")
    eu_ref = _attr(el, "euReferenceNumber")
    details = _attr(el, "designationDetails")
    ids = el.findall("identification")
    notes = [*remarks, f"EU reference {eu_ref}" if eu_ref else "", details]
    un_id = _attr(el, "unitedNationId")
    aliases = el.findall("nameAlias")
    return ListEntry(
        reference=reference,
        kind=kind,
        regime="",
        list_type=programmes[0] if programmes else "",
        name=names[0].full,
        names=tuple(names),
        listed_on=iso_date(_attr(el, "designationDate")),
        nationalities=tuple(
            dict.fromkeys(c for c in (_country(c) for c in el.iter("citizenship")) if c)
        ),
        dates_of_birth=_dobs(el),
        documents=tuple(_documents(ids)),
        addresses=tuple(_addresses(el)),
        imo_numbers=_imo(ids, remarks),
        comments="; ".join(n for n in notes if n),
        titles=tuple(dict.fromkeys(t for t in (_attr(a, "title") for a in aliases) if t)),
        designations=tuple(dict.fromkeys(f for f in (_attr(a, "function") for a in aliases) if f)),
        gender=_gender(aliases),
        source=SOURCE,
        programmes=programmes,
        linked=(f"un:{un_id}",) if un_id else (),
    )


def _kind(el: ET.Element, where: str) -> str:
    subject = el.find("subjectType")
    if subject is None:
        raise ListError(f"{where} has no subjectType")
    kind = _KINDS.get(_attr(subject, "code").lower()) or _KINDS_BY_CODE.get(
        _attr(subject, "classificationCode").upper()
    )
    if kind is None:
        raise ListError(f"{where} has an unknown subjectType '{_attr(subject, 'code')[:30]}'")
    return kind


def _names(el: ET.Element, kind: str) -> list[ListName]:
    """The main name first, then aliases (low when weak) and original-script names."""
    found: list[tuple[ET.Element, ListName]] = []
    for alias in el.iterfind("nameAlias"):
        whole = _attr(alias, "wholeName")
        parts = tuple(p for p in (_attr(alias, t) for t in _PARTS) if p)
        whole = whole or " ".join(parts)
        if not whole:
            continue
        remark = " ".join(texts(alias, "remark")).lower()
        if not is_latin(whole):
            name = ListName(whole, "original", "original", (), _attr(alias, "nameLanguage"))
        elif _attr(alias, "strong").lower() == "false" or "low quality" in remark:
            name = ListName(whole, "alias", "low", parts, _attr(alias, "nameLanguage"))
        else:
            quality = "good" if kind == "individual" else "aka"
            name = ListName(whole, "alias", quality, parts, _attr(alias, "nameLanguage"))
        found.append((alias, name))
    if not found:
        return []
    main = _main(found)
    _, first = found.pop(main)
    primary = ListName(first.full, "primary", "primary", first.parts, first.note)
    seen = {primary.full}
    rest = []
    for _, name in found:
        if name.full not in seen:
            seen.add(name.full)
            rest.append(name)
    return [primary, *rest]


_PARTS = ("firstName", "middleName", "lastName")


def _main(found: list[tuple[ET.Element, ListName]]) -> int:
    """Index of the name taken as the main one (see the module docstring)."""
    candidates = [
        i
        for i, (alias, name) in enumerate(found)
        if name.kind == "alias"
        and name.quality != "low"
        and _attr(alias, "nameLanguage").upper() in ("", "EN")
    ]
    for test in (lambda i: bool(_attr(found[i][0], "function")), lambda i: bool(found[i][1].parts)):
        hit = next((i for i in candidates if test(i)), None)
        if hit is not None:
            return hit
    return candidates[0] if candidates else 0


def _country(el: ET.Element) -> str:
    """The country as the list describes it ('' for UNKNOWN/00)."""
    for name in ("countryDescription", "countryIso2Code"):
        value = _attr(el, name)
        if value and value.upper() not in _UNKNOWN_COUNTRY:
            return value
    return ""


def _dobs(el: ET.Element) -> tuple[DateOfBirth, ...]:
    """Exact dates, years, year ranges; ``circa`` makes them approximate. Duplicates dropped."""
    out: list[DateOfBirth] = []
    for item in el.iterfind("birthdate"):
        circa = _attr(item, "circa").lower() == "true"
        gregorian = _attr(item, "calendarType").upper() in ("", "GREGORIAN")
        day = iso_date(_attr(item, "birthdate"))
        year = _int(_attr(item, "year")) if gregorian else None
        lo, hi = _int(_attr(item, "yearRangeFrom")), _int(_attr(item, "yearRangeTo"))
        note = " ".join(texts(item, "remark"))
        if day:
            dob = DateOfBirth("approximately" if circa else "exact", day.isoformat(), note=note)
        elif lo and hi:
            dob = DateOfBirth("between", from_year=lo, to_year=hi, note=note)
        elif year:
            dob = DateOfBirth("approximately" if circa else "year", year=year, note=note)
        else:
            continue
        if all(_differs(dob, d) for d in out):
            out.append(dob)
    return tuple(out)


def _differs(a: DateOfBirth, b: DateOfBirth) -> bool:
    """Whether two statements give a different date, year or range (notes aside)."""
    return (a.kind, a.date, a.year, a.from_year, a.to_year) != (
        b.kind,
        b.date,
        b.year,
        b.from_year,
        b.to_year,
    )


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() and int(value) > 0 else None


def _documents(ids: list[ET.Element]) -> list[Document]:
    """Identification documents with a number (IMO numbers are not documents)."""
    out = []
    for item in ids:
        code = _attr(item, "identificationTypeCode")
        number = _attr(item, "number") or _attr(item, "latinNumber")
        if not number or code.lower() == "imo":
            continue
        kind = _attr(item, "identificationTypeDescription") or code
        flags = [f for f in _DOC_FLAGS if _attr(item, f).lower() == "true"]
        note = "; ".join([*texts(item, "remark"), *flags])
        out.append(Document(kind, number, code, _country(item), note))
    return out


_DOC_FLAGS = ("diplomatic", "knownExpired", "knownFalse", "reportedLost", "revokedByIssuer")


def _imo(ids: list[ET.Element], remarks: tuple[str, ...]) -> tuple[str, ...]:
    """IMO numbers: identifications of type ``imo`` and ``IMO 1234567`` in the remarks."""
    listed = [
        "".join(c for c in _attr(i, "number") if c.isdigit())
        for i in ids
        if _attr(i, "identificationTypeCode").lower() == "imo"
    ]
    found = [n for n in listed if len(n) == 7] + list(imo_numbers(*remarks))
    return tuple(dict.fromkeys(found))


def _addresses(el: ET.Element) -> list[Address]:
    out = []
    for adr in el.iterfind("address"):
        street = ", ".join(p for p in (_attr(adr, "street"), _attr(adr, "poBox")) if p)
        city = " ".join(p for p in (_attr(adr, "zipCode"), _attr(adr, "city")) if p)
        fields = (_country(adr), city, _attr(adr, "region"), street, " ".join(texts(adr, "remark")))
        if any(fields):
            out.append(Address(*fields))
    return out


def _gender(aliases: list[ET.Element]) -> str:
    """``M``/``F`` of the names, as ``male``/``female`` when they agree."""
    found = {_attr(a, "gender").upper() for a in aliases} - {""}
    return {"M": "male", "F": "female"}.get(found.pop(), "") if len(found) == 1 else ""
