"""Reader of OFAC's legacy SDN CSV files (``ofac-sdn-csv``), given as one ZIP archive.

The archive holds ``sdn.csv`` (12 columns: ent_num, name, type, programs, title, call sign,
vessel type, tonnage, GRT, vessel flag, vessel owner, remarks), ``add.csv`` (addresses),
``alt.csv`` (aliases) and optionally ``sdn_comments.csv`` (the rest of remarks longer than
the remarks column). The files have no header row and write ``-0-`` for an empty field.
Dates of birth, documents, IMO numbers and weak aliases (``a.k.a. 'X'``) are in the remarks.

The files carry no date, so the caller must say when OFAC published them: ``published``
(an ISO date or timestamp, e.g. the ``Last-Modified`` of the download); without it the
list is refused, because a later layer orders lists by that date.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import defaultdict
from pathlib import Path

from ..errors import ListError
from ..model import Address, DateOfBirth, Document, ListEntry, ListName, ListSnapshot
from .common import (
    DEFAULT_MAX_BYTES,
    check_entries,
    clean,
    imo_numbers,
    read_bytes,
    require_stamp,
    sha256,
)
from .countries import iso2
from .ofac_common import ALIAS_TYPES, is_document, kind_of, ofac_date, programs

SOURCE = "ofac-sdn"
REQUIRED = ("sdn.csv", "add.csv", "alt.csv")
OPTIONAL = ("sdn_comments.csv",)
_COLUMNS = {"sdn.csv": 12, "add.csv": 6, "alt.csv": 5, "sdn_comments.csv": 2}
_LONG = {"sdn.csv": 11, "sdn_comments.csv": 1}
_EMPTY = "-0-"
_WEAK_AKA = re.compile(r"^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'(.+)'\.?$")
_PARENS = re.compile(r"\s*\(([^()]*)\)\s*$")


def read_ofac_csv(
    data: bytes | str | Path,
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ListSnapshot:
    """Parse a ZIP of OFAC's SDN CSV files; ``published`` is OFAC's date of the files.

    Raises :class:`ListError` with a one-line message for a missing date, a ZIP without
    ``sdn.csv``/``add.csv``/``alt.csv``, a malformed or truncated file, a row without
    ``ent_num``, a repeated ``ent_num`` or an empty list. Rows of ``add.csv``/``alt.csv``
    whose ``ent_num`` is not in ``sdn.csv`` are ignored.
    """
    if published is None or not published.strip():
        raise ListError("the OFAC CSV files carry no date: give published= (OFAC's date of them)")
    stamp = require_stamp(published, "the OFAC CSV (published=)")
    raw = read_bytes(data, max_bytes)
    files = _unzip(raw, max_bytes)
    rows = {name: _rows(name, files[name]) for name in files}
    remarks = _remarks(rows["sdn.csv"], rows.get("sdn_comments.csv", []))
    addresses: dict[str, list[Address]] = defaultdict(list)
    for row in rows["add.csv"]:
        fields = (row[4], row[3], "", row[2], row[5])
        if any(fields):
            addresses[row[0]].append(Address(*fields))
    aliases: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows["alt.csv"]:
        if row[3]:
            aliases[row[0]].append((ALIAS_TYPES.get(row[2].lower(), "aka"), row[3]))
    entries = [
        _entry(row, remarks[row[0]], aliases[row[0]], addresses[row[0]]) for row in rows["sdn.csv"]
    ]
    return ListSnapshot(stamp, sha256(raw), check_entries(entries, "the OFAC CSV"), SOURCE)


def _unzip(raw: bytes, max_bytes: int) -> dict[str, str]:
    """The CSV files of the archive by lower-case base name, decoded, within ``max_bytes``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise ListError("the OFAC CSV input is not a ZIP archive (or it is truncated)") from None
    members = {Path(info.filename).name.lower(): info for info in archive.infolist()}
    missing = [name for name in REQUIRED if name not in members]
    if missing:
        raise ListError(f"the OFAC CSV archive has no {', '.join(missing)}")
    wanted = [members[n] for n in (*REQUIRED, *OPTIONAL) if n in members]
    if sum(info.file_size for info in wanted) > max_bytes:
        raise ListError(f"the OFAC CSV archive unpacks to more than {max_bytes} bytes")
    out = {}
    for info in wanted:
        try:
            with archive.open(info) as stream:
                data = stream.read(max_bytes + 1)
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:
            raise ListError(f"the OFAC CSV archive is damaged ({info.filename}: {exc})") from None
        if len(data) > max_bytes:
            raise ListError(f"the OFAC CSV archive unpacks to more than {max_bytes} bytes")
        out[Path(info.filename).name.lower()] = _decode(data)
    return out


