"""Settings from SANCTIONS_* variables, and the JSON log lines with their request id."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from service.api.observability import JsonFormatter
from service.settings import Settings, SettingsError


def test_defaults_are_the_embedded_setup():
    s = Settings.from_env({})
    assert s.home == Path("var")
    assert s.database_url == f"sqlite:///{Path('var/sanctions.db').resolve()}"
    assert s.broker_url is None and s.redis_url is None
    assert s.rules is None  # the rule tree bundled in the package
    assert s.max_body == 1024 * 1024 and s.rate_limit == "600/minute"
    assert s.list_max_age_days == 30 and s.log_level == "INFO" and s.metrics_public
    assert s.blocking_lists == ("un", "un-vessels")


def test_every_variable_is_read(tmp_path):
    env = {
        "SANCTIONS_HOME": str(tmp_path),
        "SANCTIONS_DATABASE_URL": "postgresql+psycopg://u@db/x",
        "SANCTIONS_BROKER_URL": "redis://r:6379/1",
        "SANCTIONS_REDIS_URL": "redis://r:6379/2",
        "SANCTIONS_RULES": "/srv/rules",
        "SANCTIONS_MAX_BODY": "2048",
        "SANCTIONS_LIST_MAX_BODY": "4096",
        "SANCTIONS_RATE_LIMIT": "10/second",
        "SANCTIONS_LIST_MAX_AGE_DAYS": "7",
        "SANCTIONS_LIST_CHECK_SECONDS": "0",
        "SANCTIONS_KEY_CACHE_SECONDS": "0",
        "SANCTIONS_LOG_LEVEL": "debug",
        "SANCTIONS_METRICS_PUBLIC": "0",
        "SANCTIONS_BLOCKING_LISTS": " un, un-vessels,ofac-sdn,un ",
    }
    s = Settings.from_env(env)
    assert (s.home, s.database_url) == (tmp_path, "postgresql+psycopg://u@db/x")
    assert (s.broker_url, s.redis_url) == ("redis://r:6379/1", "redis://r:6379/2")
    assert s.rules == Path("/srv/rules")
    assert (s.max_body, s.list_max_body, s.rate_limit) == (2048, 4096, "10/second")
    assert (s.list_max_age_days, s.list_check_seconds, s.key_cache_seconds) == (7, 0, 0)
    assert s.log_level == "DEBUG" and not s.metrics_public
    assert s.blocking_lists == ("un", "un-vessels", "ofac-sdn")  # spaces and repeats dropped
    assert Settings.from_env({"SANCTIONS_HOME": str(tmp_path)}).database_url.endswith(
        f"{tmp_path}/sanctions.db"
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MAX_BODY", "lots"),
        ("MAX_BODY", "0"),
        ("LIST_MAX_AGE_DAYS", "-1"),
        ("LOG_LEVEL", "loud"),
        ("BLOCKING_LISTS", "UN;OFAC"),
        ("BLOCKING_LISTS", ",,"),
    ],
)
def test_bad_values_name_the_variable(name, value):
    with pytest.raises(SettingsError, match=f"SANCTIONS_{name}"):
        Settings.from_env({f"SANCTIONS_{name}": value})


def test_log_lines_are_json_with_the_request_id(client, caplog):
    caplog.set_level(logging.INFO, logger="service.api.access")
    client.get("/healthz", headers={"X-Request-ID": "req-42"})
    record = next(r for r in caplog.records if r.name == "service.api.access")
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-42" and line["status"] == 200
    assert line["path"] == "/healthz" and line["level"] == "INFO" and "time" in line
