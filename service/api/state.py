"""What one app holds: settings, store, rule tree, live screener, metrics (``app.extensions``)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from service.api.observability import Metrics
from service.jobs import Jobs
from service.rescreen import Rescreens
from service.ruletree import RuleTree
from service.screening import Decision, LiveScreener, Screener, Transaction
from service.screening.lists import published
from service.settings import Settings
from service.store import KeyInfo, ListInfo, Store, hash_key

MAX_CACHED_KEYS = 10_000


@dataclass
class AppState:
    settings: Settings
    store: Store
    tree: RuleTree
    live: LiveScreener
    metrics: Metrics
    jobs: Jobs | None = None  # set by the app factory
    rescreens: Rescreens | None = None  # set by the app factory
    _keys: dict[str, tuple[float, KeyInfo]] = field(default_factory=dict)

    @property
    def screener(self) -> Screener:
        """The screener in use (switched to newer stored lists within seconds)."""
        return self.live.refresh()

    @screener.setter
    def screener(self, value: Screener) -> None:
        self.live.screener = value

    def authenticate(self, secret: str) -> KeyInfo | None:
        """The key's owner; valid keys are remembered for ``key_cache_seconds`` (no DB trip)."""
        ttl = self.settings.key_cache_seconds
        digest = hash_key(secret)
        now = time.monotonic()
        cached = self._keys.get(digest)
        if cached is not None and now - cached[0] < ttl:
            return cached[1]
        key = self.store.keys.authenticate(secret)
        if key is not None and ttl > 0:
            if len(self._keys) >= MAX_CACHED_KEYS:
                self._keys.clear()
            self._keys[digest] = (now, key)
        return key

    def screen(self, transaction: Transaction | dict[str, Any]) -> Decision:
        decision = self.screener.screen(transaction)
        self.metrics.decisions.labels(decision.outcome).inc()
        return decision

    def list_age(self, current: ListInfo | None = None) -> float | None:
        """Seconds since the current UN list was generated; None when no list is loaded."""
        current = current or self.store.lists.current()
        if current is None:
            return None
        reference = published(current.date_generated) or current.loaded_at
        return (dt.datetime.now(dt.UTC) - reference).total_seconds()


def state() -> AppState:
    found: AppState = current_app.extensions["sanctions"]
    return found
