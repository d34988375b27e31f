"""The list delta between the versions a screening was made under and the versions now in use,
and the shortcut: which stored screenings the delta can affect.

A screening can only change through a list delta if one of its parties (or its route vessel)
met, or may now meet, an entry that was added, changed or removed. So the entries of the delta
(both the old and the new content of a changed one) are indexed on their own, and every stored
party query is matched against them with a review threshold lowered by :data:`MARGIN`, by name,
IMO and document number; a screening whose stored matches name a delta entry is affected too.
Only affected screenings go through the full pipeline. A transaction screened from its
description alone (the parties are read from the text) is always affected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from service.parties.diff import diff_lists
from service.parties.matcher import Matcher
from service.parties.model import ListEntry, ListSnapshot
from service.ruletree import RuleTree
from service.screening.lists import BUNDLED, read_stored, read_version
from service.screening.transaction import TransactionError, parse_transaction

if TYPE_CHECKING:
    from service.store import Store

# The delta is matched with a review threshold this much lower than the service's: the delta's
# own index ranks candidates differently from the whole list's, and a margin keeps a name the
# whole list would score just above the threshold from being missed.
MARGIN = 0.15


def list_versions(version: str) -> dict[str, str]:
    """``"un:…#ab un-vessels:…#cd"`` (a decision's ``versions.list``) -> source -> version."""
    out = {}
    for part in version.split():
        source, sep, _ = part.partition(":")
        if sep:
            out[source] = part
    return out


@dataclass(frozen=True)
class ListDelta:
    """What changed in one source's list between two versions (``before`` None: not screened
    before, every entry is new)."""

    source: str
    before: str | None
    after: str
    added: tuple[ListEntry, ...]
    removed: tuple[ListEntry, ...]
    changed: tuple[tuple[ListEntry, ListEntry, tuple[str, ...]], ...]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def what(self) -> dict[tuple[str, str], str]:
        """(list, reference) -> added, removed or changed."""
        out = {(self.source, e.reference): "added" for e in self.added}
        out.update({(self.source, e.reference): "removed" for e in self.removed})
        out.update({(self.source, new.reference): "changed" for _, new, _ in self.changed})
        return out

    def entries(self) -> tuple[ListEntry, ...]:
        """Every entry content the delta touches: added, removed, and both sides of a change."""
        return (*self.added, *self.removed,
                *(e for old, new, _ in self.changed for e in (old, new)))  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "before": self.before,
            "after": self.after,
            "added": [{"reference": e.reference, "name": e.name} for e in self.added],
            "changed": [
                {"reference": n.reference, "name": n.name, "fields": list(f)}
                for _, n, f in self.changed
            ],  # fmt: skip
            "removed": [{"reference": e.reference, "name": e.name} for e in self.removed],
        }


def list_delta(old: ListSnapshot | None, new: ListSnapshot) -> ListDelta:
    if old is None:
        return ListDelta(new.source, None, new.version, new.entries, (), ())
    diff = diff_lists(old, new)
    before, after = old.by_reference(), new.by_reference()
    return ListDelta(
        new.source, old.version, new.version,
        tuple(after[r] for r in diff.added), tuple(before[r] for r in diff.removed),
        tuple((before[r], after[r], tuple(f)) for r, f in diff.changed.items()),
    )  # fmt: skip


class Versions:
    """List snapshots by version string: the stored ones and the bundled ones, read once."""

    def __init__(self, store: Store, tree: RuleTree) -> None:
        self.store = store
        self.tree = tree
        self._infos = {v.version: v for v in store.lists.versions()}
        self._read: dict[str, ListSnapshot | None] = {}

    def get(self, version: str) -> ListSnapshot | None:
        if version not in self._read:
            self._read[version] = self._load(version)
        return self._read[version]

    def _load(self, version: str) -> ListSnapshot | None:
        info = self._infos.get(version)
        if info is not None:
            raw = self.store.lists.raw(info.id)
            if raw is not None:
                return read_stored(raw, info, self.tree)
        source = version.partition(":")[0]
        if source in BUNDLED:
            fmt, blob = BUNDLED[source]
            snapshot = read_version(blob(), fmt, self.tree)
            if snapshot.version == version:
                return snapshot
        return None


Query = tuple[str, str | None, str | None, str | None, str | None, str | None]


class Selector:
    """Tells whether a stored screening can be affected by these list deltas."""

    def __init__(self, deltas: Iterable[ListDelta], match_threshold: float,
                 review_threshold: float) -> None:  # fmt: skip
        self.deltas = [d for d in deltas if not d.is_empty]
        self.what: dict[tuple[str, str], str] = {}
        for d in self.deltas:
            self.what.update(d.what())
        review = max(0.01, review_threshold - MARGIN)
        self.matchers = [
            Matcher(
                ListSnapshot("", "", d.entries(), d.source),
                threshold=max(review, match_threshold),
                review_threshold=review,
            )  # fmt: skip
            for d in self.deltas
        ]
        self._hit = lru_cache(maxsize=100_000)(self._query)

    def _query(self, *query: str | None) -> bool:
        name, kind, dob, nationality, imo, document = query
        return any(
            m.match(
                name or "",
                type=kind,
                date_of_birth=dob,
                nationality=nationality,
                imo=imo,
                document=document,
                limit=1,
            )  # fmt: skip
            for m in self.matchers
        )

    def affected(self, transaction: Mapping[str, Any], summary: Mapping[str, Any]) -> bool:
        if not self.deltas:
            return False
        for m in summary.get("matches") or ():
            if (m.get("list"), m.get("reference")) in self.what:
                return True
        try:
            tx = parse_transaction(dict(transaction))
        except TransactionError:
            return True  # it will fail the same way; let the pipeline say so
        if tx.description and not (tx.parties or tx.goods):
            return True
        return any(self._hit(*query) for query in queries(tx))


def queries(tx: Any) -> list[Query]:
    """The party queries :class:`service.screening.parties.ListScreen` makes for ``tx``."""
    out: list[Query] = [
        (p.name or "", p.type, p.date_of_birth, p.nationality, p.imo, p.document)
        for p in tx.parties if p.name or p.imo or p.document
    ]  # fmt: skip
    vessel = tx.route.vessel
    if vessel and (vessel.name or vessel.imo):
        out.append((vessel.name or "", "vessel", None, None, vessel.imo, None))
    return out
