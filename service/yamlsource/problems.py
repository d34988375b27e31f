"""Problems a rule author sees: a stable code, a location and a message.

Every problem renders as ``file:line:col: CODE message`` (the format of OPA and compilers), so
editors and CI annotate the exact place. Each code is defined once, with a one-line summary,
by :func:`code` in the module that reports it; rules/README.md lists them and a test keeps the
table and this registry equal.
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

    def __reduce__(self) -> tuple[type[Location], tuple[str, int, int]]:
        # pickled as its fields: a cached taxonomy holds thousands (service/cache.py)
        return (Location, (self.file, self.line, self.col))


@dataclass(frozen=True, slots=True)
class Code:
    """A stable problem code with what it means, e.g. ``R202`` "wrong type"."""

    code: str
    summary: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        return self.code


CODES: dict[str, Code] = {}


def code(name: str, summary: str, severity: str = "error") -> Code:
    """Define a problem code once (a second definition of the same code is a bug)."""
    if name in CODES:
        raise ValueError(f"problem code {name} is defined twice")
    CODES[name] = found = Code(name, summary, severity)
    return found


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


def problem(kind: Code, message: str, location: Location) -> Problem:
    """A problem of a registered code, with that code's severity."""
    return Problem(kind.code, message, location, kind.severity)


class ProblemsError(Exception):
    """Files that cannot be used: carries every problem found, never a partial load."""

    what = "input"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        first = str(errors[0]) if errors else "nothing usable"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{self.what} refused: {first}{more}")


class Collector:
    """Gathers problems; lint keeps them all, a strict load raises once it has them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def report(self, kind: Code, message: str, location: Location) -> None:
        """Record a problem of a registered code (errors and warnings alike)."""
        self.problems.append(problem(kind, message, location))

    def error(self, kind: Code, message: str, location: Location) -> None:
        self.problems.append(Problem(kind.code, message, location))

    def warning(self, kind: Code, message: str, location: Location) -> None:
        self.problems.append(Problem(kind.code, message, location, "warning"))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)
