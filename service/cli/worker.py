"""``sanctions worker``: a Celery worker consuming the jobs queue (production runs any number,
on any number of machines, against SANCTIONS_BROKER_URL and SANCTIONS_DATABASE_URL)."""

from __future__ import annotations

import click

from service.cli.common import load_rule_tree
from service.cli.common import settings as load_settings


@click.command("worker")
@click.option("--concurrency", "-c", type=click.IntRange(1, 256), default=None,
              help="Worker processes  [default: SANCTIONS_WORKER_CONCURRENCY, else one per core]")  # fmt: skip
@click.option("--name", default=None, help="The worker's name (default: sanctions-PID@HOST).")
def worker(concurrency: int | None, name: str | None) -> None:
    """Screen job chunks from the queue until stopped (SIGTERM finishes the current chunks)."""
    from service.worker import make_celery
    from service.worker.run import run_worker

    settings = load_settings()
    load_rule_tree(settings)  # refuse to start on a broken rule set (fail closed)
    run_worker(make_celery(settings), settings, concurrency, name)
