"""Every setting of the service, read once from ``SANCTIONS_*`` environment variables.

This is the only module that reads the environment, and it imports no domain code; the app factory and the CLI receive a
:class:`Settings` and pass it down, so tests build their own instead of patching globals.
Each field is one commented line, mirrored in the README's "Settings" table.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024
DEFAULT_BLOCKING_LISTS = ("un", "un-vessels")
_LIST_SOURCE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
# The matcher's own defaults (service.parties.matcher); a test keeps them equal.
DEFAULT_THRESHOLD = 0.88
DEFAULT_REVIEW_THRESHOLD = 0.75


class SettingsError(ValueError):
    """A SANCTIONS_* variable with a value that cannot be used."""


@dataclass(frozen=True)
class Settings:
    # SANCTIONS_HOME: folder for the embedded database and list snapshots.
    home: Path = Path("var")
    # SANCTIONS_DATABASE_URL: SQLAlchemy URL; default sqlite:///$SANCTIONS_HOME/sanctions.db.
    database_url: str = ""
    # SANCTIONS_BROKER_URL: Celery broker (redis://…); empty = embedded, nothing to check.
    broker_url: str | None = None
    # SANCTIONS_REDIS_URL: rate-limit counters shared by all API processes; empty = per-process memory.
    redis_url: str | None = None
    # SANCTIONS_RULES: the rule tree to load (empty = the rules bundled in the package); a broken
    # tree stops the service (fail closed).
    rules: Path | None = None
    # SANCTIONS_MAX_BODY: largest request body in bytes for JSON endpoints (413 above).
    max_body: int = MIB
    # SANCTIONS_LIST_MAX_BODY: largest list upload in bytes for POST /v1/lists.
    list_max_body: int = 64 * MIB
    # SANCTIONS_RATE_LIMIT: per API key, in `limits` notation ("600/minute;20/second").
    rate_limit: str = "600/minute"
    # SANCTIONS_LIST_MAX_AGE_DAYS: a list older than this is reported stale on /readyz and /metrics.
    list_max_age_days: int = 30
    # SANCTIONS_LIST_CHECK_SECONDS: how often a process looks for a list version stored by another one.
    list_check_seconds: int = 10
    # SANCTIONS_LOG_LEVEL: DEBUG, INFO, WARNING or ERROR; logs are JSON lines on stderr.
    log_level: str = "INFO"
    # SANCTIONS_KEY_CACHE_SECONDS: how long a process trusts a checked key (a revocation takes this long).
    key_cache_seconds: int = 5
    # SANCTIONS_METRICS_PUBLIC: 1 = /metrics is anonymous (scrapers); 0 = it needs an admin key.
    metrics_public: bool = True
    # SANCTIONS_MATCH_THRESHOLD: a party scoring this or more matches a list entry (designated).
    match_threshold: float = DEFAULT_THRESHOLD
    # SANCTIONS_REVIEW_THRESHOLD: from this score up to the match threshold, a person reviews.
    review_threshold: float = DEFAULT_REVIEW_THRESHOLD
    # SANCTIONS_LOGIN_MAX_FAILURES: failed sign-ins in a row that lock an officer's account.
    login_max_failures: int = 5
    # SANCTIONS_LOGIN_LOCK_MINUTES: how long a locked account stays locked.
    login_lock_minutes: int = 15
    # SANCTIONS_SESSION_MINUTES: an officer's web session ends after this long unused.
    session_minutes: int = 60
    # SANCTIONS_RULES_VERSION: the rule-set hash (sha256:…) the service must run; any other refuses to start.
    rules_version: str | None = None
    # SANCTIONS_LIST_MAX_LOSS: a new list version losing more than this share of entries is refused (0-1).
    list_max_loss: float = 0.05
    # SANCTIONS_BLOCKING_LISTS: comma-separated list sources whose matches designate (trigger rules); others only inform (review).
    blocking_lists: tuple[str, ...] = DEFAULT_BLOCKING_LISTS
    # SANCTIONS_JOB_QUEUE: the broker queue job tasks go to (workers consume it).
    job_queue: str = "sanctions.jobs"
    # SANCTIONS_JOB_CHUNK_SIZE: items per task message; a chunk is the unit of retry.
    job_chunk_size: int = 100
    # SANCTIONS_JOB_MAX_ITEMS: most items one job may hold (400 above).
    job_max_items: int = 1_000_000
    # SANCTIONS_JOB_MAX_BODY: largest job body in bytes (413 above); read as a stream, never whole.
    job_max_body: int = 2048 * MIB
    # SANCTIONS_JOB_MAX_ITEM: largest single item (a JSON value, a line, a CSV row) in bytes.
    job_max_item: int = 256 * 1024
    # SANCTIONS_JOB_TIME_LIMIT: seconds one chunk may run before its task is stopped (and retried).
    job_time_limit: int = 300
    # SANCTIONS_JOB_RECONCILE_SECONDS: a chunk queued this long with an empty queue, or running
    # this long past the time limit, is enqueued again (lost messages, dead workers).
    job_reconcile_seconds: int = 60
    # SANCTIONS_JOB_RETRY_AFTER: the Retry-After (seconds) of a 503 when the broker is down.
    job_retry_after: int = 30
    # SANCTIONS_WORKER_CONCURRENCY: processes of one `sanctions worker` (default: one per core).
    worker_concurrency: int = 0
    # SANCTIONS_WEBHOOK_ATTEMPTS: tries to deliver a job's completion webhook.
    webhook_attempts: int = 6
    # SANCTIONS_WEBHOOK_BACKOFF: seconds before the second try, doubled for each next one.
    webhook_backoff: float = 5.0
    # SANCTIONS_WEBHOOK_TIMEOUT: seconds to wait for the receiver of a webhook.
    webhook_timeout: float = 10.0
    # SANCTIONS_RESCREEN_DAYS: screenings are kept this many days to be re-screened when a list or the rules change (0: none kept).
    rescreen_days: int = 30

    def __post_init__(self) -> None:
        if not self.database_url:
            url = f"sqlite:///{(self.home / 'sanctions.db').resolve()}"
            object.__setattr__(self, "database_url", url)

    @property
    def job_broker_url(self) -> str:
        """The broker job tasks go through: SANCTIONS_BROKER_URL, else the embedded one (kombu's
        SQLAlchemy transport on SQLite under SANCTIONS_HOME: a real queue needing no server)."""
        if self.broker_url:
            return self.broker_url
        return f"sqla+sqlite:///{(self.home / 'broker.db').resolve()}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read every SANCTIONS_* variable (from ``env``, default the process environment)."""
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get("SANCTIONS_" + name, "").strip()
            return value or None

        home = Path(get("HOME") or "var")
        level = (get("LOG_LEVEL") or "INFO").upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise SettingsError(f"SANCTIONS_LOG_LEVEL={level!r}: use DEBUG, INFO, WARNING or ERROR")
        return cls(
            home=home,
            database_url=get("DATABASE_URL") or "",
            broker_url=get("BROKER_URL"),
            redis_url=get("REDIS_URL"),
            rules=Path(rules) if (rules := get("RULES")) else None,
            max_body=_int(get, "MAX_BODY", MIB),
            list_max_body=_int(get, "LIST_MAX_BODY", 64 * MIB),
            rate_limit=get("RATE_LIMIT") or "600/minute",
            list_max_age_days=_int(get, "LIST_MAX_AGE_DAYS", 30),
            list_check_seconds=_int(get, "LIST_CHECK_SECONDS", 10, minimum=0),
            log_level=level,
            key_cache_seconds=_int(get, "KEY_CACHE_SECONDS", 5, minimum=0),
            metrics_public=(get("METRICS_PUBLIC") or "1") not in ("0", "false", "no"),
            login_max_failures=_int(get, "LOGIN_MAX_FAILURES", 5),
            login_lock_minutes=_int(get, "LOGIN_LOCK_MINUTES", 15),
            session_minutes=_int(get, "SESSION_MINUTES", 60),
            **_thresholds(get),
            rules_version=get("RULES_VERSION"),
            list_max_loss=_share(get, "LIST_MAX_LOSS", 0.05),
            blocking_lists=_sources(get, "BLOCKING_LISTS", DEFAULT_BLOCKING_LISTS),
            job_queue=get("JOB_QUEUE") or "sanctions.jobs",
            job_chunk_size=_int(get, "JOB_CHUNK_SIZE", 100),
            job_max_items=_int(get, "JOB_MAX_ITEMS", 1_000_000),
            job_max_body=_int(get, "JOB_MAX_BODY", 2048 * MIB),
            job_max_item=_int(get, "JOB_MAX_ITEM", 256 * 1024),
            job_time_limit=_int(get, "JOB_TIME_LIMIT", 300),
            job_reconcile_seconds=_int(get, "JOB_RECONCILE_SECONDS", 60),
            job_retry_after=_int(get, "JOB_RETRY_AFTER", 30),
            worker_concurrency=_int(get, "WORKER_CONCURRENCY", 0, minimum=0),
            webhook_attempts=_int(get, "WEBHOOK_ATTEMPTS", 6),
            webhook_backoff=_float(get, "WEBHOOK_BACKOFF", 5.0),
            webhook_timeout=_float(get, "WEBHOOK_TIMEOUT", 10.0),
            rescreen_days=_int(get, "RESCREEN_DAYS", 30, minimum=0),
        )


