"""The rule model: frozen dataclasses parsed once from YAML, each remembering where it came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from service.yamlsource import Location

AFTER_UNTIL = ("lapsed", "renewal_unverified")
MANDATE = "mandate"  # `in_force.until: mandate`: the rule ends with its regime's mandate


@dataclass(frozen=True, slots=True)
class Citation:
    instrument: str
    paragraph: str
    url: str
    verified: bool

    @property
    def label(self) -> str:
        """ "S/RES/1718 (2006) op. 8(a)"; a paragraph given in words (no number) is not an "op."."""
        if self.paragraph[:1].isdigit():
            return f"{self.instrument} op. {self.paragraph}"
        return f"{self.instrument}, {self.paragraph}" if self.paragraph else self.instrument

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
    mandate: str | None = None  # the regime whose mandate ends the rule (`until: mandate`)


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
    implements: frozenset[str] = frozenset()  # measure kinds (vocabulary.MEASURE_KINDS); empty: any


@dataclass(frozen=True, slots=True)
class EntryMeasures:
    """A list entry designated for only some of its regime's measures (``entry_measures:`` in
    regimes.yaml): a match to it meets only the rules implementing those measures."""

    list: str  # the list source, e.g. un
    reference: str  # the entry's reference on it, e.g. YEe.001
    regime: str
    measures: frozenset[str]  # vocabulary.MEASURE_KINDS
    citation: Citation  # the instrument and paragraph that designated it for them
    location: Location
    name: str = ""  # for readers
    source: str | None = None  # where the research found it ([V] seen in a UN text, …)


@dataclass(frozen=True, slots=True)
class Regime:
    code: str
    name: str
    committee: str
    targets: tuple[str, ...]
    list_types: tuple[str, ...] = ()
    mandate: Mandate | None = None  # the renewal chain of measures that lapse unless renewed
    entries: tuple[EntryMeasures, ...] = ()  # entries listed for some of its measures only


@dataclass(frozen=True, slots=True)
class MandateTerm:
    """One resolution of a mandate chain: adopted on a day, keeping the measures until a day."""

    resolution: str
    adopted: dt.date
    expires: dt.date | None  # None: the resolution set no (known) new expiry
    paragraph: str
    url: str
    verified: bool
    location: Location
    source: str | None = None

    def citation(self) -> Citation:
        until = f" to {self.expires}" if self.expires else ""
        return Citation(
            self.resolution, f"renewal{until}: {self.paragraph}", self.url, self.verified
        )


@dataclass(frozen=True, slots=True)
class Mandate:
    """A regime's renewal chain, kept once in regimes.yaml; rules end "with the mandate".

    The mandate runs to the latest expiry any resolution of the chain set; after it, rules that
    end with it give ``after_expiry`` (``renewal_unverified``: review, or ``lapsed``: nothing).
    """

    regime: str
    terms: tuple[MandateTerm, ...]
    location: Location
    after_expiry: str = "renewal_unverified"
    measures: tuple[str, ...] = ()
    note: str | None = None

    @property
    def expires(self) -> dt.date | None:
        return max((t.expires for t in self.terms if t.expires), default=None)

    @property
    def last_term(self) -> MandateTerm:
        return self.terms[-1]

    def term_on(self, day: dt.date) -> MandateTerm | None:
        """The latest resolution of the chain adopted on or before the day."""
        found = None
        for term in self.terms:
            if term.adopted <= day:
                found = term
        return found


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
