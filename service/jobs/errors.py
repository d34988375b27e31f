"""The jobs use case's one exception root; ``kind`` says how an edge answers it."""

from __future__ import annotations

from collections.abc import Mapping

# kind → HTTP status (mapped in service.api.problems) and CLI exit code 3
KINDS = ("invalid", "not_found", "conflict", "unavailable", "too_large")


class JobError(Exception):
    """A refused submission or request: bad body, unknown job, ended job, broker down."""

    def __init__(
        self, message: str, *, kind: str = "invalid", errors: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        assert kind in KINDS
        self.kind = kind
        self.errors = dict(errors or {})
