"""Problems a rule author sees: a stable code, a location and a message.

Every problem renders as ``file:line:col: CODE message`` (the format of OPA and compilers), so
editors and CI annotate the exact place. The codes are stable; rules/README.md lists them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value came from: a file and a 1-based line and column."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning about a rule file."""

    code: str
    message: str
    location: Location
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        return f"{self.location}: {self.code} {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.location.file,
            "line": self.location.line,
            "col": self.location.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }


class EngineError(Exception):
    """Root of the engine's exceptions."""


class RuleSetError(EngineError):
    """A rule set that cannot be used: it carries every problem found, never a partial load."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        first = str(errors[0]) if errors else "no rules"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"rule set refused: {first}{more}")


class Collector:
    """Gathers problems; in strict mode the first error raises, in lint mode all are kept."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, code: str, message: str, location: Location) -> None:
        self.problems.append(Problem(code, message, location))

    def warning(self, code: str, message: str, location: Location) -> None:
        self.problems.append(Problem(code, message, location, "warning"))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)
