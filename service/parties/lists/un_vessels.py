"""Reader of the ``un-vessels`` source (``un-vessels-yaml``): vessels designated by the UN
Security Council or its committees (1718 DPRK, 1970 Libya), compiled from the resolutions'
annexes and the 1718 Committee's Designated Vessels List into ``data/un-vessels.yaml``.

The UN Consolidated List has no vessel records, so this file is the UN's vessel list for
IMO screening. Only ``status: listed`` vessels become entries; delisted ones stay in the file
for the record. A vessel's reference is ``UNV-`` and its IMO number, or ``UNV-`` and its name
when it has none (MIN NING DE YOU 078). Its programme is the regime code, ``listed_on`` the
designation date, ``measures`` the measure kinds of its designation; instrument, paragraph,
url and whether name and IMO were seen in a UN text go to the comments.

The YAML is read with a safe loader that knows only ``true``/``false`` as booleans (``NO``
stays Norway's flag); anchors and aliases are refused, and so is input over ``max_bytes``.
The snapshot's date is the file's ``date`` (its newest designation).
"""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ListError
from ..model import ListEntry, ListName, ListSnapshot
from .common import check_entries, clean, read_bytes, require_stamp, sha256
from .countries import iso2

SOURCE = "un-vessels"
DATA_FILE = "un-vessels.yaml"
MAX_BYTES = 2 * 1024 * 1024
_STATUSES = ("listed", "delisted")
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """A safe loader whose only booleans are true/false (no YAML 1.1 yes/no/on/off)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_un_vessels(data: bytes | str | Path, *, max_bytes: int = MAX_BYTES) -> ListSnapshot:
    """Parse the un-vessels YAML into a snapshot of its listed vessels.

    Raises :class:`ListError` with a one-line message for oversized, malformed or aliased
    YAML, a missing or unreadable ``date``, a vessel without name, regime, status or a valid
    designation date, a malformed IMO number, a repeated reference or no listed vessel.
    """
    raw = read_bytes(data, max_bytes)
    doc = _load(raw)
    if not isinstance(doc, dict) or not isinstance(doc.get("vessels"), list):
        raise ListError("the un-vessels YAML needs a mapping with a 'vessels' list")
    stamp = require_stamp(str(doc.get("date") or ""), "the un-vessels YAML")
    entries = []
    for number, item in enumerate(doc["vessels"], start=1):
        entry = _entry(number, item)
        if entry is not None:
            entries.append(entry)
    return ListSnapshot(stamp, sha256(raw), check_entries(entries, "the un-vessels YAML"), SOURCE)


def _load(raw: bytes) -> Any:
    """Safe-load one YAML document after refusing anchors and aliases."""
    try:
        text = raw.decode("utf-8")
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ListError("the un-vessels YAML uses anchors or aliases; write values out")
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except UnicodeDecodeError:
        raise ListError("the un-vessels YAML is not UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ListError(f"the un-vessels YAML is malformed{where}: {problem}") from None


def _entry(number: int, item: Any) -> ListEntry | None:
    """One vessel record as an entry, or None when it is not listed."""
    if not isinstance(item, dict):
        raise ListError(f"vessel {number} of the un-vessels YAML is not a mapping")
    name = clean(str(item.get("name") or ""))
    where = f"vessel {number} ({name or '?'}) of the un-vessels YAML"
    status = item.get("status")
    if status not in _STATUSES:
        raise ListError(f"{where} has status {status!r}; use listed or delisted")
    if status == "listed" and item.get("delisted_on") is not None:
        raise ListError(f"{where} is listed but has a delisted_on date")
    if not name:
        raise ListError(f"{where} has no name")
    regime = clean(str(item.get("regime") or ""))
    if not regime:
        raise ListError(f"{where} has no regime")
    designated = item.get("designated_on")
    if not isinstance(designated, date):
        raise ListError(f"{where} has no valid designated_on date")
    imo = item.get("imo")
    if imo is not None and not (isinstance(imo, str) and re.fullmatch(r"\d{7}", imo)):
        raise ListError(f"{where} has IMO {imo!r}; write seven digits in quotes, or null")
    if status != "listed":
        return None
    other = item.get("other_names") or []
    if not isinstance(other, list):
        raise ListError(f"{where} has other_names that are not a list")
    names = [ListName(name, "primary", "primary")]
    names += [ListName(clean(str(n)), "alias", "aka") for n in other if clean(str(n))]
    measures = item.get("measures") or []
    if not isinstance(measures, list) or not all(isinstance(m, str) for m in measures):
        raise ListError(f"{where} has measures that are not a list of names")
    flag = clean(str(item.get("flag_at_designation") or ""))
    verified = item.get("verified") is True
    instrument = clean(str(item.get("instrument") or ""))
    paragraph = clean(str(item.get("paragraph") or ""))
    notes = [
        f"instrument: {instrument}",
        f"paragraph: {paragraph}",
        f"url: {clean(str(item.get('url') or ''))}",
        "verified: name and IMO seen in a UN text"
        if verified
        else "verified: no (name or IMO not confirmed in a UN text)",
    ]
    return ListEntry(
        reference=f"UNV-{imo}"
        if imo
        else "UNV-" + re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-"),
        kind="vessel",
        regime="",
        list_type=regime,
        name=name,
        names=tuple(names),
        listed_on=designated,
        imo_numbers=(imo,) if imo else (),
        comments="; ".join(n for n in notes if not n.endswith(": ")),
        source=SOURCE,
        programmes=(regime,),
        measures=tuple(dict.fromkeys(measures)),
        vessel_flag=iso2(flag) if flag else "",
        basis=f"{instrument}, {paragraph}" if instrument and paragraph else "",
    )


def bundled_un_vessels_bytes() -> bytes:
    """The un-vessels YAML shipped inside this package (see data/PROVENANCE.md)."""
    return resources.files("service.parties").joinpath("data", DATA_FILE).read_bytes()


def load_bundled_un_vessels() -> ListSnapshot:
    """The un-vessels list shipped inside this package, parsed."""
    return read_un_vessels(bundled_un_vessels_bytes())