def _thresholds(get: Callable[[str], str | None]) -> dict[str, float]:
    values = {}
    for name, field, default in (
        ("MATCH_THRESHOLD", "match_threshold", DEFAULT_THRESHOLD),
        ("REVIEW_THRESHOLD", "review_threshold", DEFAULT_REVIEW_THRESHOLD),
    ):
        raw = get(name)
        try:
            values[field] = default if raw is None else float(raw)
        except ValueError:
            raise SettingsError(f"SANCTIONS_{name}={raw!r} is not a number") from None
    if not 0 < values["review_threshold"] <= values["match_threshold"] <= 1:
        raise SettingsError(
            "SANCTIONS_REVIEW_THRESHOLD and SANCTIONS_MATCH_THRESHOLD must satisfy "
            f"0 < review <= match <= 1, got {values['review_threshold']} and {values['match_threshold']}"
        )
    return values


def _sources(
    get: Callable[[str], str | None], name: str, default: tuple[str, ...]
) -> tuple[str, ...]:
    value = get(name)
    if value is None:
        return default
    names = tuple(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    bad = [n for n in names if not _LIST_SOURCE.match(n)]
    if bad or not names:
        raise SettingsError(
            f"SANCTIONS_{name}={value!r}: give list sources separated by commas "
            "(lower-case letters, digits and -), e.g. un,un-vessels,ofac-sdn"
        )
    return names


def _share(get: Callable[[str], str | None], name: str, default: float) -> float:
    value = get(name)
    if value is None:
        return default
    try:
        share = float(value)
    except ValueError:
        raise SettingsError(f"SANCTIONS_{name}={value!r} is not a number") from None
    if not 0 <= share <= 1:
        raise SettingsError(f"SANCTIONS_{name}={value!r} must be between 0 and 1 (a share)")
    return share


def _int(get: Callable[[str], str | None], name: str, default: int, minimum: int = 1) -> int:
    value = get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SettingsError(f"SANCTIONS_{name}={value!r} is not a whole number") from None
    if number < minimum:
        raise SettingsError(f"SANCTIONS_{name}={value!r} must be at least {minimum}")
    return number


def _float(get: Callable[[str], str | None], name: str, default: float) -> float:
    value = get(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise SettingsError(f"SANCTIONS_{name}={value!r} is not a number") from None
    if not number > 0:
        raise SettingsError(f"SANCTIONS_{name}={value!r} must be more than 0")
    return number
