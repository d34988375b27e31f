"""Completion webhooks: a signed summary POSTed to a job's ``callback_url``, every attempt kept.

Signature: ``X-Sanctions-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`` with
``X-Sanctions-Timestamp: <unix seconds>``. The secret is per API key and derived from it
(:func:`secret_for`), so the caller computes it from its own key and the service never stores
a key: ``secret = HMAC-SHA256(key=<api key>, msg="sanctions-webhook-v1")``, hex.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from service.jobs.progress import view
from service.store import Store

SIGNATURE = "X-Sanctions-Signature"
TIMESTAMP = "X-Sanctions-Timestamp"
Post = Callable[[str, bytes, dict[str, str], float], int]


def secret_for(api_key: str) -> str:
    """The webhook secret of an API key (the caller derives the same from its key)."""
    return hmac.new(api_key.encode(), b"sanctions-webhook-v1", hashlib.sha256).hexdigest()


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str, *,
           tolerance: int = 300, now: float | None = None) -> bool:  # fmt: skip
    """What a receiver does: the signature matches and the timestamp is recent (no replay)."""
    try:
        ts = int(timestamp)
    except ValueError:
        return False
    if abs((now or time.time()) - ts) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, ts, body), signature)


def summary(store: Store, job_id: str) -> dict[str, Any]:
    job = store.jobs.get(job_id)
    assert job is not None
    body = view(job)
    body.pop("callback_url", None)
    return {"event": f"job.{job.status}", "job": body}


def _post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only)
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def deliver(store: Store, job_id: str, timeout: float, post: Post = _post) -> bool | None:
    """One attempt, recorded; True delivered (2xx), False failed (retry), None nothing to do
    (no callback, no secret, or already delivered)."""
    job = store.jobs.get(job_id)
    if job is None or not job.callback_url or not job.webhook_secret:
        return None
    attempts = store.jobs.deliveries(job_id)
    if any(a.ok for a in attempts):
        return None
    body = json.dumps(summary(store, job_id), default=_iso, separators=(",", ":")).encode()
    ts = int(time.time())
    headers = {"Content-Type": "application/json", TIMESTAMP: str(ts),
               SIGNATURE: sign(job.webhook_secret, ts, body), "User-Agent": "sanctions-webhook/1"}  # fmt: skip
    started = time.perf_counter()
    status: int | None = None
    error = None
    try:
        status = post(job.callback_url, body, headers, timeout)
    except Exception as exc:  # refused, timed out, DNS: recorded, retried
        error = f"{type(exc).__name__}: {str(exc)[:300]}"
    ok = status is not None and 200 <= status < 300
    if status is not None and not ok:
        error = f"HTTP {status}"
    elapsed = (time.perf_counter() - started) * 1000
    store.jobs.add_delivery(job_id, len(attempts) + 1, job.callback_url, status, ok, error, elapsed)
    return ok


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)
