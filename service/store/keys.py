"""API keys: created with a role, stored as sha256 hashes, checked in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from service.store.database import Database, StoreError
from service.store.models import ApiKey
from service.vocabulary import KEY_ROLES

KEY_PREFIX = "sk_"


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """Who a presented key belongs to (never the key itself)."""

    id: int
    name: str
    role: str
    key_hash: str  # identifies the key across processes (rate-limit counters) without the secret


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class KeyRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, role: str, name: str | None = None) -> str:
        """Create a key and return the secret; only its sha256 is stored."""
        if role not in KEY_ROLES:
            raise StoreError(f"unknown role {role!r}; use one of {', '.join(KEY_ROLES)}")
        secret = KEY_PREFIX + secrets.token_urlsafe(32)
        with self.db.session() as s:
            s.add(ApiKey(name=name or role, role=role, key_hash=hash_key(secret)))
        return secret

    def any(self) -> bool:
        """Whether any key that is not revoked exists."""
        with self.db.session() as s:
            return s.scalar(select(ApiKey.id).where(ApiKey.revoked.is_(False)).limit(1)) is not None

    def authenticate(self, secret: str) -> KeyInfo | None:
        """The key's owner, or None for an unknown or revoked key."""
        digest = hash_key(secret)
        with self.db.session() as s:
            row = s.scalar(select(ApiKey).where(ApiKey.key_hash == digest))
            # The lookup is by hash; compare in constant time anyway, so timing says nothing.
            if row is None or row.revoked or not hmac.compare_digest(row.key_hash, digest):
                return None
            return KeyInfo(row.id, row.name, row.role, row.key_hash)

    def all(self) -> list[dict[str, Any]]:
        """Every key's id, name, role, creation time and state (never the secret)."""
        with self.db.session() as s:
            return [
                {"id": k.id, "name": k.name, "role": k.role,
                 "created_at": k.created_at.isoformat(), "revoked": k.revoked}
                for k in s.scalars(select(ApiKey).order_by(ApiKey.id))
            ]  # fmt: skip

    def revoke(self, key_id: int) -> bool:
        with self.db.session() as s:
            row = s.get(ApiKey, key_id)
            if row is None:
                return False
            row.revoked = True
            return True
