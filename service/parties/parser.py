"""Safe reading of the UN Consolidated List XML export into frozen records.

The export is parsed with :mod:`xml.etree.ElementTree` only after refusing DTDs and entity
declarations (billion-laughs, external entities) and inputs above a size limit.
"""

from __future__ import annotations

import gzip
import hashlib
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

from .errors import ListError
from .model import ConsolidatedList, ListEntry
from .records import entity_entry, individual_entry

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_LIST_FILE = "consolidated-2026-05-08.xml.gz"
_FORBIDDEN = (b"<!doctype", b"<!entity")


def parse_list(data: bytes | str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ConsolidatedList:
    """Parse a UN Consolidated List from XML bytes, XML text or a path (``.gz`` accepted).

    Raises :class:`ListError` with a one-line message for unsafe, oversized, malformed,
    truncated or record-less input; it never returns an empty list.
    """
    raw = _read_bytes(data, max_bytes)
    if raw[:2] == b"\x1f\x8b":
        raw = _gunzip(raw, max_bytes)
    _refuse_unsafe(raw)
    root = _parse_root(raw)
    entries = _entries(root)
    stamp = (root.get("dateGenerated") or "").strip()
    if not stamp:
        raise ListError("list has no dateGenerated attribute on CONSOLIDATED_LIST")
    return ConsolidatedList(stamp, hashlib.sha256(raw).hexdigest(), entries)


def load_default_list() -> ConsolidatedList:
    """Load the copy of the UN list shipped inside this package (see data/PROVENANCE.md)."""
    blob = resources.files("service.parties").joinpath("data", DEFAULT_LIST_FILE).read_bytes()
    return parse_list(blob)


def _read_bytes(data: bytes | str | Path, max_bytes: int) -> bytes:
    """Turn the accepted input kinds into bytes, refusing anything over ``max_bytes``."""
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
    if not raw.strip():
        raise ListError("list input is empty")
    return raw


def _gunzip(raw: bytes, max_bytes: int) -> bytes:
    """Decompress gzip input without ever holding more than ``max_bytes`` + 1 bytes."""
    try:
        with gzip.GzipFile(fileobj=__import__("io").BytesIO(raw)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        raise ListError(f"list input is not valid gzip: {exc}") from None
    if len(out) > max_bytes:
        raise ListError(f"decompressed list larger than {max_bytes} bytes")
    return out


def _refuse_unsafe(raw: bytes) -> None:
    """Refuse DTDs and entity declarations: the UN export never carries them."""
    lowered = raw.lower()
    for marker in _FORBIDDEN:
        if marker in lowered:
            raise ListError(f"list XML contains a forbidden {marker.decode().upper()} declaration")


def _parse_root(raw: bytes) -> ET.Element:
    """Parse the document and check that its root is CONSOLIDATED_LIST."""
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise ListError(f"list XML is malformed or truncated: {exc}") from None
    if root.tag != "CONSOLIDATED_LIST":
        raise ListError(f"list XML root is <{root.tag}>, expected <CONSOLIDATED_LIST>")
    return root


def _entries(root: ET.Element) -> tuple[ListEntry, ...]:
    """Convert every INDIVIDUAL and ENTITY, refusing a list without records."""
    entries = [individual_entry(el) for el in root.iterfind("INDIVIDUALS/INDIVIDUAL")]
    entries += [entity_entry(el) for el in root.iterfind("ENTITIES/ENTITY")]
    if not entries:
        raise ListError("list XML holds no INDIVIDUAL or ENTITY records")
    seen: set[str] = set()
    for entry in entries:
        if not entry.reference:
            raise ListError(f"record {entry.data_id or '?'} has no REFERENCE_NUMBER")
        if entry.reference in seen:
            raise ListError(f"duplicate REFERENCE_NUMBER {entry.reference}")
        seen.add(entry.reference)
    return tuple(entries)