def _decode(data: bytes) -> str:
    """UTF-8 when it is, else Windows-1252 (OFAC's older files); the DOS end mark dropped."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\x1a", "")


def _rows(name: str, text: str) -> list[list[str]]:
    """The file's rows with ``-0-`` as '' and whitespace collapsed; each row must be complete."""
    width = _COLUMNS[name]
    long = _LONG.get(name)  # the remarks column, kept as written until it is joined
    out = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), strict=True), start=1):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != width:
                raise ListError(
                    f"row {number} of {name} has {len(row)} fields, expected {width} (truncated?)"
                )
            cells = [clean(cell) if i != long else cell for i, cell in enumerate(row)]
            cells = ["" if clean(cell) == _EMPTY else cell for cell in cells]
            if not cells[0]:
                raise ListError(f"row {number} of {name} has no ent_num")
            out.append(cells)
    except csv.Error as exc:
        raise ListError(f"{name} is malformed or truncated: {exc}") from None
    if name == "sdn.csv" and not out:
        raise ListError("sdn.csv holds no records")
    return out


def _remarks(sdn: list[list[str]], comments: list[list[str]]) -> dict[str, str]:
    """Each entry's remarks, continued by its ``sdn_comments.csv`` rows (OFAC cuts remarks at
    a fixed length, sometimes inside a word, so the parts are joined as written)."""
    out = {row[0]: row[11] for row in sdn}
    for ent_num, more in comments:
        if ent_num in out:
            out[ent_num] += more
    return {ent_num: clean(text) for ent_num, text in out.items()}


def _entry(
    row: list[str], remarks: str, aliases: list[tuple[str, str]], addresses: list[Address]
) -> ListEntry:
    """One ``sdn.csv`` row with its aliases, addresses and parsed remarks."""
    reference, name, kind_text, program_text = row[0], row[1], row[2], row[3]
    where = f"OFAC entry {reference}"
    kind = kind_of(kind_text, where)
    if not name:
        raise ListError(f"{where} has no name")
    items = [i.strip() for i in remarks.split(";") if i.strip()]
    names = [_name(name, kind, "primary", "primary")]
    names += [_name(alias, kind, "alias", quality) for quality, alias in aliases]
    names += [ListName(n, "alias", "low") for n in _weak_aliases(items)]
    programmes = programs(program_text)
    flag = row[9]
    vessel = [f"{label} {row[i]}" for label, i in _VESSEL if row[i]]
    return ListEntry(
        reference=reference,
        kind=kind,
        regime="",
        list_type=programmes[0] if programmes else "",
        name=names[0].full,
        names=tuple(names),
        nationalities=tuple(dict.fromkeys(_after(items, ("nationality ", "citizen ")))),
        dates_of_birth=_dobs(items),
        documents=tuple(_documents(items)),
        addresses=tuple(addresses),
        imo_numbers=imo_numbers(remarks),
        comments="; ".join(p for p in (remarks, *vessel) if p),
        titles=(row[4],) if row[4] else (),
        gender=next(iter(_after(items, ("Gender ",))), ""),
        source=SOURCE,
        programmes=programmes,
        vessel_flag=iso2(flag) if flag else "",
    )


_VESSEL = (
    ("call sign", 5),
    ("vessel type", 6),
    ("tonnage", 7),
    ("GRT", 8),
    ("flag", 9),
    ("owner", 10),
)


def _name(text: str, kind: str, name_kind: str, quality: str) -> ListName:
    """A name as OFAC writes it; an individual's ``LAST, First`` turned to ``First LAST``."""
    if kind == "individual" and ", " in text:
        last, first = text.split(", ", 1)
        parts = (first.strip(), last.strip())
        return ListName(" ".join(parts), name_kind, quality, parts)
    return ListName(text, name_kind, quality)


def _weak_aliases(items: list[str]) -> list[str]:
    """The ``a.k.a. 'X'`` names of the remarks: OFAC's weak aliases."""
    return [m.group(2).strip() for m in (_WEAK_AKA.match(i) for i in items) if m]


def _after(items: list[str], prefixes: tuple[str, ...]) -> list[str]:
    """The rest of each remark that starts with one of the prefixes (``alt.`` allowed)."""
    out = []
    for item in items:
        bare = item.removeprefix("alt. ").rstrip(".")
        for prefix in prefixes:
            if bare.startswith(prefix):
                out.append(bare[len(prefix) :].strip())
    return out


def _dobs(items: list[str]) -> tuple[DateOfBirth, ...]:
    """``DOB ...`` remarks in OFAC's date forms."""
    found = (ofac_date(v) for v in _after(items, ("DOB ",)))
    return tuple(d for d in found if d is not None)


def _documents(items: list[str]) -> list[Document]:
    """Identity and registration documents written as ``Type Number (Region) (Country)``."""
    out = []
    for item in items:
        rest, places = item.removeprefix("alt. ").rstrip(". "), list[str]()
        while found := _PARENS.search(rest):
            places.insert(0, found.group(1).strip())
            rest = rest[: found.start()]
        words = rest.split()
        at = next((i for i, w in enumerate(words) if any(c.isdigit() for c in w)), None)
        if not at:
            continue
        kind, number = " ".join(words[:at]), " ".join(words[at:])
        if is_document(kind, number):
            country = places[-1] if places else ""
            out.append(Document(kind, number, "", country, " ".join(places[:-1])))
    return out
