"""The embedded broker (kombu's SQLAlchemy transport on SQLite) with processes that start together."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from kombu import Connection

from service.settings import Settings
from service.worker.celery import celery_config
from service.worker.transport import SQL_TRANSPORT, SqlChannel, SqlTransport

PROCESSES = 6


def _declare(url: str, queue: str, barrier: mp.synchronize.Barrier, out: mp.Queue) -> None:
    barrier.wait()
    try:
        with Connection(url, transport=SqlTransport) as conn:
            channel = conn.channel()
            channel.queue_declare(queue)
            channel._put(queue, {"body": "x"})  # noqa: SLF001 - the publisher's path
        out.put("ok")
    except Exception as exc:  # noqa: BLE001 - the failure is the result
        out.put(f"{type(exc).__name__}: {exc}")


def test_processes_declaring_one_queue_at_once_all_succeed(tmp_path: Path) -> None:
    # the API and a worker started together used to race on kombu's queue row: the loser died
    url = f"sqlite:///{tmp_path / 'broker.db'}"  # as celery_config gives it to SqlTransport
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(PROCESSES), ctx.Queue()
    procs = [
        ctx.Process(target=_declare, args=(url, "jobs", barrier, out)) for _ in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    results = [out.get(timeout=5) for _ in procs]
    assert results == ["ok"] * PROCESSES, results
    with Connection(url, transport=SqlTransport) as conn:
        assert conn.channel()._size("jobs") == PROCESSES  # noqa: SLF001 - one queue, every message


def test_the_embedded_broker_uses_that_transport(tmp_path: Path) -> None:
    settings = Settings.from_env({"SANCTIONS_HOME": str(tmp_path)})
    assert settings.job_broker_url.startswith("sqla+sqlite:///")
    config = celery_config(settings)
    assert config["broker_transport"] == SQL_TRANSPORT
    with Connection(config["broker_url"], transport=SqlTransport) as conn:
        assert isinstance(conn.channel(), SqlChannel)  # kombu takes ours, not the URL's
