"""The one exception root of the cases use case; each kind maps to one HTTP status at the edge."""

from __future__ import annotations

from collections.abc import Mapping


class CaseError(Exception):
    """Something the cases use case refuses, in words an officer can act on."""

    kind = "invalid"  # invalid, not_found, forbidden, conflict, unavailable

    def __init__(self, message: str, errors: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = dict(errors or {})


class InvalidAction(CaseError):
    """A missing or wrong reason code, reason or detail (400)."""


class CaseNotFound(CaseError):
    kind = "not_found"


class NotAllowed(CaseError):
    """The actor's role does not allow it, or four eyes forbid it (own action) (403)."""

    kind = "forbidden"


class Conflict(CaseError):
    """Not possible in the case's current state (409): wrong status, stale decision."""

    kind = "conflict"


class ReplayUnavailable(CaseError):
    """A stored version needed for a replay is missing (the rules snapshot, the list bytes)."""

    kind = "unavailable"
