"""What every list reader shares: bounded reading, gzip, safe XML and small text helpers.

XML is parsed with :mod:`xml.etree.ElementTree` only after refusing DTDs and entity
declarations (billion laughs, external entities) and inputs above a size limit.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date
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


def clean(value: str | None) -> str:
    """Whitespace collapsed and stripped; '' for None."""
    return " ".join((value or "").split())


def iso_date(value: str) -> date | None:
    """The first 10 characters as an ISO date (some carry a ``-04:00`` suffix), else None."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


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
