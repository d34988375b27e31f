"""``sanctions serve`` (the API under gunicorn) and ``sanctions openapi`` (write the spec file).

On a fresh machine ``serve`` needs nothing: SQLite under SANCTIONS_HOME (migrated on start),
the bundled UN list and rules. When no API key exists yet it creates an admin key and prints
how to use it, once.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import yaml

from service.cli.common import load_rule_tree
from service.cli.common import settings as load_settings
from service.engine.errors import RuleSetError
from service.ruletree import RuleTree
from service.screening.lists import ensure_bundled
from service.settings import Settings


def prepare(settings: Settings, tree: RuleTree, host: str, port: int) -> None:
    """Migrate the database, store the bundled lists and create the first admin key if missing."""
    from service.store import open_store

    store = open_store(settings)
    try:
        for info in ensure_bundled(store, tree):
            click.echo(f"Loaded the bundled list {info.version}.", err=True)
        if not store.keys.any():
            key = store.keys.create("admin", "first admin")
            click.echo("Created the first admin key (shown once; keep it safe):")
            click.echo(f"  {key}")
            click.echo("Use it like this:")
            click.echo(f'  curl -H "Authorization: Bearer {key}" http://{host}:{port}/v1/regimes')
            click.echo("Create more with: sanctions keys create --role screener --name NAME")
            sys.stdout.flush()
    finally:
        store.dispose()


def default_workers() -> int:
    """One worker process per core: a slow request then holds one core, not the whole service."""
    return max(1, min(64, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                      else os.cpu_count() or 1))  # fmt: skip


def run_gunicorn(settings: Settings, host: str, port: int, workers: int, threads: int) -> None:
    """Serve the app with gunicorn; each worker builds its own app (own engine, own pool)."""
    from gunicorn.app.base import BaseApplication

    from service.app import create_app

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options: dict[str, Any] = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                # gthread even with one thread: its main thread tells the arbiter it is alive
                # while a request runs, so a long upload (a large job body, a slow client) is
                # not killed at the timeout as a sync worker's would be; a hung process still is
                "worker_class": "gthread",
                "accesslog": None,
                "loglevel": settings.log_level.lower(),
                "timeout": 60,
                # the longest request line gunicorn reads (its own HTML 414 above; the API's
                # query parameters are short, so a longer line is refused in any case)
                "limit_request_line": 8190,
                # no shared control socket in $HOME: several servers may run side by side
                "control_socket_disable": True,
            }
            for name, value in options.items():
                if name in self.cfg.settings:
                    self.cfg.set(name, value)

        def load(self) -> Any:
            return create_app(settings)

    Server().run()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to bind.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    help="gunicorn worker processes  [default: the number of cores]",
)
@click.option("--threads", default=1, show_default=True, type=click.IntRange(1, 64))
def serve(host: str, port: int, workers: int | None, threads: int) -> None:
    """Start the HTTP API (gunicorn) on HOST:PORT; with no SANCTIONS_BROKER_URL, also a job
    worker on the embedded broker, started and stopped with it."""
    workers = workers or default_workers()
    settings = load_settings()
    tree = load_rule_tree(settings)  # refuse to start on a broken rule set (fail closed)
    prepare(settings, tree, host, port)
    worker = None if settings.broker_url else start_embedded_worker()
    try:
        run_gunicorn(settings, host, port, workers, threads)
    finally:
        if worker is not None:
            stop_worker(worker)


def start_embedded_worker() -> subprocess.Popen[bytes]:
    """``sanctions worker`` as a child process (one pool process: a laptop's share), in its own
    process group so stopping it stops its pool too."""
    command = [sys.executable, "-c", "from service.cli.main import main; main()", "worker",
               "--concurrency", "1"]  # fmt: skip
    click.echo("Starting a job worker on the embedded broker.", err=True)
    return subprocess.Popen(command, start_new_session=True)


def stop_worker(worker: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """SIGTERM (Celery's warm shutdown: the chunk in hand finishes), then SIGKILL."""
    if worker.poll() is not None:
        return
    os.killpg(worker.pid, signal.SIGTERM)
    try:
        worker.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


def openapi_document(rules: Path | None = None) -> dict[str, Any]:
    """The OpenAPI document the app serves (built on an in-memory database)."""
    from service.app import create_app

    settings = Settings(database_url="sqlite://", log_level="WARNING")
    if rules is not None:
        settings = dataclasses.replace(settings, rules=rules)
    app = create_app(settings)
    doc: dict[str, Any] = app.test_client().get("/openapi.json").get_json()
    return doc


@click.command("openapi")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="openapi.yaml")
@click.option("--check", is_flag=True, help="Exit 1 if the file differs from the app's spec.")
def openapi(output: str, check: bool) -> None:
    """Write the app's OpenAPI document as YAML (or check that the file is current)."""
    try:
        doc = openapi_document(load_settings().rules)
    except RuleSetError as exc:
        raise click.ClickException(str(exc)) from exc
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    path = Path(output)
    if check:
        current = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
        if current != doc:
            raise click.ClickException(
                f"{output} differs from the app's spec; run sanctions openapi"
            )
        return
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {output}", err=True)
