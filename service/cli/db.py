"""``sanctions db upgrade|show``: the database schema, migrated with Alembic."""

from __future__ import annotations

import click

from service.cli.common import settings as load_settings


@click.group("db")
def db() -> None:
    """Migrate and inspect the database (SANCTIONS_DATABASE_URL)."""


@db.command("upgrade")
def upgrade() -> None:
    """Bring the database to the newest schema (idempotent; safe while others run)."""
    from service.store import open_store

    store = open_store(load_settings(), upgrade=False)
    try:
        before = store.db.revision()
        store.upgrade()
        after = store.db.revision()
    finally:
        store.dispose()
    if before == after:
        click.echo(f"already at {after}")
    else:
        click.echo(f"upgraded {before or 'an empty database'} -> {after}")


@db.command("show")
def show() -> None:
    """Print the database's migration and the newest one this version knows."""
    from service.store import open_store

    store = open_store(load_settings(), upgrade=False)
    try:
        current, head = store.db.revision(), store.db.head()
    finally:
        store.dispose()
    click.echo(f"database at {current or 'no migration'}; newest {head}")
    if current != head:
        click.echo("run `sanctions db upgrade`", err=True)
