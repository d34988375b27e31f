"""The screening layer's exceptions: one root, one class per refusal the edges turn into answers."""

from __future__ import annotations


class ScreeningError(Exception):
    """Root of the screening layer's exceptions."""


class ListRefused(ScreeningError):
    """A list version that must not become current (older, lost entries, unreadable date…).

    An admin may force it with a reason, which is recorded with the version.
    """

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__("; ".join(reasons))
