"""List versions: read, check, store, find the current ones, and fall back to the bundled ones.

This is the one place that knows "which list version is current": the API, the CLI, the worker
and the web pages all ask here. A new version is parsed before anything is stored, and refused
when it is older than the current one, has an unreadable date, or loses more than a set share of
the entries, unless an admin forces it with a reason that is kept with the version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from service.parties.errors import ListError
from service.parties.lists import (
    DEFAULT_MAX_BYTES,
    READERS,
    bundled_un_bytes,
    bundled_un_vessels_bytes,
    detect_format,
    options,
    read_list,
)
from service.parties.model import ListSnapshot
from service.ruletree import RuleTree
from service.screening.errors import ListRefused

if TYPE_CHECKING:  # the store is needed only by callers that have one (SQLAlchemy is heavy)
    from service.store import ListInfo, Store

DEFAULT_MAX_LOSS = 0.05  # a new version losing more than this share of entries is refused
# source -> (format, bytes) shipped in the package: every deployment screens against these
BUNDLED = {
    "un": ("un-xml", bundled_un_bytes),
    "un-vessels": ("un-vessels-yaml", bundled_un_vessels_bytes),
}


@dataclass(frozen=True)
class StoredList:
    """A list version the screener uses: its stored id (None: bundled, not stored) and entries."""

    id: int | None
    snapshot: ListSnapshot


def read_version(data: bytes | Path, fmt: str, tree: RuleTree, **opts: str | None) -> ListSnapshot:
    """Parse list bytes with the format's reader (``opts``: its options, such as ``published``);
    entries get their regime from the tree's mapping for the snapshot's source."""
    snapshot = read_list(data, fmt, max_bytes=DEFAULT_MAX_BYTES, **opts)
    return snapshot.with_regimes(tree.list_regimes(snapshot.source))


def read_stored(raw: bytes, info: ListInfo, tree: RuleTree) -> ListSnapshot:
    """Read a stored version again: the options it was loaded with come from what was stored
    (its source, and its date for formats whose files carry none)."""
    stored = {"source": info.source, "published": info.date_generated}
    return read_version(raw, info.format, tree, **{k: stored[k] for k in options(info.format)})


def resolve_format(data: bytes, fmt: str | None, source: str | None) -> tuple[str, dict[str, str]]:
    """The format to read ``data`` with and the reader options for ``source`` (raises
    :class:`ListError` with a one-line reason).

    Without ``fmt`` the format is told from the content where that is certain. A ``source``
    other than the format's own is refused unless the format takes one (FtM exports).
    """
    if fmt is None:
        fmt = detect_format(data)
    elif fmt not in READERS:
        raise ListError(f"unknown list format '{fmt}'; use one of {', '.join(sorted(READERS))}")
    out: dict[str, str] = {}
    own = READERS[fmt][1]
    if source is not None and source != own:
        if "source" not in options(fmt):
            raise ListError(f"format {fmt} is always the list '{own}', not '{source}'")
        if source in BUNDLED or any(s == source for _, s, _ in READERS.values()):
            raise ListError(f"source '{source}' is the name of another list; choose another")
        out["source"] = source
    return fmt, out


def published(date_generated: str) -> dt.datetime | None:
    """A publisher's date as a UTC time, or None when it cannot be read."""
    text = date_generated.strip().replace("Z", "+00:00")
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def refusals(new: ListSnapshot, current: ListInfo | None, max_loss: float) -> list[str]:
    """Why ``new`` must not replace ``current`` (empty: it may)."""
    out = []
    stamp = published(new.date_generated)
    if stamp is None:
        out.append(f"its date {new.date_generated!r} cannot be read")
    if current is None:
        return out
    before = published(current.date_generated)
    if stamp is not None and before is not None and stamp < before:
        out.append(f"it is older ({new.date_generated}) than the current version {current.version}")
    if current.entries and len(new.entries) < current.entries * (1 - max_loss):
        lost = current.entries - len(new.entries)
        out.append(
            f"it has {len(new.entries)} entries, {lost} fewer than the current version's "
            f"{current.entries} (more than {max_loss:.0%} lost)"
        )
    return out


def store_version(
    store: Store,
    data: bytes,
    fmt: str | None,
    tree: RuleTree,
    *,
    force_reason: str | None = None,
    actor: str | None = None,
    max_loss: float = DEFAULT_MAX_LOSS,
    source: str | None = None,
    published: str | None = None,
) -> tuple[ListInfo, ListSnapshot]:
    """Read, check and store a new version (raises ``ListError`` or :class:`ListRefused`).

    ``fmt`` None: told from the content (see :func:`resolve_format`); ``source`` names an FtM
    export's list; ``published`` dates a format whose files carry no date (OFAC CSV) or
    overrides an FtM file's own. The checks compare with the current version of the same
    source only. The same bytes as the current version are not stored twice: the current one
    is returned.
    """
    fmt, opts = resolve_format(data, fmt, source)
    if published is not None:
        if "published" not in options(fmt):
            raise ListError(f"format {fmt} carries its own date; published= is not taken")
        opts["published"] = published
    snapshot = read_version(data, fmt, tree, **opts)
    current = store.lists.current(snapshot.source)
    if current is not None and current.sha256 == snapshot.sha256:
        return current, snapshot
    reasons = refusals(snapshot, current, max_loss)
    if reasons and not (force_reason and force_reason.strip()):
        raise ListRefused(reasons)
    info = store.lists.add(
        snapshot.source, snapshot.version, snapshot.date_generated, snapshot.sha256,
        snapshot.counts(), data, fmt=fmt,
        forced_reason=("; ".join(reasons) + f" — forced: {force_reason}") if reasons else None,
        loaded_by=actor,
    )  # fmt: skip
    return info, snapshot


def ensure_bundled(store: Store, tree: RuleTree) -> list[ListInfo]:
    """Store the lists shipped in the package for every source that has no version yet."""
    added = []
    for source, (fmt, blob) in BUNDLED.items():
        if store.lists.current(source) is None:
            added.append(store_version(store, blob(), fmt, tree)[0])
    return added


def current_lists(store: Store | None, tree: RuleTree) -> list[StoredList]:
    """The lists to screen against: the newest stored version of every source, and the bundled
    version of a bundled source that has none stored."""
    out: dict[str, StoredList] = {}
    for source, info in (store.lists.current_all() if store is not None else {}).items():
        raw = store.lists.raw(info.id) if store is not None else None
        if raw is not None:
            out[source] = StoredList(info.id, read_stored(raw, info, tree))
    for source, (fmt, blob) in BUNDLED.items():
        if source not in out:
            out[source] = StoredList(None, read_version(blob(), fmt, tree))
    return [out[s] for s in sorted(out, key=lambda s: (s != "un", s))]


def formats() -> dict[str, str]:
    """Format name -> description, for help texts and errors."""
    return {name: description for name, (_, _, description) in sorted(READERS.items())}
