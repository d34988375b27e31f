"""``sanctions screen FILE|-``: screen transactions offline, one decision per line.

Exit codes: 0 all clear, 1 review or conditional, 2 prohibited, 3 an item or the input was bad
(empty input, too large, not UTF-8, not JSON), 4 an internal error (a bug; nothing is clear).
A bad item is one error line on stderr and an error object in its place on stdout: the other
items are still screened, in order. ``--text`` reads plain text (a document, or one
description per line with ``--lines``).
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
BAD_INPUT, INTERNAL = 3, 4
MAX_INPUT = 256 * 1024 * 1024  # bytes read from FILE or stdin; larger batches: screening jobs


def _loads(text: str) -> Any:
    """json.loads, with nesting too deep or integers too long for the parser (over 4,300
    digits) reported as bad JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
    except ValueError as exc:
        raise json.JSONDecodeError(str(exc).split(";")[0], text, 0) from None


def read_items(data: bytes | str) -> Iterator[tuple[str, Any]]:
    """(label, item) pairs from a JSON object, a JSON array or JSON Lines.

    A JSON Lines line that is not UTF-8 or not JSON becomes a :class:`_BadJSON` in its place.
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    try:
        text: str | None = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    stripped = text.lstrip() if text is not None else ""
    if text is not None and stripped:
        try:
            whole = _loads(stripped)
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
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield f"line {n}", _loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield f"line {n}", _BadJSON(f"not UTF-8 at byte {exc.start + 1}")
        except json.JSONDecodeError as exc:
            yield f"line {n}", _BadJSON(f"not valid JSON: {exc.msg} at column {exc.colno}")


def _safe(text: str) -> str:
    """Text that can be written to any terminal (lone surrogates escaped, never a crash)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


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
    data = _read(source)
    text, items = _parse_input(source, data, as_text)
    settings = load_settings()
    if rules_dir:
        settings = dataclasses.replace(settings, rules=Path(rules_dir))
    tree = load_rule_tree(settings)
    screener = build_screener(settings, tree, stored_lists(settings, tree))
    if as_text:
        sys.exit(_screen_text(screener, text, lines, as_of.date() if as_of else None, pretty))
    worst = 0
    for label, item in items:
        worst = max(worst, _screen_one(screener, source, label, item, pretty))
    sys.exit(worst)


def _parse_input(source: str, data: bytes, as_text: bool) -> tuple[str, list[tuple[str, Any]]]:
    """The plain text (with --text) or the JSON items of the input; empty or unreadable input
    is one readable error (exit 3)."""
    if as_text:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise click.ClickException(f"{source}: not UTF-8 at byte {exc.start + 1}") from exc
        if not text.strip():
            raise click.ClickException(f"{source}: no text in the input (it is empty)")
        return text, []
    try:
        items = list(read_items(data))
    except json.JSONDecodeError as exc:
        raise click.ClickException(
            f"{source}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    if not items:
        raise click.ClickException(f"{source}: no transactions in the input (it is empty)")
    return "", items


def _read(source: str) -> bytes:
    """The input's bytes, at most MAX_INPUT (one readable error line otherwise)."""
    try:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_INPUT + 1)
        else:
            with Path(source).open("rb") as f:
                data = f.read(MAX_INPUT + 1)
    except OSError as exc:
        raise click.ClickException(f"{source}: cannot read: {exc.strerror or exc}") from exc
    if len(data) > MAX_INPUT:
        raise click.ClickException(
            f"{source}: the input is larger than {MAX_INPUT} bytes (limit); split it or submit "
            "it as a screening job"
        )
    return data


def _screen_one(screener: Any, source: str, label: str, item: Any, pretty: bool) -> int:
    """Screen one item and print its decision, or its error line and error object: never
    raise, so one bad item cannot end the batch. Returns the item's exit code."""
    if isinstance(item, _BadJSON):
        click.echo(_safe(f"{source} {label}: {item.message}"), err=True)
        click.echo(json.dumps(_error(label, "Invalid JSON", {"": item.message})))
        return BAD_INPUT
    try:
        decision = screener.screen(item)
        text = json.dumps(decision.to_dict(), ensure_ascii=False, indent=2 if pretty else None)
    except TransactionError as exc:
        path, message = next(iter(exc.errors.items()))
        click.echo(_safe(f"{source} {label}: {path or 'transaction'}: {message}"), err=True)
        click.echo(json.dumps(_error(label, "Invalid transaction", exc.errors)))
        return BAD_INPUT
    except Exception as exc:  # a bug: this item has no decision, the others still get theirs
        message = f"could not be screened ({type(exc).__name__}); nothing about it is clear"
        click.echo(_safe(f"{source} {label}: {message}"), err=True)
        click.echo(json.dumps({"error": {**_error(label, "Screening failed", {"": message})[
            "error"], "status": 500}}))  # fmt: skip
        return INTERNAL
    click.echo(_safe(text))
    return EXIT[decision.outcome]
