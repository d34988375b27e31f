"""Rate limits per API key: fixed windows, counted in Redis (shared by every process) or memory.

A thin layer over the ``limits`` library rather than flask-limiter: one counter hit per request
and nothing else, since this runs on every screening.
"""

from __future__ import annotations

import time

from flask import Flask, g
from limits import parse_many
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests


def install(app: Flask, spec: str, storage_uri: str) -> None:
    """Limit every request that carries an API key (health endpoints carry none) to ``spec``."""
    items = parse_many(spec)
    limiter = FixedWindowRateLimiter(storage_from_string(storage_uri))

    def check() -> None:
        key = g.get("api_key")
        if key is None:
            return
        ident = f"key:{key.key_hash[:32]}"
        for item in items:
            if not limiter.hit(item, ident):
                reset = limiter.get_window_stats(item, ident).reset_time
                raise TooManyRequests(
                    f"more than {item} for this API key; retry later",
                    retry_after=max(1, int(reset - time.time()) + 1),
                )

    app.before_request(check)
