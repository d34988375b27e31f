"""One reader per list format, each turning bytes into the same frozen :class:`ListSnapshot`.

A reader is a function ``(data, *, max_bytes) -> ListSnapshot`` registered here under its
format name; ``read_list`` picks one by name. Readers are pure: no database, no settings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import ListError
from ..model import ListSnapshot
from .common import DEFAULT_MAX_BYTES
from .un import bundled_un_bytes, load_bundled_un, read_un

Reader = Callable[..., ListSnapshot]

# format name -> (reader, the source its snapshots carry, a one-line description)
READERS: dict[str, tuple[Reader, str, str]] = {
    "un-xml": (read_un, "un", "UN Security Council Consolidated List XML"),
}


def formats() -> list[str]:
    """The format names ``read_list`` accepts."""
    return sorted(READERS)


def read_list(
    data: bytes | str | Path, fmt: str = "un-xml", *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ListSnapshot:
    """Read a list in the named format (raises :class:`ListError` on bad input or format)."""
    found = READERS.get(fmt)
    if found is None:
        raise ListError(f"unknown list format '{fmt}'; use one of {', '.join(formats())}")
    return found[0](data, max_bytes=max_bytes)


__all__ = [
    "READERS",
    "ListSnapshot",
    "Reader",
    "bundled_un_bytes",
    "formats",
    "load_bundled_un",
    "read_list",
    "read_un",
]
