"""``sanctions screen FILE|-``: screen transactions offline, one decision per line.

Exit codes: 0 all clear, 1 review or conditional, 2 prohibited, 3 an item or the input was bad.
``--text`` reads plain text (a document, or one description per line with ``--lines``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from service.cli.common import load_rule_tree
from service.cli.common import settings as load_settings
from service.ruletree import RuleTree
from service.screening import Screener, TransactionError, build_screener
from service.screening.lists import StoredList, current_lists
from service.screening.text import screen_text
from service.screening.transaction import MAX_TEXT
from service.settings import Settings

EXIT = {"clear": 0, "review": 1, "conditional": 1, "prohibited": 2}


def read_items(text: str) -> Iterator[tuple[str, Any]]:
    """(label, item) pairs from a JSON object, a JSON array or JSON Lines."""
    stripped = text.lstrip()
    if not stripped:
        return
    try:
        whole = json.loads(stripped)
    except json.JSONDecodeError:
        whole = None
        if stripped.startswith("["):
            raise
    if isinstance(whole, list):
        yield from ((f"[{i}]", item) for i, item in enumerate(whole))
        return
    if whole is not None:
        yield "[0]", whole
        return
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                yield f"line {n}", json.loads(line)
            except json.JSONDecodeError as exc:
                yield f"line {n}", _BadJSON(f"not valid JSON: {exc.msg} at column {exc.colno}")


def _screen_text(
    screener: Screener, text: str, lines: bool, as_of: dt.date | None, pretty: bool
) -> int:
    """Screen plain text: one document, or one description per line; returns the exit code."""
    items = [ln for ln in text.splitlines() if ln.strip()] if lines else [text]
    worst = 0
    for n, item in enumerate(items, 1):
        if len(item) > MAX_TEXT:
            label = f"line {n}" if lines else "the text"
            click.echo(f"{label}: longer than {MAX_TEXT} characters; split it", err=True)
            click.echo(json.dumps(_error(label, "Invalid text", {"description": "too long"})))
            worst = max(worst, 3)
            continue
        if not item.strip():
            continue
        decision = screen_text(screener, item, date=as_of)
        click.echo(json.dumps(decision.to_dict(), ensure_ascii=False, indent=2 if pretty else None))
        worst = max(worst, EXIT[decision.outcome])
    return worst


class _BadJSON:
    def __init__(self, message: str) -> None:
        self.message = message


def stored_lists(settings: Settings, tree: RuleTree) -> list[StoredList]:
    """The current list versions stored with `sanctions lists load`, else the bundled ones.

    An embedded database that does not exist yet is not created just to find out.
    """
    sqlite_file = settings.database_url.removeprefix("sqlite:///")
    if sqlite_file != settings.database_url and not Path(sqlite_file).exists():
        return current_lists(None, tree)
    from service.store import open_store

    store = open_store(settings, upgrade=False)
    try:
        return current_lists(store if store.db.at_head() else None, tree)
    finally:
        store.dispose()


def _error(label: str, title: str, errors: dict[str, str]) -> dict[str, Any]:
    return {
        "error": {
            "type": "about:blank",
            "title": title,
            "status": 400,
            "item": label,
            "errors": errors,
        }
    }


@click.command("screen")
@click.argument("source", type=click.Path(allow_dash=True))
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, exists=True),
    help="Rule folder (default: SANCTIONS_RULES, else the bundled rules).",
)
@click.option("--pretty", is_flag=True, help="Indent each decision (one JSON document per item).")
@click.option(
    "--text",
    "as_text",
    is_flag=True,
    help="Read plain text, not JSON: the whole input is one description (a report, a bill of "
    "lading), or each line is one with --lines.",
)
@click.option("--lines", is_flag=True, help="With --text: screen each non-empty line apart.")
@click.option(
    "--date",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="With --text: screen as of this date when the text states none (default today).",
)
def screen(
    source: str,
    rules_dir: str | None,
    pretty: bool,
    as_text: bool,
    lines: bool,
    as_of: dt.datetime | None,
) -> None:
    """Screen transactions from FILE (JSON or JSON Lines), or - for standard input.

    With --text, FILE is plain text describing transactions in words (English, French,
    Spanish, Russian); each decision carries the ``interpretation`` of what was read.
    """
    if (lines or as_of) and not as_text:
        raise click.ClickException("--lines and --date go with --text")
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{source}: cannot read: {exc}") from exc
    settings = load_settings()
    if rules_dir:
        settings = dataclasses.replace(settings, rules=Path(rules_dir))
    tree = load_rule_tree(settings)
    screener = build_screener(settings, tree, stored_lists(settings, tree))
    if as_text:
        sys.exit(_screen_text(screener, text, lines, as_of.date() if as_of else None, pretty))
    worst = 0
    try:
        items = list(read_items(text))
    except json.JSONDecodeError as exc:
        raise click.ClickException(
            f"{source}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    for label, item in items:
        if isinstance(item, _BadJSON):
            click.echo(f"{source} {label}: {item.message}", err=True)
            click.echo(json.dumps(_error(label, "Invalid JSON", {"": item.message})))
            worst = max(worst, 3)
            continue
        try:
            decision = screener.screen(item)
        except TransactionError as exc:
            path, message = next(iter(exc.errors.items()))
            click.echo(f"{source} {label}: {path or 'transaction'}: {message}", err=True)
            click.echo(json.dumps(_error(label, "Invalid transaction", exc.errors)))
            worst = max(worst, 3)
            continue
        click.echo(json.dumps(decision.to_dict(), ensure_ascii=False, indent=2 if pretty else None))
        worst = max(worst, EXIT[decision.outcome])
    sys.exit(worst)
