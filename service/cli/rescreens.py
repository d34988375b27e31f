"""``sanctions rescreens list|show|run``: re-screenings after a list or rule change.

``run`` screens again, in this process and with progress on stderr, what was kept in the last
SANCTIONS_RESCREEN_DAYS and every open case, against the lists and rules now in use (after a
rule change, or to re-screen at once rather than through the workers); ``sanctions lists load``
does the same for the version it loads.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from service.cli.common import load_rule_tree
from service.cli.common import settings as load_settings

CLI_OWNER = ("cli", True)


def run_rescreen(store: Any, settings: Any, tree: Any, trigger: str, *, full: bool = False,
                 quiet: bool = False) -> dict[str, Any] | None:  # fmt: skip
    """Plan and run a re-screening here; its report (None when nothing is kept)."""
    from service.cases import Casework
    from service.jobs import Owner
    from service.rescreen import Rescreens
    from service.screening import LiveScreener

    live = LiveScreener(settings, store, tree)
    rescreens = Rescreens(store, settings, tree)
    plan = rescreens.plan(live.screener, full=full)
    if not plan.examined:
        return None
    record = rescreens.start(plan, trigger, Owner(None, "cli", admin=True), enqueue=False)

    def progress(done: int, total: int) -> None:
        if not quiet and sys.stderr.isatty() or done == total and not quiet:
            click.echo(f"\rre-screened {done}/{total}", err=True, nl=done == total)

    if not quiet:
        click.echo(f"re-screening {plan.examined} kept screenings and open cases: "
                   f"{len(plan.items)} can be affected ({record.mode})", err=True)  # fmt: skip
    rescreens.run_here(record, live, Casework(store, settings, live, tree), progress)
    return rescreens.report(rescreens.store.rescreens.get(record.id) or record, 1000)


def print_report(report: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    c = report["counts"]
    click.echo(f"rescreen {report['id']}  {report['status']}  {report['mode']}  "
               f"trigger {report['trigger']}  {report['created_at']}")  # fmt: skip
    click.echo(f"  {report['summary']}")
    click.echo(f"  examined {c['examined']}, screened again {c['selected']}, unaffected "
               f"{c['unaffected']}, changed {c['changed']}, errors {c['errors']}")  # fmt: skip
    for move, n in report["outcomes"].items():
        click.echo(f"  {move}: {n}")
    entries = report["entries"]
    if entries:
        click.echo(f"  list entries ({len(entries)}):")
        for e in entries:
            fields = f" [{', '.join(e['fields'])}]" if e.get("fields") else ""
            click.echo(f"    {e['change']:<8} {e['list']} {e['reference']:<10} {e['name'][:60]}"
                       f"{fields}  decisions changed: {e['decisions']}")  # fmt: skip
    for item in report["items"]:
        which = f"case {item['case']}" if "case" in item else f"screening {item.get('screening')}"
        click.echo(f"  {which} {item.get('reference') or ''}: {item['reason']}")


@click.group("rescreens")
def rescreens() -> None:
    """Re-screenings after a list or rule change: what they changed, and why."""


@rescreens.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--limit", type=click.IntRange(1, 1000), default=20)
def list_command(fmt: str, limit: int) -> None:
    """The latest re-screenings, newest first."""
    from service.jobs import Owner
    from service.rescreen import Rescreens
    from service.store import open_store

    settings = load_settings()
    store = open_store(settings)
    try:
        found = Rescreens(store, settings, load_rule_tree(settings))
        reports = [found.report(r, 0) for r in found.list(Owner(None, "cli", True), limit)]
    finally:
        store.dispose()
    if fmt == "json":
        click.echo(json.dumps(reports, indent=2, ensure_ascii=False))
        return
    if not reports:
        click.echo("no re-screening yet")
    for r in reports:
        click.echo(f"{r['id']}  {r['created_at'][:19]}  {r['status']:<10} {r['trigger']:<6} "
                   f"{r['mode']:<8} {r['summary']}")  # fmt: skip


@rescreens.command("show")
@click.argument("rescreen_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--items", type=click.IntRange(0, 100_000), default=100,
              help="Changed items to print (default 100).")  # fmt: skip
def show(rescreen_id: str, fmt: str, items: int) -> None:
    """One re-screening: counts, the list entries and the decisions each changed, the items."""
    from service.jobs import Owner
    from service.rescreen import RescreenNotFound, Rescreens
    from service.store import open_store

    settings = load_settings()
    store = open_store(settings)
    try:
        found = Rescreens(store, settings, load_rule_tree(settings))
        try:
            report = found.report(found.get(rescreen_id, Owner(None, "cli", True)), items)
        except RescreenNotFound as exc:
            raise click.ClickException(str(exc)) from exc
    finally:
        store.dispose()
    print_report(report, fmt)


@rescreens.command("run")
@click.option("--full", is_flag=True, help="Screen every kept screening and open case again, "
              "those already under the current versions too, not only those the change can "
              "affect.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def run(full: bool, fmt: str) -> None:
    """Re-screen now, here, against the lists and rules in use, what was screened under other
    versions (after a rule change, a list loaded elsewhere, or with --full)."""
    from service.store import open_store

    settings = load_settings()
    tree = load_rule_tree(settings)
    store = open_store(settings)
    try:
        report = run_rescreen(store, settings, tree, "manual", full=full, quiet=fmt == "json")
    finally:
        store.dispose()
    if report is None:
        click.echo("nothing kept to re-screen (SANCTIONS_RESCREEN_DAYS, no open case)")
        return
    print_report(report, fmt)
