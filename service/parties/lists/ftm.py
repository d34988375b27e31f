"""Reader of FollowTheMoney entities as JSON lines (``ftm-json``), as OpenSanctions exports them.

One JSON object a line: ``id``, ``schema``, ``properties`` (lists of strings), ``datasets``,
``first_seen``, ``last_change``, ``target``. Party schemas become entries (Person ->
individual; Organization, Company, LegalEntity, PublicBody -> entity; Vessel -> vessel;
Airplane -> aircraft); ``target: false`` entities are skipped (all are kept when the field is
absent). ``Sanction`` entities give their ``entity`` its programmes (``programId``/``program``),
its listing date (``listingDate``, else ``startDate``) and UN references (``unscId``);
``Passport``/``Identification`` entities give their ``holder`` documents. Other schemas
(Address, Ownership, Family, ...) are skipped.

Plain JSON, not the ``followthemoney`` package: the reader needs a dozen property names, and
the package would bring its schema model and its dependencies into the core for that.

The snapshot's date is ``published`` when given, else the latest ``last_change`` in the file;
a file with neither is refused. ``source`` names the snapshot's source (``opensanctions``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ListError
from ..model import Address, DateOfBirth, Document, ListEntry, ListName, ListSnapshot
from .common import (
    DEFAULT_MAX_BYTES,
    check_entries,
    clean,
    is_latin,
    read_bytes,
    require_stamp,
    sha256,
)

SOURCE = "opensanctions"
KINDS = {
    "Person": "individual",
    "Organization": "entity",
    "Company": "entity",
    "LegalEntity": "entity",
    "PublicBody": "entity",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
_DOCUMENT_PROPERTIES = (
    ("passportNumber", "Passport"),
    ("idNumber", "National ID"),
    ("innCode", "INN"),
    ("ogrnCode", "OGRN"),
    ("taxNumber", "Tax Number"),
    ("registrationNumber", "Registration Number"),
    ("leiCode", "LEI"),
    ("swiftBic", "SWIFT/BIC"),
)


def read_ftm(
    data: bytes | str | Path,
    *,
    source: str | None = None,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ListSnapshot:
    """Parse FollowTheMoney JSON lines into a snapshot of ``source`` (default opensanctions).

    Raises :class:`ListError` with a one-line message naming the line for bad JSON, an
    entity without ``id`` or ``schema``, a party without a name, and for a repeated id, a
    missing or unreadable date and a file without any party.
    """
    raw = read_bytes(data, max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ListError(f"FtM input is not UTF-8 (byte {exc.start})") from None
    objects = list(_objects(text))
    changes = [str(obj.get("last_change") or "") for _, obj in objects]
    stamp = require_stamp(published or max((c for c in changes if c), default=""), "the FtM file")
    sanctions = _sanctions(objects)
    documents = _documents(objects)
    entries = []
    for line, obj in objects:
        kind = KINDS.get(str(obj.get("schema")))
        if kind is None or obj.get("target", True) is False:
            continue
        entries.append(_entry(line, obj, kind, sanctions, documents, source or SOURCE))
    snapshot_source = source or SOURCE
    return ListSnapshot(stamp, sha256(raw), check_entries(entries, "the FtM file"), snapshot_source)


def _objects(text: str) -> list[tuple[int, dict[str, Any]]]:
    """The JSON objects of the non-blank lines, with their line numbers."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ListError(
                f"line {number} of the FtM file is not valid JSON ({exc.msg})"
            ) from None
        if not isinstance(obj, dict):
            raise ListError(f"line {number} of the FtM file is not a JSON object")
        if not isinstance(obj.get("id"), str) or not obj["id"].strip():
            raise ListError(f"line {number} of the FtM file has an entity without id")
        if not isinstance(obj.get("schema"), str):
            raise ListError(f"line {number} of the FtM file has an entity without schema")
        if not isinstance(obj.get("properties", {}), dict):
            raise ListError(f"line {number} of the FtM file has properties that are not an object")
        out.append((number, obj))
    return out


def _values(obj: dict[str, Any], name: str) -> tuple[str, ...]:
    """A property's non-empty values, collapsed, duplicates dropped (strings only)."""
    found = obj.get("properties", {}).get(name) or []
    if isinstance(found, str):
        found = [found]
    return tuple(dict.fromkeys(clean(v) for v in found if isinstance(v, str) and clean(v)))


class _Sanctions:
    """What the ``Sanction`` entities say about each listed entity."""

    def __init__(self) -> None:
        self.programmes: dict[str, list[str]] = defaultdict(list)
        self.listed: dict[str, list[date]] = defaultdict(list)
        self.un_ids: dict[str, list[str]] = defaultdict(list)


