"""Persistence: SQLAlchemy models and the :class:`Store` the API and CLI use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from service.store.db import ROLES, KeyInfo, ListInfo, Store, StoreError, hash_key

if TYPE_CHECKING:
    from service.settings import Settings

__all__ = ["ROLES", "KeyInfo", "ListInfo", "Store", "StoreError", "hash_key", "open_store"]


def open_store(settings: Settings) -> Store:
    """The store the settings name, with its tables (and SANCTIONS_HOME for SQLite) created."""
    if settings.database_url.startswith("sqlite:///"):
        settings.home.mkdir(parents=True, exist_ok=True)
    store = Store(settings.database_url)
    store.create_all()
    return store
