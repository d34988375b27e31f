"""``sanctions officers create|list|password``, ``sanctions cases replay ID`` and
``sanctions audit verify|export``: the compliance workflow's commands.

Exit codes: 0 done (verified, identical); 1 the audit chain is broken or the replay differs;
3 a refusal or a bad argument (one line on stderr).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import click

from service.cases import (
    OFFICER_ROLES,
    CaseError,
    Officers,
    export,
    read_head,
    verify,
)
from service.cases.replay import replay as replay_decision
from service.cli.common import settings as load_settings
from service.store import Store, StoreError, open_store


@contextmanager
def _store() -> Iterator[Store]:
    store = open_store(load_settings())
    try:
        yield store
    except (CaseError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.dispose()


# --- officers ----------------------------------------------------------------------------------


@click.group("officers")
def officers() -> None:
    """Manage the officers' web accounts."""


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True))


@officers.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(OFFICER_ROLES), default="officer", show_default=True,
              help="approver: may approve another officer's four-eyes request.")  # fmt: skip
@click.option("--name", default="", help="The officer's full name (default: the username).")
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin's first line.")
def create_officer(username: str, role: str, name: str, password_stdin: bool) -> None:
    """Create an officer's account (the password is stored as an argon2 hash)."""
    with _store() as store:
        officer = Officers(store).create(username, name, role, _password(password_stdin))
        click.echo(f"created officer {officer.username} ({officer.role})")


@officers.command("password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin's first line.")
def set_password(username: str, password_stdin: bool) -> None:
    """Set an officer's password (and lift a lock-out)."""
    with _store() as store:
        if not Officers(store).set_password(username, _password(password_stdin)):
            raise click.ClickException(f"no officer named {username!r}")
        click.echo(f"password of {username} set")


@officers.command("list")
def list_officers() -> None:
    """Every officer's username, name, role and lock state as JSON lines."""
    with _store() as store:
        for o in store.officers.all():
            locked = o.locked_until.isoformat() if o.locked_until else None
            click.echo(json.dumps({"username": o.username, "name": o.name, "role": o.role,
                                   "locked_until": locked, "disabled": o.disabled}))  # fmt: skip


# --- cases -------------------------------------------------------------------------------------


@click.group("cases")
def cases() -> None:
    """Compliance cases."""


@cases.command("replay")
@click.argument("case_id", type=int)
@click.option("--decision", "decision_id", type=int, default=None,
              help="A stored decision of the case (default: the latest).")  # fmt: skip
def replay(case_id: int, decision_id: int | None) -> None:
    """Re-run a stored decision with its own rule set, list and engine versions; print the
    differences as JSON; exit 0 when identical, 1 when it differs."""
    settings = load_settings()
    with _store() as store:
        case = store.cases.get(case_id)
        if case is None:
            raise click.ClickException(f"no case {case_id}")
        decision = store.cases.decision(decision_id or case.decision_id or 0)
        transaction = store.cases.transaction(case_id)
        if decision is None or decision.case_id != case_id or transaction is None:
            raise click.ClickException(f"case {case_id} has no decision {decision_id}")
        result = replay_decision(store, settings, decision, transaction)
    result.pop("replayed")
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    click.echo(
        f"decision {decision.id} of case {case_id}: "
        + ("identical" if result["identical"] else f"{len(result['differences'])} differences"),
        err=True,
    )
    if not result["identical"]:
        sys.exit(1)


# --- audit -------------------------------------------------------------------------------------


@click.group("audit")
def audit() -> None:
    """The hash-chained audit log."""


@audit.command("verify")
@click.option("--head", "head_file", type=click.File("r"), default=None,
              help="An export kept elsewhere: its head must still be in the chain.")  # fmt: skip
def verify_audit(head_file: IO[str] | None) -> None:
    """Recompute the chain; name the first broken entry and exit 1 if one is."""
    kept = None
    if head_file is not None:
        try:
            kept = read_head(head_file)
        except (ValueError, KeyError) as exc:
            raise click.ClickException(f"cannot read the head of {head_file.name}: {exc}") from exc
    with _store() as store:
        verdict = verify(store, kept)
    if verdict.ok:
        click.echo(f"audit log verified: {verdict.entries} entries, head #{verdict.head[0]} "
                   f"{verdict.head[1]}")  # fmt: skip
        return
    click.echo(f"audit log broken at entry {verdict.broken_seq}: {verdict.problem}", err=True)
    sys.exit(1)


@audit.command("export")
@click.argument("output", type=click.File("w"), default="-")
def export_audit(output: IO[str]) -> None:
    """Write the chain as JSON Lines, its head last (keep a copy elsewhere; `verify --head`)."""
    with _store() as store:
        seq, digest = export(store, output)
    click.echo(f"exported {seq} entries, head {digest}", err=True)
