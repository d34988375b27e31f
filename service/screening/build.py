"""Build the screener a process uses from its settings: the rule tree and the current lists.

Everything loads strictly: a broken rule set or list raises rather than half-loading.
:class:`LiveScreener` keeps a process on the current list versions as other processes store
new ones (the API, the worker and the web pages share it).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from service.parties.matcher import Matcher
from service.parties.model import ListSnapshot
from service.ruletree import RuleTree, load_tree
from service.screening.lists import StoredList, current_lists
from service.screening.parties import ListScreen
from service.screening.screener import Screener
from service.settings import Settings

if TYPE_CHECKING:
    from service.store import Store

CACHE_SIZE = 20_000  # remembered party queries and goods lines per process (both repeat)
log = logging.getLogger("service.screening")


def party_screen(
    snapshots: Iterable[ListSnapshot], settings: Settings, tree: RuleTree | None = None
) -> ListScreen:
    """Screen parties against these list versions with the settings' thresholds (and the
    tree's per-entry measures: entries listed for some of their regime's measures only)."""
    matchers = [
        Matcher(s, threshold=settings.match_threshold, review_threshold=settings.review_threshold)
        for s in snapshots
    ]
    return ListScreen(
        matchers,
        max_age_days=settings.list_max_age_days,
        cache_size=CACHE_SIZE,
        blocking=frozenset(settings.blocking_lists),
        entry_measures=tree.entry_measures() if tree is not None else None,
        regime_targets={k: r.targets for k, r in tree.regimes.items()}
        if tree is not None
        else None,
    )


def build_screener(
    settings: Settings | None = None,
    tree: RuleTree | None = None,
    lists: Iterable[StoredList] | None = None,
) -> Screener:
    """The screener for the settings' rule tree and the given lists (default: the bundled ones)."""
    settings = settings or Settings()
    tree = tree or load_tree(settings.rules)
    found = list(lists) if lists is not None else current_lists(None, tree)
    parties = party_screen((s.snapshot for s in found), settings, tree)
    return Screener.from_tree(tree, parties, list_required=True, cache_size=CACHE_SIZE)


class LiveScreener:
    """A process's screener, switched to the newest stored list versions within seconds."""

    def __init__(
        self, settings: Settings, store: Store, tree: RuleTree, screener: Screener | None = None
    ) -> None:
        self.settings = settings
        self.store = store
        self.tree = tree
        self._lock = threading.Lock()
        self._checked = 0.0
        if screener is None:
            lists = current_lists(store, tree)
            screener = build_screener(settings, tree, lists)
            self.list_ids = {s.snapshot.source: s.id for s in lists}
        else:
            self.list_ids = {}  # an injected screener switches to the stored lists on first use
        self.screener = screener

    def use(self, lists: list[StoredList]) -> None:
        """Screen against these list versions from now on (the compiled rules are kept)."""
        parties = party_screen((s.snapshot for s in lists), self.settings, self.tree)
        self.screener = self.screener.with_parties(parties)
        self.list_ids = {s.snapshot.source: s.id for s in lists}

    def refresh(self) -> Screener:
        """The screener, after switching to versions another process stored (one query every
        ``list_check_seconds``); on a database error the lists in use are kept."""
        now = time.monotonic()
        if now - self._checked < self.settings.list_check_seconds:
            return self.screener
        with self._lock:
            self._checked = now
            try:
                stored = {s: i.id for s, i in self.store.lists.current_all().items()}
                if any(self.list_ids.get(s) != i for s, i in stored.items()):
                    self.use(current_lists(self.store, self.tree))
                    log.info("switched lists", extra={"list": self.screener.versions["list"]})
            except Exception:  # keep screening with the lists we have; /readyz reports the database
                log.exception("cannot refresh the sanctions lists")
        return self.screener
