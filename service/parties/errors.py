"""Exceptions of the parties layer: one root, one class per failure kind."""


class PartiesError(Exception):
    """Root of every error raised by :mod:`service.parties`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ListError(PartiesError):
    """The sanctions list could not be read: malformed, truncated, unsafe or empty."""
