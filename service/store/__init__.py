"""Persistence: SQLAlchemy models and the :class:`Store` the API and CLI use."""

from service.store.db import ROLES, KeyInfo, ListInfo, Store, StoreError, hash_key

__all__ = ["ROLES", "KeyInfo", "ListInfo", "Store", "StoreError", "hash_key"]
