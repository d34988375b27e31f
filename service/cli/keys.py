"""``sanctions keys create|list|revoke``: API keys, stored hashed in the database."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from service.store import Store

from service.cli.common import settings as load_settings
from service.vocabulary import KEY_ROLES as ROLES


def _store() -> Store:
    from service.store import open_store  # the database layer loads only for commands using it

    return open_store(load_settings())


@click.group("keys")
def keys() -> None:
    """Manage API keys."""


@keys.command("create")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What the key may do.")
@click.option("--name", default=None, help="Who or what uses the key (default: the role).")
def create(role: str, name: str | None) -> None:
    """Create a key and print it, alone, on stdout (it cannot be shown again)."""
    store = _store()
    try:
        click.echo(store.keys.create(role, name))
    finally:
        store.dispose()


@keys.command("list")
def list_keys() -> None:
    """Print every key's id, name, role and state as JSON lines (never the secret)."""
    store = _store()
    try:
        for key in store.keys.all():
            click.echo(json.dumps(key))
    finally:
        store.dispose()


@keys.command("revoke")
@click.argument("key_id", type=int)
def revoke(key_id: int) -> None:
    """Revoke the key with id KEY_ID (see ``sanctions keys list``)."""
    store = _store()
    try:
        if not store.keys.revoke(key_id):
            raise click.ClickException(f"no key with id {key_id}")
    finally:
        store.dispose()
