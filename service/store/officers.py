"""Officers' web accounts and their server-side sessions (the hashing is the use case's)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from service.store.database import Database, StoreError, utc
from service.store.models import Officer, WebSession


@dataclass(frozen=True, slots=True)
class OfficerRecord:
    id: int
    username: str
    name: str
    role: str
    password_hash: str
    failed_logins: int
    locked_until: dt.datetime | None
    disabled: bool

    @property
    def actor(self) -> str:
        """How the officer is named in actions and the audit log."""
        return f"officer:{self.username}"


@dataclass(frozen=True, slots=True)
class SessionRecord:
    officer: OfficerRecord
    csrf_token: str
    expires_at: dt.datetime


class OfficerRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, username: str, name: str, role: str, password_hash: str) -> OfficerRecord:
        row = Officer(username=username, name=name, role=role, password_hash=password_hash,
                      created_at=dt.datetime.now(dt.UTC), failed_logins=0, disabled=False)  # fmt: skip
        try:
            with self.db.session() as s:
                s.add(row)
                s.flush()
                return _officer(row)
        except IntegrityError:
            raise StoreError(f"an officer named {username!r} exists already") from None

    def get(self, username: str) -> OfficerRecord | None:
        with self.db.session() as s:
            row = s.scalar(select(Officer).where(Officer.username == username))
            return _officer(row) if row else None

    def all(self) -> list[OfficerRecord]:
        with self.db.session() as s:
            return [_officer(r) for r in s.scalars(select(Officer).order_by(Officer.username))]

    def failed(self, officer_id: int, locked_until: dt.datetime | None) -> int:
        """Count a failed sign-in (and lock the account until the given time); the new count."""
        with self.db.session() as s:
            row = s.get(Officer, officer_id, with_for_update=True)
            assert row is not None
            row.failed_logins += 1
            if locked_until is not None:
                row.locked_until, row.failed_logins = locked_until, 0
            return row.failed_logins

    def succeeded(self, officer_id: int) -> None:
        with self.db.session() as s:
            row = s.get(Officer, officer_id)
            assert row is not None
            row.failed_logins, row.locked_until = 0, None

    def set_password(self, username: str, password_hash: str) -> bool:
        with self.db.session() as s:
            row = s.scalar(select(Officer).where(Officer.username == username))
            if row is None:
                return False
            row.password_hash, row.failed_logins, row.locked_until = password_hash, 0, None
            return True

    # --- sessions ------------------------------------------------------------------------------

    def open_session(
        self, session_id: str, officer_id: int, csrf_token: str, expires_at: dt.datetime
    ) -> None:
        with self.db.session() as s:
            s.add(WebSession(id=session_id, officer_id=officer_id, csrf_token=csrf_token,
                             created_at=dt.datetime.now(dt.UTC), expires_at=expires_at))  # fmt: skip

    def session(self, session_id: str, now: dt.datetime) -> SessionRecord | None:
        """The session and its officer, unless it expired or the officer was disabled."""
        with self.db.session() as s:
            row = s.get(WebSession, session_id)
            if row is None or utc(row.expires_at) <= now:
                return None
            officer = s.get(Officer, row.officer_id)
            if officer is None or officer.disabled:
                return None
            return SessionRecord(_officer(officer), row.csrf_token, utc(row.expires_at))

    def extend_session(self, session_id: str, expires_at: dt.datetime) -> None:
        with self.db.session() as s:
            row = s.get(WebSession, session_id)
            if row is not None:
                row.expires_at = expires_at

    def close_session(self, session_id: str) -> None:
        with self.db.session() as s:
            s.execute(delete(WebSession).where(WebSession.id == session_id))

    def close_expired(self, now: dt.datetime) -> int:
        with self.db.session() as s:
            result = s.execute(delete(WebSession).where(WebSession.expires_at <= now))
            return int(getattr(result, "rowcount", 0) or 0)


def _officer(row: Officer) -> OfficerRecord:
    return OfficerRecord(row.id, row.username, row.name, row.role, row.password_hash,
                         row.failed_logins, utc(row.locked_until) if row.locked_until else None,
                         row.disabled)  # fmt: skip
