"""``sanctions screen FILE|-``: screen transactions offline, one decision per line.

Exit codes: 0 all clear, 1 review or conditional, 2 prohibited, 3 an item or the input was bad.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from service.cli.common import load_rule_tree
from service.cli.common import settings as load_settings
from service.ruletree import RuleTree
from service.screening import TransactionError, build_screener
from service.screening.lists import StoredList, current_lists
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
def screen(source: str, rules_dir: str | None, pretty: bool) -> None:
    """Screen transactions from FILE (JSON or JSON Lines), or - for standard input."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{source}: cannot read: {exc}") from exc
    settings = load_settings()
    if rules_dir:
        settings = dataclasses.replace(settings, rules=Path(rules_dir))
    tree = load_rule_tree(settings)
    screener = build_screener(settings, tree, stored_lists(settings, tree))
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
