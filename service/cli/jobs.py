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
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click

from service.cli.common import settings as load_settings
from service.jobs import JobError, Jobs, Owner, view, workers_alive
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


BAR = 24  # characters of the progress bar


def _duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


def _bar(fraction: float) -> str:
    filled = int(BAR * min(1.0, max(0.0, fraction)))
    return "[" + "#" * filled + "-" * (BAR - filled) + f"] {int(100 * fraction):3d}%"  # floor


def _progress(job: JobRecord, now: dt.datetime | None = None) -> str:
    """The line redrawn while waiting: a bar, counts, the rate and the time left."""
    now = now or dt.datetime.now(dt.UTC)
    shown = view(job, now)
    rate = f"{shown['rate']:,.1f} items/s" if shown["rate"] else "- items/s"
    eta = "-"
    if shown["estimated_finish"]:
        eta = _duration((shown["estimated_finish"] - now).total_seconds())
    return (f"{_bar(job.done / job.total if job.total else 1.0)} {job.done:,}/{job.total:,} "
            f"done, {job.failed:,} failed, {rate}, ETA {eta} ({job.status})")  # fmt: skip


class _Upload:
    """The file's ``read``, counting bytes and redrawing a line on stderr while the job is
    stored (a large file takes seconds to store, and nothing else would show)."""

    def __init__(self, read: Callable[[int], bytes], size: int | None, show: bool) -> None:
        self._read = read
        self.size = size
        self.show = show
        self.done = 0
        self.started = self._shown = time.monotonic()

    def read(self, n: int) -> bytes:
        data = self._read(n)
        self.done += len(data)
        if self.show and time.monotonic() - self._shown >= 0.25:
            self._shown = time.monotonic()
            click.echo("\r" + self.line(), err=True, nl=False)
        return data

    def line(self) -> str:
        mib = self.done / 2**20
        elapsed = max(time.monotonic() - self.started, 1e-3)
        speed = f"{mib / elapsed:,.1f} MiB/s"
        if not self.size:
            return f"storing: {mib:,.1f} MiB read, {speed}"
        left = (self.size - self.done) / max(self.done / elapsed, 1.0)
        return (f"storing: {_bar(self.done / self.size)} {mib:,.1f}/{self.size / 2**20:,.1f} "
                f"MiB, {speed}, ETA {_duration(left)}")  # fmt: skip


def _write(jobs: Jobs, job_id: str, start: int, fmt: str, out: IO[str],
           total: int | None = None) -> None:  # fmt: skip
    """The results in input order; with ``total``, a bar on stderr while they are written."""
    lines = jobs.results(job_id, start)
    shown = time.monotonic()
    for n, text in enumerate(csv_rows(lines) if fmt == "csv" else jsonl(lines)):
        out.write(text)
        if total and time.monotonic() - shown >= 0.25:
            shown = time.monotonic()
            written = max(0, n - (fmt == "csv"))  # the CSV header is a line too
            click.echo(f"\rwriting results: {_bar(written / total)} {written:,}/{total:,}",
                       err=True, nl=False)  # fmt: skip


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
    show = wait or sys.stderr.isatty()
    with _jobs() as use:
        try:
            stream = sys.stdin.buffer if file == "-" else open(file, "rb")  # noqa: SIM115
            size = None if file == "-" else os.fstat(stream.fileno()).st_size
        except OSError as exc:
            raise click.ClickException(f"cannot read {file}: {exc.strerror}") from exc
        upload = _Upload(stream.read, size, show)
        with stream:
            job = use.submit(upload.read, _fmt_of(file, fmt), CLI)
        if show:
            seconds = time.monotonic() - upload.started
            click.echo(f"\rstored {job.total:,} items in {seconds:.1f} s "
                       f"({job.total / max(seconds, 1e-3):,.0f} items/s): job {job.id}"
                       + " " * 20, err=True)  # fmt: skip
        click.echo(job.id)
        if not wait:
            return
        _wait(use, job, output)


def _wait(use: Jobs, job: JobRecord, output: str | None) -> None:
    """Redraw the progress line until the job ends, then write its results in input order."""
    warned = False
    started = time.monotonic()
    try:
        while job.status in ("queued", "running"):
            time.sleep(0.5)
            use.maybe_reconcile()
            job = use.get(job.id, CLI)
            click.echo("\r" + _progress(job), err=True, nl=False)
            if not warned and job.done == 0 and time.monotonic() - started > 15:
                warned = True
                if workers_alive(use) == 0:
                    click.echo("\nno job worker is running: start `sanctions worker` (or "
                               "`sanctions serve`, which starts one on the embedded broker)",
                               err=True)  # fmt: skip
    except KeyboardInterrupt:
        click.echo(f"\nstopped waiting; the job goes on: sanctions jobs show {job.id}, "
                   f"sanctions jobs results {job.id}", err=True)  # fmt: skip
        raise click.Abort() from None
    click.echo("", err=True)
    out_fmt = "csv" if output and output.endswith(".csv") else "jsonl"
    if output and output != "-":
        try:
            with open(output, "w", encoding="utf-8") as out:
                _write(use, job.id, 0, out_fmt, out, job.total)
        except OSError as exc:
            raise click.ClickException(
                f"cannot write {output}: {exc.strerror}; the results are kept: "
                f"sanctions jobs results {job.id}"
            ) from exc
        click.echo(f"\r{job.done:,} results written to {output}" + " " * 40, err=True)
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
