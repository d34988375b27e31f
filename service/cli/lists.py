"""``sanctions lists load FILE``, ``lists show`` and ``lists formats``: versions of the sanctions
lists, one current version per source."""

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
    "--format",
    "fmt",
    metavar="FMT",
    help="The list's format (see `sanctions lists formats`); without it the format is told "
    "from the content where that is certain (never for OFAC XML, whose SDN and non-SDN files "
    "look alike).",
)
@click.option(
    "--source",
    metavar="NAME",
    help="The list's source name, for formats that do not fix it (ftm-json: default "
    "opensanctions).",
)
@click.option(
    "--published",
    metavar="DATE",
    help="The publisher's date (ISO) for files that carry none (ofac-sdn-csv needs it).",
)
@click.option(
    "--force",
    "force_reason",
    metavar="REASON",
    help="Store the version although it is refused (older than the current one of its source, "
    "an unreadable date, more than SANCTIONS_LIST_MAX_LOSS of the entries lost); REASON is "
    "recorded with it.",
)
@click.option("--rescreen/--no-rescreen", default=True, show_default=True,
              help="Re-screen here, with progress, the kept screenings and open cases the new "
              "version can change.")  # fmt: skip
def load(
    file: str,
    fmt: str | None,
    source: str | None,
    published: str | None,
    force_reason: str | None,
    rescreen: bool,
) -> None:
    """Parse FILE (any list format, .gz accepted) and store it as its source's current version.

    A version that is older than the current one of the same source, has an unreadable date or
    loses more than SANCTIONS_LIST_MAX_LOSS of the entries is refused (exit 3) unless forced
    with a reason; so is a malformed file, or one whose format cannot be told.
    """
    from service.cli.rescreens import run_rescreen
    from service.parties.errors import PartiesError
    from service.screening import ListRefused
    from service.screening.lists import formats, store_version

    if force_reason is not None and not force_reason.strip():
        raise click.UsageError("--force needs a reason")
    if fmt is not None and fmt not in formats():
        raise click.UsageError(f"unknown --format {fmt!r}; use one of {', '.join(formats())}")
    settings = load_settings()
    tree = load_rule_tree(settings)
    from service.store import open_store

    store = open_store(settings)
    try:
        before = store.lists.current_all()
        try:
            info, _ = store_version(
                store, Path(file).read_bytes(), fmt, tree, force_reason=force_reason,
                actor="cli", max_loss=settings.list_max_loss, source=source, published=published,
            )  # fmt: skip
        except (PartiesError, ListRefused) as exc:
            hint = "" if fmt else f" (--format: {', '.join(formats())})"
            raise click.ClickException(
                f"{file}: {exc}{hint}; the previous version stays current"
            ) from exc
        counts = ", ".join(f"{k} {v}" for k, v in info.counts.items())
        click.echo(f"loaded {info.version} as {info.format} "
                   f"({sum(info.counts.values())} entries: {counts})")  # fmt: skip
        if info.forced_reason:
            click.echo(f"forced: {info.forced_reason}", err=True)
        new = before.get(info.source) is None or before[info.source].id != info.id
        if new and rescreen:
            report = run_rescreen(store, settings, tree, "list")
            if report is not None:
                click.echo(f"rescreen {report['id']}: {report['summary']} "
                           f"(sanctions rescreens show {report['id']})")  # fmt: skip
    finally:
        store.dispose()


@lists.command("formats")
def formats_command() -> None:
    """Print the list formats `lists load --format` and `POST /v1/lists?format=` take."""
    from service.screening.lists import formats

    for name, description in formats().items():
        click.echo(f"{name:<16} {description}")


@lists.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def show(as_json: bool) -> None:
    """Print the stored list versions, newest first; `*` marks each source's current one."""
    from service.store import open_store

    store = open_store(load_settings())
    try:
        versions = [v.to_dict() for v in store.lists.versions()]
        current = {s: info.id for s, info in store.lists.current_all().items()}
    finally:
        store.dispose()
    if as_json:
        click.echo(json.dumps(versions, indent=2))
        return
    if not versions:
        click.echo("no list loaded")
        return
    for v in versions:
        mark = "*" if current.get(v["source"]) == v["id"] else " "
        click.echo(
            f"{mark} {v['id']:>4}  {v['version']}  {sum(v['counts'].values()):>6} entries  "
            f"loaded {v['loaded_at']}  sha256:{v['sha256'][:12]}"
        )
