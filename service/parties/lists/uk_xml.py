"""Reader of the UK Sanctions List XML (``uk-xml``): the FCDO ``Designations`` export.

The root ``Designations`` carries ``DateGenerated`` (``DD/MM/YYYY``, kept as an ISO date);
each ``Designation`` is keyed by its ``UniqueID`` (``AFG0001``, ``RUS1234``) and gives its
``RegimeName`` (the entry's programme), ``IndividualEntityShip``, ``DateDesignated``,
``Names`` (``Name1``..``Name5`` given names, ``Name6`` the family or entity name, a
``NameType`` of primary name, primary name variation or alias, and an ``AliasStrength``),
``NonLatinNames``, ``UNReferenceNumber`` for UN-derived entries (kept as ``un:...`` in
``linked``), ``SanctionsImposed`` (kept as ``measures``: the UK states per designation which
sanctions apply), individual details (dates of birth as ``dd/mm/yyyy`` or ``dd/mm/1961``,
nationalities, passports, national identifiers), entity details (registration numbers) and
ship details (IMO numbers, current believed flag, type, tonnage, owners).

The older OFSI Consolidated List XML (``ArrayOfFinancialSanctionsTarget``) is not read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..errors import ListError
from ..model import Address, DateOfBirth, Document, ListEntry, ListName, ListSnapshot
from .common import (
    DEFAULT_MAX_BYTES,
    check_entries,
    clean,
    imo_numbers,
    iso_date,
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

SOURCE = "uk"
_KINDS = {"individual": "individual", "entity": "entity", "ship": "vessel", "vessel": "vessel"}
_YEAR_ONLY = re.compile(r"^(?:dd|\d{2})/(?:mm|\d{2})/(\d{4})$", re.I)
_SEVEN = re.compile(r"(?<!\d)(\d{7})(?!\d)")
# The UK's wording of the sanctions it imposes, as measure kinds (others are slugged).
_MEASURES = {
    "asset freeze": "asset_freeze",
    "travel ban": "travel_ban",
    "prohibition of port entry": "port_entry_ban",
    "deflag": "deregistration",
    "arms embargo": "arms_embargo",
    "targeted arms embargo": "targeted_arms_embargo",
}


def read_uk(data: bytes | str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ListSnapshot:
    """Parse the UK Sanctions List ``Designations`` XML from bytes, text or a path.

    Raises :class:`ListError` with a one-line message for unsafe, oversized, malformed,
    truncated, undated or record-less input; it never returns an empty or partial list.
    """
    raw = read_bytes(data, max_bytes)
    root = strip_namespaces(parse_xml(raw, "Designations"))
    records = root.findall("Designation")
    if not records:
        raise ListError("UK XML holds no Designation records")
    generated = text(root, "DateGenerated")
    stamp = require_stamp(slash_date(generated, "dmy") or generated, "the UK XML")
    entries = [_entry(el) for el in records]
    return ListSnapshot(stamp, sha256(raw), check_entries(entries, "the UK XML"), SOURCE)


def _entry(el: ET.Element) -> ListEntry:
    """One ``Designation`` as a list entry."""
    reference = text(el, "UniqueID")
    where = f"UK designation {reference or '?'}"
    kind_text = text(el, "IndividualEntityShip")
    kind = _KINDS.get(kind_text.lower())
    if kind is None:
        raise ListError(f"{where} has an unknown type '{kind_text[:30]}'")
    names = _names(el, kind, where)
    regime = text(el, "RegimeName")
    person = el.find("IndividualDetails/Individual")
    ship = el.find("ShipDetails/Ship")
    flag, ship_notes = _ship(ship)
    un_ref = text(el, "UNReferenceNumber")
    comments = "; ".join(p for p in (text(el, "OtherInformation"), *ship_notes) if p)
    return ListEntry(
        reference=reference,
        kind=kind,
        regime="",
        list_type=regime,
        name=names[0].full,
        names=tuple(names),
        listed_on=iso_date(slash_date(text(el, "DateDesignated"), "dmy")),
        nationalities=texts(person, "Nationalities/Nationality") if person is not None else (),
        dates_of_birth=_dobs(person),
        documents=tuple(_documents(el, person)),
        addresses=tuple(_addresses(el)),
        imo_numbers=_imo(ship),
        comments=comments,
        titles=texts(el, "Titles/Title"),
        designations=texts(person, "Positions/Position") if person is not None else (),
        gender=text(person, "Genders/Gender"),
        source=SOURCE,
        programmes=(regime,) if regime else (),
        measures=_measures(text(el, "SanctionsImposed")),
        linked=tuple(f"un:{r}" for r in un_ref.replace(",", " ").split()) if un_ref else (),
        vessel_flag=flag,
    )


def _names(el: ET.Element, kind: str, where: str) -> list[ListName]:
    """The first primary name, then variations and aliases with their strength, then the
    non-Latin names. A designation without any name is refused."""
    default = "good" if kind == "individual" else "aka"
    found: list[tuple[str, ListName]] = []
    for name in el.iterfind("Names/Name"):
        parts = tuple(p for p in (text(name, f"Name{i}") for i in range(1, 7)) if p)
        if not parts:
            continue
        name_type = text(name, "NameType").lower()
        strength = text(name, "AliasStrength").lower()
        quality = "low" if strength.startswith("low") else default
        found.append((name_type, ListName(" ".join(parts), "alias", quality, parts)))
    if not found:
        raise ListError(f"{where} has no name")
    first = next((i for i, (t, _) in enumerate(found) if t == "primary name"), 0)
    _, main = found.pop(first)
    names = [ListName(main.full, "primary", "primary", main.parts)]
    names += [n for _, n in found if n.full != main.full]
    for original in texts(el, "NonLatinNames/NonLatinName/NameNonLatinScript"):
        names.append(ListName(original, "original", "original"))
    return names


def _dobs(person: ET.Element | None) -> tuple[DateOfBirth, ...]:
    """``dd/mm/yyyy`` dates; ``dd/mm/1961`` (day or month unknown) as years."""
    if person is None:
        return ()
    out: list[DateOfBirth] = []
    for value in texts(person, "DOBs/DOB"):
        day = slash_date(value, "dmy")
        found = _YEAR_ONLY.match(value)
        if day:
            dob = DateOfBirth("exact", day)
        elif found:
            dob = DateOfBirth("year", year=int(found.group(1)), note=value)
        else:
            continue
        if all((d.date, d.year) != (dob.date, dob.year) for d in out):
            out.append(dob)
    return tuple(out)


def _documents(el: ET.Element, person: ET.Element | None) -> list[Document]:
    """Passports and national identifiers of individuals, registration numbers of entities."""
    out: list[Document] = []
    if person is not None:
        specs = (
            ("PassportDetails/Passport", "Passport", "Passport"),
            ("NationalIdentifierDetails/NationalIdentifier", "National ID", "NationalIdentifier"),
        )
        for path, kind, prefix in specs:
            for item in person.iterfind(path):
                number = text(item, f"{prefix}Number")
                if number:
                    note = text(item, f"{prefix}AdditionalInformation")
                    if all((d.type, d.number) != (kind, number) for d in out):
                        out.append(Document(kind, number, note=note))
    for number in texts(
        el, "EntityDetails/Entity/BusinessRegistrationNumbers/BusinessRegistrationNumber"
    ):
        out.append(Document("Business Registration Number", number))
    return out


def _addresses(el: ET.Element) -> list[Address]:
    """Address lines 1-4 as street, line 5 (and postcode) as city, line 6 as region."""
    out = []
    for adr in el.iterfind("Addresses/Address"):
        street = ", ".join(p for p in (text(adr, f"AddressLine{i}") for i in (1, 2, 3, 4)) if p)
        city = " ".join(p for p in (text(adr, "AddressLine5"), text(adr, "AddressPostalCode")) if p)
        fields = (text(adr, "AddressCountry"), city, text(adr, "AddressLine6"), street)
        if any(fields):
            out.append(Address(*fields))
    return out


def _imo(ship: ET.Element | None) -> tuple[str, ...]:
    """IMO numbers of a ship, written ``IMO9562233`` or ``8898740``."""
    if ship is None:
        return ()
    values = texts(ship, "IMONumbers/IMONumber")
    found = [n for v in values for n in _SEVEN.findall(v)]
    return tuple(dict.fromkeys([*found, *imo_numbers(*values)]))


def _ship(ship: ET.Element | None) -> tuple[str, list[str]]:
    """The current believed flag as ISO alpha-2 (when known) and ship details for comments."""
    if ship is None:
        return "", []
    flags = texts(ship, "CurrentBelievedFlagOfShips/CurrentBelievedFlagOfShip")
    code = iso2(flags[0]) if len(flags) == 1 else ""
    labels = (
        ("flag", "CurrentBelievedFlagOfShips/CurrentBelievedFlagOfShip"),
        ("previous flags", "PreviousFlags/PreviousFlag"),
        ("type", "TypeOfShipDetails/TypeOfShip"),
        ("tonnage", "TonnageOfShipDetails/TonnageOfShip"),
        ("length", "LengthOfShipDetails/LengthOfShip"),
        ("built", "YearsBuilt/YearBuilt"),
        ("owner/operator", "CurrentOwnerOperators/CurrentOwnerOperator"),
        ("previous owners", "PreviousOwnerOperators/PreviousOwnerOperator"),
        ("call sign", "CallSigns/CallSign"),
    )
    notes = [
        f"{label} {', '.join(texts(ship, path))}" for label, path in labels if texts(ship, path)
    ]
    return code, notes


def _measures(value: str) -> tuple[str, ...]:
    """``Asset freeze|Travel Ban`` as measure kinds ``asset_freeze``, ``travel_ban``."""
    out = []
    for part in (clean(p).lower() for p in value.split("|")):
        if part:
            out.append(_MEASURES.get(part) or re.sub(r"[^a-z0-9]+", "_", part).strip("_"))
    return tuple(dict.fromkeys(out))
