"""What every list reader shares: bounded reading, gzip, safe XML and small text helpers.

XML is parsed with :mod:`xml.etree.ElementTree` only after refusing DTDs and entity
declarations (billion laughs, external entities) and inputs above a size limit.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from ..errors import ListError
from ..model import ListEntry

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_FORBIDDEN = (b"<!doctype", b"<!entity")


def read_bytes(data: bytes | str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The input as bytes (a path, text or bytes; gzip undone), refusing more than ``max_bytes``."""
    if isinstance(data, Path):
        try:
            if data.stat().st_size > max_bytes:
                raise ListError(f"{data}: file larger than {max_bytes} bytes")
            raw = data.read_bytes()
        except OSError as exc:
            raise ListError(f"{data}: cannot read list file ({exc.strerror})") from None
    elif isinstance(data, str):
        raw = data.encode("utf-8")
    else:
        raw = bytes(data)
    if len(raw) > max_bytes:
        raise ListError(f"list input larger than {max_bytes} bytes")
    if raw[:2] == b"\x1f\x8b":
        raw = gunzip(raw, max_bytes)
    if not raw.strip():
        raise ListError("list input is empty")
    return raw


def gunzip(raw: bytes, max_bytes: int) -> bytes:
    """Decompress gzip input without ever holding more than ``max_bytes`` + 1 bytes."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        raise ListError(f"list input is not valid gzip: {exc}") from None
    if len(out) > max_bytes:
        raise ListError(f"decompressed list larger than {max_bytes} bytes")
    return out


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def parse_xml(raw: bytes, root_tag: str | None = None) -> ET.Element:
    """Parse XML after refusing DTDs and entities; check the root tag (namespace ignored)."""
    lowered = raw.lower()
    for marker in _FORBIDDEN:
        if marker in lowered:
            raise ListError(f"list XML contains a forbidden {marker.decode().upper()} declaration")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise ListError(f"list XML is malformed or truncated: {exc}") from None
    if root_tag is not None and local(root.tag) != root_tag:
        raise ListError(f"list XML root is <{local(root.tag)}>, expected <{root_tag}>")
    return root


def local(tag: str) -> str:
    """An element's tag without its ``{namespace}``."""
    return tag.rsplit("}", 1)[-1]


def strip_namespaces(root: ET.Element) -> ET.Element:
    """Drop the ``{namespace}`` of every tag in place (for lists whose namespace varies)."""
    for el in root.iter():
        el.tag = local(el.tag)
    return root


def text(el: ET.Element | None, path: str) -> str:
    """Collapsed text of a child element, or '' when absent or empty."""
    if el is None:
        return ""
    found = el.find(path)
    return clean(found.text) if found is not None else ""


def texts(el: ET.Element, path: str) -> tuple[str, ...]:
    """Collapsed non-empty texts of all children matching ``path``, duplicates dropped."""
    out = (clean(found.text) for found in el.iterfind(path))
    return tuple(dict.fromkeys(v for v in out if v))


def clean(value: str | None) -> str:
    """Whitespace collapsed and stripped; '' for None."""
    return " ".join((value or "").split())


def iso_date(value: str) -> date | None:
    """The first 10 characters as an ISO date (some carry a ``-04:00`` suffix), else None."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
IMO_RE = re.compile(r"\bIMO\s*(?:[Nn]o\.?|[Nn]umber)?\s*:?\s*(\d{7})\b")


def slash_date(value: str, order: str) -> str:
    """``dd/mm/yyyy`` (order ``dmy``) or ``mm/dd/yyyy`` (``mdy``) as an ISO date; '' if not one."""
    found = _DMY.match(value.strip())
    if not found:
        return ""
    first, second, year = (int(g) for g in found.groups())
    day, month = (first, second) if order == "dmy" else (second, first)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def require_stamp(value: str, what: str) -> str:
    """The publisher's date of a list as an ISO string, refusing a missing or unreadable one.

    A later layer compares list dates, so a list whose date cannot be read is not used.
    """
    stamp = value.strip()
    if not stamp:
        raise ListError(f"{what} has no publication date")
    try:
        datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        raise ListError(f"{what} has an unreadable publication date '{stamp[:40]}'") from None
    return stamp


def imo_numbers(*values: str) -> tuple[str, ...]:
    """Seven-digit IMO numbers written as ``IMO 1234567`` (or ``IMO1234567``) in the values."""
    found = (n for v in values for n in IMO_RE.findall(v))
    return tuple(dict.fromkeys(found))


def is_latin(name: str) -> bool:
    """True when every letter of the name is in a Latin script block (diacritics included)."""
    return all(ord(ch) < 0x300 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in name if ch.isalpha())


def check_entries(entries: Iterable[ListEntry], what: str) -> tuple[ListEntry, ...]:
    """Refuse a list without records, a record without reference, or a repeated reference."""
    out = tuple(entries)
    if not out:
        raise ListError(f"{what} holds no records")
    seen: set[str] = set()
    for entry in out:
        if not entry.reference:
            raise ListError(f"a record of {what} has no reference ({entry.name or '?'})")
        if entry.reference in seen:
            raise ListError(f"duplicate reference {entry.reference} in {what}")
        seen.add(entry.reference)
    return out
