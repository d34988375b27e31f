"""The result of screening one name: a frozen, JSON-ready :class:`PartyMatch`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class PartyMatch:
    """One list entry that a query met, with its score, band and a one-sentence explanation.

    ``match`` is true when ``score`` reaches the matcher's threshold (band ``match``); entries
    between the review threshold and the threshold have band ``review``.
    """

    reference: str
    name: str
    matched_name: str
    score: float
    match: bool
    band: str
    regime: str
    listed_on: date | None
    explanation: str
    evidence: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    source: str = "un"  # the list the entry is on
    list_version: str = ""  # the version of that list the match was made against

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form used by the API."""
        return {
            "list": self.source,
            "reference": self.reference,
            "name": self.name,
            "matched_name": self.matched_name,
            "score": self.score,
            "match": self.match,
            "band": self.band,
            "regime": self.regime,
            "listed_on": self.listed_on.isoformat() if self.listed_on else None,
            "explanation": self.explanation,
            "list_version": self.list_version,
        }
