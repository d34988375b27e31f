"""The engine's exceptions: one root, and the refusal of a rule set with every problem found."""

from __future__ import annotations

from service.yamlsource import ProblemsError


class EngineError(Exception):
    """Root of the engine's exceptions."""


class RuleSetError(ProblemsError, EngineError):
    """A rule set that cannot be used: it carries every problem found, never a partial load."""

    what = "rule set"
