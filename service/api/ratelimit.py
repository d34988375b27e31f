"""Rate limits per API key and throttling of wrong keys per client address.

Fixed windows counted in Redis (shared by every process) or memory: a thin layer over the
``limits`` library rather than flask-limiter, one counter hit per request, since this runs on
every screening. Responses to keyed requests carry ``X-RateLimit-Limit``, ``-Remaining`` and
``-Reset``.

Degraded, not broken: when Redis cannot be reached, the counters fall back to this process's
memory with the same limits (so each process allows the limit on its own) and Redis is tried
again after ``RETRY_SECONDS``; screening keeps working and ``/readyz`` reports Redis as down.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Flask, Response, g, request
from limits import RateLimitItem, parse, parse_many
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

RETRY_SECONDS = 5.0  # how long a process counts locally before trying Redis again
WRONG_KEYS = "10/minute"  # unknown or revoked keys tolerated per client address
log = logging.getLogger("service.api")


class Counters:
    """Hit counters in the configured storage, falling back to process memory when it fails."""

    def __init__(self, storage_uri: str) -> None:
        options: dict[str, Any] = {}
        if storage_uri.startswith(("redis://", "rediss://")):
            options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
        self.shared = FixedWindowRateLimiter(storage_from_string(storage_uri, **options))
        self.local = FixedWindowRateLimiter(MemoryStorage())
        self.is_memory = storage_uri.startswith("memory://")
        self._down_until = 0.0

    @property
    def degraded(self) -> bool:
        """True while the shared storage is skipped after a failure."""
        return time.monotonic() < self._down_until

    def _limiter(self) -> FixedWindowRateLimiter:
        return self.local if self.degraded else self.shared

    def hit(self, item: RateLimitItem, ident: str) -> tuple[bool, int, float]:
        """Count one hit: (allowed, remaining, reset time as a Unix time)."""
        try:
            return self._hit(self._limiter(), item, ident)
        except Exception as exc:  # any storage error: count locally for a while
            self._down_until = time.monotonic() + RETRY_SECONDS
            log.warning("rate-limit storage unreachable; counting locally",
                        extra={"error": type(exc).__name__})  # fmt: skip
            return self._hit(self.local, item, ident)

    @staticmethod
    def _hit(
        limiter: FixedWindowRateLimiter, item: RateLimitItem, ident: str
    ) -> tuple[bool, int, float]:
        allowed = limiter.hit(item, ident)
        stats = limiter.get_window_stats(item, ident)
        return allowed, stats.remaining, stats.reset_time


def _too_many(message: str, reset: float) -> TooManyRequests:
    return TooManyRequests(message, retry_after=max(1, int(reset - time.time()) + 1))


def install(app: Flask, spec: str, counters: Counters) -> None:
    """Limit every request that carries an API key (health endpoints carry none) to ``spec``."""
    items = parse_many(spec)

    def check() -> None:
        key = g.get("api_key")
        if key is None:
            return
        ident = f"key:{key.key_hash[:32]}"
        for item in items:
            allowed, remaining, reset = counters.hit(item, ident)
            if item is items[0]:
                g.rate_limit = (item.amount, max(remaining, 0), reset)
            if not allowed:
                raise _too_many(f"more than {item} for this API key; retry later", reset)

    app.before_request(check)
    app.after_request(_headers)


def _headers(response: Response) -> Response:
    found = g.get("rate_limit")
    if found is not None:
        amount, remaining, reset = found
        response.headers["X-RateLimit-Limit"] = str(amount)
        response.headers["X-RateLimit-Remaining"] = str(remaining)
        response.headers["X-RateLimit-Reset"] = str(max(0, int(reset - time.time())))
    return response


class WrongKeys:
    """Throttle a client address that keeps sending unknown keys (guessing), before any lookup."""

    def __init__(self, counters: Counters, spec: str = WRONG_KEYS) -> None:
        self.counters = counters
        self.item = parse(spec)

    def _ident(self) -> str:
        return f"wrong-key:{request.remote_addr or 'unknown'}"

    def check(self) -> None:
        """429 when this address has already sent too many wrong keys in the window."""
        try:
            limiter = self.counters._limiter()
            if not limiter.test(self.item, self._ident()):
                reset = limiter.get_window_stats(self.item, self._ident()).reset_time
                raise _too_many(f"more than {self.item} wrong API keys from this address", reset)
        except TooManyRequests:
            raise
        except Exception:  # storage down: the hit below falls back and counts locally
            return

    def failed(self) -> None:
        """Count one wrong key from this address."""
        self.counters.hit(self.item, self._ident())
