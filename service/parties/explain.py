"""Combining the name score with secondary evidence into the final score."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .evidence import (
    DOB_EXACT_BONUS,
    IDENTIFIER_SCORE,
    NATIONALITY_BONUS,
    dob_evidence,
    document_keys,
    nationality_evidence,
    type_evidence,
)
from .model import ListEntry, ListName
from .similarity import NameScore

if TYPE_CHECKING:
    from .matcher import _Context

MAX_BONUS = DOB_EXACT_BONUS + NATIONALITY_BONUS  # the most secondary evidence can add


def assess(
    entry: ListEntry, ns: NameScore, name: ListName | None, ctx: _Context, threshold: float
) -> tuple[float, list[str], dict[str, Any]]:
    """Final score in [0, 1] (4 places), the explanation phrases and the evidence record."""
    score = ns.score
    phrases: list[str] = []
    evidence: dict[str, Any] = {"name_score": ns.score, "method": ns.method}
    positive = False
    for key, (delta, phrase) in (
        ("date_of_birth", dob_evidence(ctx.dob, entry)),
        ("nationality", nationality_evidence(ctx.nationality, entry)),
        ("type", type_evidence(ctx.type, entry)),
    ):
        if phrase:
            score += delta
            phrases.append(phrase)
            evidence[key] = delta
            positive = positive or delta > 0
    if name is not None and name.is_low_quality and not positive and score >= threshold:
        score = threshold - 0.01
        phrases.append("a low-quality alias alone cannot confirm a match")
    identifier = _identifier(entry, ctx)
    if identifier:
        score = max(score, IDENTIFIER_SCORE)
        phrases.insert(0, identifier)
        evidence["identifier"] = identifier
    if ctx.query.notes:
        evidence["notes"] = list(ctx.query.notes)
    return round(min(max(score, 0.0), 1.0), 4), phrases, evidence


def _identifier(entry: ListEntry, ctx: _Context) -> str:
    """Phrase for an exact IMO or document number match, or ''."""
    if ctx.imo and ctx.imo in entry.imo_numbers:
        return f"IMO number {ctx.imo} matched exactly"
    for doc in entry.documents:
        if ctx.documents & document_keys(doc.number):
            return f"{doc.type or 'document'} number {doc.number} matched exactly"
    return ""
