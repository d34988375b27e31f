"""Officers' accounts and sign-in: argon2 password hashes, lock-out, server-side sessions.

Accounts are created with ``sanctions officers create``. A sign-in that fails ``max_failures``
times in a row locks the account for ``lock_minutes``; the answer never says whether the
username exists. A session is a random secret in the cookie whose sha256 is the stored id, with
its own CSRF token; it ends at sign-out or after ``session_minutes`` without use.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from service.cases.errors import InvalidAction, NotAllowed
from service.cases.workflow import Actor
from service.store import OfficerRecord, SessionRecord, Store

OFFICER_ROLES = ("officer", "approver", "admin")
MIN_PASSWORD = 12
# argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): tens of milliseconds
# per sign-in on a small server; the library's defaults (64 MiB, 3 passes, 4 lanes) take the
# better part of a second on 2 busy cores. Stored hashes carry their parameters, so raising
# these later re-hashes each password at its next sign-in.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# verified against when the username is unknown, so both cases take the same time
_DUMMY = _HASHER.hash("not a password of anyone's")


@dataclass(frozen=True)
class SignIn:
    """A started session: the cookie's secret and the CSRF token of its forms."""

    secret: str
    csrf_token: str
    officer: OfficerRecord


def actor(officer: OfficerRecord) -> Actor:
    return Actor(officer.actor, officer.role, officer.name)


def session_id(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Officers:
    def __init__(
        self, store: Store, *, max_failures: int = 5, lock_minutes: int = 15,
        session_minutes: int = 60,
    ) -> None:  # fmt: skip
        self.store = store
        self.max_failures = max_failures
        self.lock = dt.timedelta(minutes=lock_minutes)
        self.ttl = dt.timedelta(minutes=session_minutes)

    def create(
        self, username: str, name: str, role: str, password: str, *, by: str = "system:cli"
    ) -> OfficerRecord:
        """Create an account (audited: who may act is part of the record)."""
        username = username.strip().lower()
        if (
            not username
            or len(username) > 100
            or not username.replace(".", "").replace("-", "").replace("_", "").isalnum()
        ):
            raise InvalidAction("a username is letters, digits, '.', '-' or '_' (at most 100)")
        if role not in OFFICER_ROLES:
            raise InvalidAction(f"unknown role {role!r}; use one of {', '.join(OFFICER_ROLES)}")
        if len(password) < MIN_PASSWORD:
            raise InvalidAction(f"the password needs at least {MIN_PASSWORD} characters")
        officer = self.store.officers.create(username, name.strip() or username, role,
                                             _HASHER.hash(password))  # fmt: skip
        with self.store.cases.write() as w:
            w.audit(by, "officer.created", None,
                    {"officer": officer.actor, "name": officer.name, "role": officer.role})  # fmt: skip
        return officer

    def sign_in(self, username: str, password: str, now: dt.datetime | None = None) -> SignIn:
        """Check the password and open a session; :class:`NotAllowed` otherwise (one message
        for an unknown user and a wrong password; another for a locked account)."""
        now = now or dt.datetime.now(dt.UTC)
        officer = self.store.officers.get(username.strip().lower())
        if officer is None or officer.disabled:
            _verify(_DUMMY, password)
            raise NotAllowed("the username or the password is wrong")
        if officer.locked_until is not None and officer.locked_until > now:
            raise NotAllowed(f"the account is locked after {self.max_failures} failed sign-ins; "
                             f"try again after {officer.locked_until:%H:%M} UTC")  # fmt: skip
        if not _verify(officer.password_hash, password):
            locks = officer.failed_logins + 1 >= self.max_failures
            self.store.officers.failed(officer.id, now + self.lock if locks else None)
            if locks:
                raise NotAllowed(f"the account is now locked for {self.lock.seconds // 60} "
                                 f"minutes after {self.max_failures} failed sign-ins")  # fmt: skip
            raise NotAllowed("the username or the password is wrong")
        self.store.officers.succeeded(officer.id)
        if _HASHER.check_needs_rehash(officer.password_hash):
            self.store.officers.set_password(officer.username, _HASHER.hash(password))
        self.store.officers.close_expired(now)
        secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        self.store.officers.open_session(session_id(secret), officer.id, csrf, now + self.ttl)
        return SignIn(secret, csrf, officer)

    def session(self, secret: str, now: dt.datetime | None = None) -> SessionRecord | None:
        """The live session of a cookie's secret, its idle timeout pushed back."""
        now = now or dt.datetime.now(dt.UTC)
        if not secret:
            return None
        found = self.store.officers.session(session_id(secret), now)
        if found is not None and found.expires_at - now < self.ttl / 2:
            self.store.officers.extend_session(session_id(secret), now + self.ttl)
        return found

    def sign_out(self, secret: str) -> None:
        self.store.officers.close_session(session_id(secret))

    def set_password(self, username: str, password: str) -> bool:
        if len(password) < MIN_PASSWORD:
            raise InvalidAction(f"the password needs at least {MIN_PASSWORD} characters")
        return self.store.officers.set_password(username.strip().lower(), _HASHER.hash(password))


def _verify(digest: str, password: str) -> bool:
    try:
        return _HASHER.verify(digest, password)
    except (VerificationError, InvalidHashError):
        return False
