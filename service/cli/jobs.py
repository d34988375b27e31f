"""``sanctions jobs submit|list|show|results|cancel``: screening jobs from the command line.

Like the other store commands (``cases``, ``audit``) these talk to the database named by
SANCTIONS_DATABASE_URL directly, and send chunk messages to SANCTIONS_BROKER_URL (or the
embedded broker), so a ``sanctions worker`` or ``sanctions serve`` must be running to screen.

Exit codes: 0 done (``submit --wait``: every item screened); 1 the job ended with error items,
failed or was cancelled; 3 bad input, unknown job, broker down (one line on stderr).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click

from service.cli.common import settings as load_settings
from service.jobs import JobError, Jobs, Owner, view
from service.jobs.results import csv_rows, jsonl
from service.store import JobRecord, StoreError, open_store

CLI = Owner(None, "cli", admin=True)  # the command line sees every job (it holds the database)


@contextmanager
def _jobs() -> Iterator[Jobs]:
    from service.worker import CeleryQueue, make_celery

    settings = load_settings()
    store = open_store(settings)
    try:
        yield Jobs(store, settings, CeleryQueue(make_celery(settings), settings))
    except (JobError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.dispose()


def _json(job: JobRecord) -> str:
    return json.dumps(view(job), default=lambda v: v.isoformat(), ensure_ascii=False)


def _fmt_of(path: str, given: str | None) -> str:
    if given:
        return given
    suffix = Path(path).suffix.lower()
    return {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(suffix, "json")


def _progress(job: JobRecord) -> str:
    shown = view(job)
    rate = f"{shown['rate']:.1f} items/s" if shown["rate"] else "- items/s"
    eta = "-"
    if shown["estimated_finish"]:
        seconds = (shown["estimated_finish"] - dt.datetime.now(dt.UTC)).total_seconds()
        eta = f"{max(0, int(seconds))}s"
    return (f"job {job.id}: {job.status} {job.done}/{job.total} done, {job.failed} failed, "
            f"{rate}, ETA {eta}")  # fmt: skip


def _write(jobs: Jobs, job_id: str, start: int, fmt: str, out: IO[str]) -> None:
    lines = jobs.results(job_id, start)
    for text in csv_rows(lines) if fmt == "csv" else jsonl(lines):
        out.write(text)


def _exit(job: JobRecord) -> None:
    if job.status != "done" or job.failed:
        sys.exit(1)


@click.group("jobs")
def jobs() -> None:
    """Screening jobs: batches screened by the workers."""


@jobs.command("submit")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(("json", "jsonl", "csv")), default=None,
              help="The body's format  [default: from the extension; .csv, .jsonl, else json]")  # fmt: skip
@click.option("--wait", is_flag=True, help="Wait for the end, showing progress on stderr.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="With --wait: write the results here (CSV if it ends in .csv)  [default: stdout]")  # fmt: skip
def submit(file: str, fmt: str | None, wait: bool, output: str | None) -> None:
    """Submit FILE (JSON array, JSON Lines or CSV; - for stdin); print the job id."""
    with _jobs() as use:
        try:
            stream = sys.stdin.buffer if file == "-" else open(file, "rb")  # noqa: SIM115
        except OSError as exc:
            raise click.ClickException(f"cannot read {file}: {exc.strerror}") from exc
        with stream:
            job = use.submit(stream.read, _fmt_of(file, fmt), CLI)
        click.echo(job.id)
        if not wait:
            return
        while job.status in ("queued", "running"):
            time.sleep(0.5)
            use.maybe_reconcile()
            job = use.get(job.id, CLI)
            click.echo("\r" + _progress(job), err=True, nl=False)
        click.echo("", err=True)
        out_fmt = "csv" if output and output.endswith(".csv") else "jsonl"
        if output and output != "-":
            with open(output, "w", encoding="utf-8") as out:
                _write(use, job.id, 0, out_fmt, out)
        else:
            _write(use, job.id, 0, out_fmt, sys.stdout)
    _exit(job)


@jobs.command("list")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
def list_jobs(limit: int) -> None:
    """Jobs, newest first, as JSON lines."""
    with _jobs() as use:
        for job in use.list(CLI, limit):
            click.echo(_json(job))


@jobs.command("show")
@click.argument("job_id")
def show(job_id: str) -> None:
    """A job's status, counts, rate and estimated finish as JSON."""
    with _jobs() as use:
        use.maybe_reconcile()
        click.echo(_json(use.get(job_id, CLI)))


@jobs.command("results")
@click.argument("job_id")
@click.option("--from", "start", type=click.IntRange(0), default=0, help="First item index.")
@click.option("--format", "fmt", type=click.Choice(("jsonl", "csv")), default="jsonl",
              show_default=True)  # fmt: skip
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-")
def results(job_id: str, start: int, fmt: str, output: IO[str]) -> None:
    """The job's results in input order (up to the first item still without one)."""
    with _jobs() as use:
        use.get(job_id, CLI)
        _write(use, job_id, start, fmt, output)


@jobs.command("cancel")
@click.argument("job_id")
def cancel(job_id: str) -> None:
    """Cancel a job that has not ended (results so far are kept)."""
    with _jobs() as use:
        click.echo(_json(use.cancel(job_id, CLI)))
