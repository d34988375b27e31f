"""``sanctions lists load FILE`` and ``sanctions lists show``: versions of the sanctions lists."""

from __future__ import annotations

import json
from pathlib import Path

import click

from service.cli.common import load_rule_tree
from service.cli.common import settings as load_settings


@click.group("lists")
def lists() -> None:
    """Load and show sanctions list versions."""


@lists.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--force",
    "force_reason",
    metavar="REASON",
    help="Store the version although it is refused (older than the current one, an unreadable "
    "date, more than SANCTIONS_LIST_MAX_LOSS of the entries lost); REASON is recorded with it.",
)
def load(file: str, force_reason: str | None) -> None:
    """Parse FILE (UN Consolidated List XML, .gz accepted) and store it as the current version.

    A version that is older than the current one, has an unreadable date or loses more than
    SANCTIONS_LIST_MAX_LOSS of the entries is refused (exit 3) unless forced with a reason.
    """
    from service.parties.errors import PartiesError
    from service.screening import ListRefused
    from service.screening.lists import store_version

    if force_reason is not None and not force_reason.strip():
        raise click.UsageError("--force needs a reason")
    settings = load_settings()
    tree = load_rule_tree(settings)
    from service.store import open_store

    store = open_store(settings)
    try:
        info, _ = store_version(
            store, Path(file).read_bytes(), "un-xml", tree, force_reason=force_reason,
            actor="cli", max_loss=settings.list_max_loss,
        )  # fmt: skip
    except (PartiesError, ListRefused) as exc:
        raise click.ClickException(f"{file}: {exc}; the previous version stays current") from exc
    finally:
        store.dispose()
    counts = ", ".join(f"{k} {v}" for k, v in info.counts.items())
    click.echo(f"loaded {info.version} ({sum(info.counts.values())} entries: {counts})")
    if info.forced_reason:
        click.echo(f"forced: {info.forced_reason}", err=True)


@lists.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def show(as_json: bool) -> None:
    """Print the stored list versions, newest (current) first."""
    from service.store import open_store

    store = open_store(load_settings())
    try:
        versions = [v.to_dict() for v in store.lists.versions()]
    finally:
        store.dispose()
    if as_json:
        click.echo(json.dumps(versions, indent=2))
        return
    if not versions:
        click.echo("no list loaded")
        return
    for i, v in enumerate(versions):
        mark = "*" if i == 0 else " "
        click.echo(
            f"{mark} {v['id']:>4}  {v['version']}  {sum(v['counts'].values()):>6} entries  "
            f"loaded {v['loaded_at']}  sha256:{v['sha256'][:12]}"
        )
