"""Reader of OFAC's ``sdnList`` XML: the SDN list (``ofac-sdn-xml``) and the Consolidated
non-SDN list (``ofac-cons-xml``), which share one schema.

The namespace differs between OFAC's services and over time, so it is ignored. The date is
``publshInformation/Publish_Date`` (``MM/DD/YYYY``, kept as an ISO date); ``Record_Count``,
when present, must equal the number of ``sdnEntry`` records, so a cut file is refused.
OFAC gives no designation date and no UN reference, so ``listed_on`` and ``linked`` stay empty.
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
    parse_xml,
    read_bytes,
    require_stamp,
    sha256,
    slash_date,
    strip_namespaces,
    text,
    texts,
)
from .countries import iso2
from .ofac_common import ALIAS_TYPES, is_document, kind_of, ofac_date

SDN_SOURCE = "ofac-sdn"
CONS_SOURCE = "ofac-cons"


def read_ofac_sdn_xml(
    data: bytes | str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ListSnapshot:
    """The OFAC SDN list from its ``sdnList`` XML (``sdn.xml``)."""
    return read_ofac_xml(data, source=SDN_SOURCE, max_bytes=max_bytes)


def read_ofac_cons_xml(
    data: bytes | str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ListSnapshot:
    """The OFAC Consolidated (non-SDN) list from its ``sdnList`` XML (``consolidated.xml``)."""
    return read_ofac_xml(data, source=CONS_SOURCE, max_bytes=max_bytes)


def read_ofac_xml(
    data: bytes | str | Path, *, source: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> ListSnapshot:
    """Parse an OFAC ``sdnList`` XML document into a snapshot of ``source``.

    Raises :class:`ListError` with a one-line message for unsafe, oversized, malformed,
    truncated, undated or record-less input; it never returns an empty or partial list.
    """
    raw = read_bytes(data, max_bytes)
    root = strip_namespaces(parse_xml(raw, "sdnList"))
    records = root.findall("sdnEntry")
    if not records:
        raise ListError("OFAC XML holds no sdnEntry records")
    published = text(root, "publshInformation/Publish_Date")
    stamp = require_stamp(slash_date(published, "mdy") or published, "the OFAC XML")
    count = text(root, "publshInformation/Record_Count")
    if count and count.isdigit() and int(count) != len(records):
        raise ListError(
            f"OFAC XML says Record_Count {count} but holds {len(records)} sdnEntry records"
        )
    entries = [_entry(el, source) for el in records]
    return ListSnapshot(stamp, sha256(raw), check_entries(entries, "the OFAC XML"), source)


def _entry(el: ET.Element, source: str) -> ListEntry:
    """One ``sdnEntry`` as a list entry."""
    reference = text(el, "uid")
    where = f"OFAC entry {reference or '?'}"
    kind = kind_of(text(el, "sdnType"), where)
    names = _names(el, kind)
    if not names[0].full:
        raise ListError(f"{where} has no name")
    ids = el.findall("idList/id")
    remarks = text(el, "remarks")
    vessel_flag, vessel_notes = _vessel(el)
    id_notes = [
        f"{text(i, 'idType')} {text(i, 'idNumber')}".strip()
        for i in ids
        if not is_document(text(i, "idType"), text(i, "idNumber"))
    ]
    comments = "; ".join(p for p in (remarks, *vessel_notes, *id_notes) if p)
    programmes = texts(el, "programList/program")
    return ListEntry(
        reference=reference,
        kind=kind,
        regime="",
        list_type=programmes[0] if programmes else "",
        name=names[0].full,
        names=tuple(names),
        nationalities=_nationalities(el),
        dates_of_birth=_dobs(el),
        documents=tuple(_documents(ids)),
        addresses=tuple(_addresses(el)),
        imo_numbers=imo_numbers(*(text(i, "idNumber") for i in ids), remarks),
        comments=comments,
        titles=texts(el, "title"),
        gender=next((text(i, "idNumber") for i in ids if text(i, "idType") == "Gender"), ""),
        source=source,
        programmes=programmes,
        vessel_flag=vessel_flag,
    )


def _names(el: ET.Element, kind: str) -> list[ListName]:
    """The listed name (first name, last name) then the a.k.a./f.k.a. names; weak ones low."""
    parts = tuple(p for p in (text(el, "firstName"), text(el, "lastName")) if p)
    names = [ListName(" ".join(parts), "primary", "primary", parts)]
    for aka in el.iterfind("akaList/aka"):
        aka_parts = tuple(p for p in (text(aka, "firstName"), text(aka, "lastName")) if p)
        if not aka_parts:
            continue
        quality = ALIAS_TYPES.get(text(aka, "type").lower(), "aka")
        if text(aka, "category").lower() == "weak":
            quality = "low"
        names.append(ListName(" ".join(aka_parts), "alias", quality, aka_parts))
    return names


def _nationalities(el: ET.Element) -> tuple[str, ...]:
    """Nationalities then citizenships, as OFAC writes the countries."""
    found = texts(el, "nationalityList/nationality/country")
    found += texts(el, "citizenshipList/citizenship/country")
    return tuple(dict.fromkeys(found))


def _dobs(el: ET.Element) -> tuple[DateOfBirth, ...]:
    """Dates of birth in OFAC's forms; a text OFAC did not write as a date is skipped."""
    found = (ofac_date(v) for v in texts(el, "dateOfBirthList/dateOfBirthItem/dateOfBirth"))
    return tuple(d for d in found if d is not None)


def _documents(ids: list[ET.Element]) -> list[Document]:
    """Passports, national ids and registration numbers with their issuing country."""
    out = []
    for item in ids:
        kind, number = text(item, "idType"), text(item, "idNumber")
        if number and is_document(kind, number):
            dates = [f"{label} {text(item, tag)}" for label, tag in _ID_DATES if text(item, tag)]
            out.append(Document(kind, number, "", text(item, "idCountry"), "; ".join(dates)))
    return out


_ID_DATES = (("issued", "issueDate"), ("expires", "expirationDate"))


def _addresses(el: ET.Element) -> list[Address]:
    """Addresses with at least one field; street lines joined."""
    out = []
    for adr in el.iterfind("addressList/address"):
        street = ", ".join(p for p in (text(adr, f"address{i}") for i in (1, 2, 3)) if p)
        city = " ".join(p for p in (text(adr, "city"), text(adr, "postalCode")) if p)
        fields = (text(adr, "country"), city, text(adr, "stateOrProvince"), street)
        if any(fields):
            out.append(Address(*fields))
    return out


def _vessel(el: ET.Element) -> tuple[str, list[str]]:
    """The vessel's flag as ISO alpha-2 (when known) and its details for the comments."""
    info = el.find("vesselInfo")
    if info is None:
        return "", []
    flag = text(info, "vesselFlag")
    code = iso2(flag) if flag else ""
    labels = (
        ("call sign", "callSign"),
        ("vessel type", "vesselType"),
        ("flag", "vesselFlag"),
        ("owner", "vesselOwner"),
        ("tonnage", "tonnage"),
        ("GRT", "grossRegisteredTonnage"),
    )
    notes = [f"{label} {clean(text(info, tag))}" for label, tag in labels if text(info, tag)]
    return code, notes