def _sanctions(objects: list[tuple[int, dict[str, Any]]]) -> _Sanctions:
    out = _Sanctions()
    for _, obj in objects:
        if obj["schema"] != "Sanction":
            continue
        for target in _values(obj, "entity"):
            out.programmes[target] += [*_values(obj, "programId"), *_values(obj, "program")]
            when = _values(obj, "listingDate") or _values(obj, "startDate")
            out.listed[target] += [d for d in (_date(v) for v in when) if d]
            out.un_ids[target] += list(_values(obj, "unscId"))
    return out


def _documents(objects: list[tuple[int, dict[str, Any]]]) -> dict[str, list[Document]]:
    """``Passport``/``Identification`` entities by the id of their holder."""
    out: dict[str, list[Document]] = defaultdict(list)
    for _, obj in objects:
        if obj["schema"] not in ("Passport", "Identification"):
            continue
        kind = next(iter(_values(obj, "type")), obj["schema"])
        country = next(iter(_values(obj, "country")), "")
        for holder in _values(obj, "holder"):
            for number in _values(obj, "number"):
                out[holder].append(Document(kind, number, "", country))
    return out


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _entry(
    line: int,
    obj: dict[str, Any],
    kind: str,
    sanctions: _Sanctions,
    documents: dict[str, list[Document]],
    source: str,
) -> ListEntry:
    reference = obj["id"].strip()
    names = _names(obj, kind)
    if not names:
        raise ListError(f"line {line} of the FtM file: entity {reference} has no name")
    programmes = tuple(
        dict.fromkeys(
            [*_values(obj, "programId"), *_values(obj, "program"), *sanctions.programmes[reference]]
        )
    )
    listed = sorted(sanctions.listed[reference])
    imo = ["".join(c for c in v if c.isdigit()) for v in _values(obj, "imoNumber")]
    un_ids = [*_values(obj, "unscId"), *sanctions.un_ids[reference]]
    flag = next(iter(_values(obj, "flag")), "")
    docs = [Document(label, n) for prop, label in _DOCUMENT_PROPERTIES for n in _values(obj, prop)]
    return ListEntry(
        reference=reference,
        kind=kind,
        regime="",
        list_type=programmes[0] if programmes else "",
        name=names[0].full,
        names=tuple(names),
        listed_on=listed[0] if listed else None,
        nationalities=tuple(
            dict.fromkeys([*_values(obj, "nationality"), *_values(obj, "citizenship")])
        ),
        dates_of_birth=tuple(d for d in (_dob(v) for v in _values(obj, "birthDate")) if d),
        documents=tuple([*docs, *documents[reference]]),
        addresses=tuple(Address(country=c) for c in _values(obj, "country")),
        imo_numbers=tuple(dict.fromkeys(n for n in imo if len(n) == 7)),
        comments="; ".join([*_values(obj, "notes"), *_datasets(obj)]),
        titles=_values(obj, "title"),
        designations=_values(obj, "position"),
        gender=next(iter(_values(obj, "gender")), ""),
        source=source,
        programmes=programmes,
        linked=tuple(dict.fromkeys(f"un:{u}" for u in un_ids)),
        vessel_flag=flag.upper() if len(flag) == 2 else "",
    )


def _datasets(obj: dict[str, Any]) -> list[str]:
    """The datasets the entity comes from, as one note."""
    found = [d for d in obj.get("datasets") or [] if isinstance(d, str)]
    return [f"datasets: {', '.join(found)}"] if found else []


def _names(obj: dict[str, Any], kind: str) -> list[ListName]:
    """The caption (or first name) as primary; other names and aliases; weak aliases low;
    previous names as f.k.a.; non-Latin names as original-script names."""
    default = "good" if kind == "individual" else "aka"
    groups = (
        ("name", default),
        ("alias", default),
        ("previousName", "fka"),
        ("weakAlias", "low"),
    )
    found: list[ListName] = []
    seen: set[str] = set()
    for prop, quality in groups:
        for value in _values(obj, prop):
            if value in seen:
                continue
            seen.add(value)
            if is_latin(value):
                found.append(ListName(value, "alias", quality))
            else:
                found.append(ListName(value, "original", "original"))
    if not found:
        return []
    caption = clean(obj.get("caption") if isinstance(obj.get("caption"), str) else "")
    candidates = [n for n in found if n.kind == "alias" and n.quality != "low"] or found
    main = next((n for n in candidates if n.full == caption), candidates[0])
    primary = ListName(main.full, "primary", "primary")
    return [primary, *(n for n in found if n is not main)]


def _dob(value: str) -> DateOfBirth | None:
    """``1971-01-22`` exact, ``1965`` a year, ``1965-03`` a year (month noted)."""
    if _date(value):
        return DateOfBirth("exact", value[:10])
    if len(value) >= 4 and value[:4].isdigit():
        return DateOfBirth("year", year=int(value[:4]), note=value if len(value) > 4 else "")
    return None
