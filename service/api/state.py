"""What one app holds: its settings, store, screener and metrics (``app.extensions["sanctions"]``)."""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from service.api.observability import Metrics
from service.screening import Decision, Screener
from service.settings import Settings
from service.store import KeyInfo, ListInfo, Store, hash_key
from service.transaction import Transaction

MAX_CACHED_KEYS = 10_000
log = logging.getLogger("service.api")


@dataclass
class AppState:
    settings: Settings
    store: Store
    screener: Screener
    metrics: Metrics
    list_id: int | None = None  # the stored list version the screener matches against
    _keys: dict[str, tuple[float, KeyInfo]] = field(default_factory=dict)
    _list_checked: float = 0.0

    def authenticate(self, secret: str) -> KeyInfo | None:
        """The key's owner; valid keys are remembered for ``key_cache_seconds`` (no DB trip)."""
        ttl = self.settings.key_cache_seconds
        digest = hash_key(secret)
        now = time.monotonic()
        cached = self._keys.get(digest)
        if cached is not None and now - cached[0] < ttl:
            return cached[1]
        key = self.store.authenticate(secret)
        if key is not None and ttl > 0:
            if len(self._keys) >= MAX_CACHED_KEYS:
                self._keys.clear()
            self._keys[digest] = (now, key)
        return key

    def use_list(self, list_id: int, data: bytes) -> None:
        """Match parties against this stored list version from now on (rules are kept)."""
        from service.bootstrap import party_screen

        parties = party_screen(data, self.settings)
        self.screener = self.screener.with_parties(parties)
        self.list_id = list_id

    def refresh_list(self) -> None:
        """Switch to a list version another process stored (one query every few seconds)."""
        now = time.monotonic()
        if now - self._list_checked < self.settings.list_check_seconds:
            return
        self._list_checked = now
        try:
            current = self.store.current_list()
            if current is not None and current.id != self.list_id:
                data = self.store.list_bytes(current.id)
                if data is not None:
                    self.use_list(current.id, data)
                    log.info("switched list", extra={"list": current.version})
        except Exception:  # keep screening with the list we have; /readyz reports the database
            log.exception("cannot refresh the sanctions list")

    def screen(self, transaction: Transaction | dict[str, Any]) -> Decision:
        self.refresh_list()
        decision = self.screener.screen(transaction)
        self.metrics.decisions.labels(decision.outcome).inc()
        return decision

    def list_age(self, current: ListInfo | None = None) -> float | None:
        """Seconds since the current list was generated; None when no list is loaded."""
        current = current or self.store.current_list()
        if current is None:
            return None
        generated = parse_stamp(current.date_generated)
        reference = generated or current.loaded_at
        return (dt.datetime.now(dt.UTC) - reference).total_seconds()


def parse_stamp(value: str) -> dt.datetime | None:
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def state() -> AppState:
    found: AppState = current_app.extensions["sanctions"]
    return found
