"""The embedded broker (kombu's SQLAlchemy transport on SQLite) with processes that start together."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from kombu import Connection

from service.settings import Settings
from service.worker.celery import celery_config
from service.worker.transport import SQL_TRANSPORT, SqlChannel, SqlTransport

PROCESSES = 6
# each process waits for the same moment, then opens the broker, declares the queue and
# publishes, as the API and a worker starting together do
DECLARE = """
import sys, time
from kombu import Connection
from service.worker.transport import SqlTransport
url, start = sys.argv[1], float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
try:
    with Connection(url, transport=SqlTransport) as conn:
        channel = conn.channel()
        channel.queue_declare("jobs")
        channel._put("jobs", {"body": "x"})
    print("ok")
except Exception as exc:
    print(type(exc).__name__, str(exc).splitlines()[0])
"""


def test_processes_declaring_one_queue_at_once_all_succeed(tmp_path: Path) -> None:
    # the API and a worker started together used to race on kombu's queue row: the loser died
    url = f"sqlite:///{tmp_path / 'broker.db'}"  # as celery_config gives it to SqlTransport
    start = time.time() + 3  # after every process has imported kombu
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", DECLARE, url, str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        for _ in range(PROCESSES)
    ]
    results = [p.communicate(timeout=120)[0].strip().splitlines()[-1:] for p in procs]
    assert results == [["ok"]] * PROCESSES, results
    with Connection(url, transport=SqlTransport) as conn:
        assert conn.channel()._size("jobs") == PROCESSES  # noqa: SLF001 - one queue, every message


def test_the_embedded_broker_uses_that_transport(tmp_path: Path) -> None:
    settings = Settings.from_env({"SANCTIONS_HOME": str(tmp_path)})
    assert settings.job_broker_url.startswith("sqla+sqlite:///")
    config = celery_config(settings)
    assert config["broker_transport"] == SQL_TRANSPORT
    with Connection(config["broker_url"], transport=SqlTransport) as conn:
        assert isinstance(conn.channel(), SqlChannel)  # kombu takes ours, not the URL's
