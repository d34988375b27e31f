"""Reader of the UN Security Council Consolidated List XML export (``un-xml``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..errors import ListError
from ..model import ListSnapshot
from .common import DEFAULT_MAX_BYTES, check_entries, parse_xml, read_bytes, sha256
from .un_records import entity_entry, individual_entry

SOURCE = "un"
DEFAULT_LIST_FILE = "consolidated-2026-05-08.xml.gz"


def read_un(data: bytes | str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ListSnapshot:
    """Parse a UN Consolidated List from XML bytes, XML text or a path (``.gz`` accepted).

    Raises :class:`ListError` with a one-line message for unsafe, oversized, malformed,
    truncated or record-less input; it never returns an empty list. Entries carry their
    UN_LIST_TYPE as programme; their regime is set from ``regimes.yaml`` by the caller.
    """
    raw = read_bytes(data, max_bytes)
    root = parse_xml(raw, "CONSOLIDATED_LIST")
    entries = [individual_entry(el) for el in root.iterfind("INDIVIDUALS/INDIVIDUAL")]
    entries += [entity_entry(el) for el in root.iterfind("ENTITIES/ENTITY")]
    if not entries:
        raise ListError("list XML holds no INDIVIDUAL or ENTITY records")
    stamp = (root.get("dateGenerated") or "").strip()
    if not stamp:
        raise ListError("list has no dateGenerated attribute on CONSOLIDATED_LIST")
    return ListSnapshot(stamp, sha256(raw), check_entries(entries, "the list XML"), SOURCE)


def bundled_un_bytes() -> bytes:
    """The gzip bytes of the UN list shipped inside this package (see data/PROVENANCE.md)."""
    return resources.files("service.parties").joinpath("data", DEFAULT_LIST_FILE).read_bytes()


def load_bundled_un() -> ListSnapshot:
    """The UN list shipped inside this package, parsed."""
    return read_un(bundled_un_bytes())
