"""The rule model: frozen dataclasses parsed once from YAML, each remembering where it came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from service.yamlsource import Location

AFTER_UNTIL = ("lapsed", "renewal_unverified")


@dataclass(frozen=True, slots=True)
class Citation:
    instrument: str
    paragraph: str
    url: str
    verified: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument,
            "paragraph": self.paragraph,
            "url": self.url,
            "verified": self.verified,
        }


@dataclass(frozen=True, slots=True)
class InForce:
    start: dt.date
    until: dt.date | None = None
    after_until: str = "lapsed"
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Condition:
    """What satisfies a conditional outcome; a transaction's authorization of this type does."""

    type: str
    description: str


@dataclass(frozen=True, slots=True)
class Exemption:
    description: str
    when: Any  # a condition AST node (service.engine.predicates)
    citation: Citation | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    regime: str
    citations: tuple[Citation, ...]
    in_force: InForce
    when: Any
    outcome: str
    location: Location
    measures: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    disputed: bool = False
    dispute_note: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Regime:
    code: str
    name: str
    committee: str
    targets: tuple[str, ...]
    list_types: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleTest:
    """A transaction beside the rules with the outcome and rule ids it must produce."""

    name: str
    location: Location
    transaction: dict[str, Any]
    date: dt.date | None = None
    designated: dict[int, tuple[str, ...]] = field(default_factory=dict)
    outcome: str | None = None
    rules: tuple[str, ...] = ()
    not_rules: tuple[str, ...] = ()
