"""Token and name similarity: how well query tokens meet the tokens of one list name.

A name score rewards covering the query (every query token should meet a list token) more than
covering the list name (a missing middle name is common, an extra unmatched word is not).
Adjacent tokens may be compared written together, so "Wonho" meets "Won Ho".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from .phonetic import phonetic_key

QUERY_WEIGHT = 0.65  # share of the score from covering the query; the rest covers the list name
MIN_PAIR_SIM = 0.5  # token pairs below this count as unmatched
INITIAL_SIM = 0.8  # "M" for "Mohammed"
PREFIX_SIM = 0.9  # "Moham" for "Mohammed" (truncation)


@lru_cache(maxsize=500_000)
def token_similarity(query: str, listed: str) -> tuple[float, str]:
    """Similarity in [0, 1] of two normalised tokens and how they met.

    >>> token_similarity("shabab", "shabaab")
    (0.9231, 'fuzzy')
    >>> token_similarity("m", "mohammed")
    (0.8, 'initials')
    """
    if query == listed:
        return 1.0, "exact"
    if len(query) == 1 or len(listed) == 1:
        if query[0] == listed[0]:
            return INITIAL_SIM, "initials"
        return 0.0, "none"
    ratio = round(Indel.normalized_similarity(query, listed), 4)
    best, how = ratio, "fuzzy"
    if len(query) >= 4 and listed.startswith(query) and PREFIX_SIM > best:
        best, how = PREFIX_SIM, "truncation"
    if phonetic_key(query) == phonetic_key(listed):
        sound = round(0.82 + 0.15 * ratio, 4)
        if sound > best:
            best, how = sound, "phonetic"
    return best, how


@dataclass(frozen=True, slots=True)
class NameScore:
    """Result of comparing query tokens with one list name's tokens."""

    score: float
    method: str
    pairs: tuple[tuple[str, str, float], ...] = ()


def _spans(tokens: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Single tokens and adjacent pairs written together, as (start, end, text)."""
    spans = [(i, i + 1, t) for i, t in enumerate(tokens)]
    spans += [(i, i + 2, tokens[i] + tokens[i + 1]) for i in range(len(tokens) - 1)]
    return spans


def name_score(query: tuple[str, ...], listed: tuple[str, ...]) -> NameScore:
    """Align query tokens to list tokens greedily (best pairs first) and score the coverage."""
    if not query or not listed:
        return NameScore(0.0, "none")
    if query == listed:
        return NameScore(1.0, "exact", tuple((t, t, 1.0) for t in query))
    pairs = _best_pairs(query, listed)
    q_total = sum(len(t) for t in query)
    n_total = sum(len(t) for t in listed)
    q_cov = sum(sim * len(q) for q, _, sim, _ in pairs) / q_total
    n_cov = sum(sim * len(n) for _, n, sim, _ in pairs) / n_total
    score = QUERY_WEIGHT * min(q_cov, 1.0) + (1 - QUERY_WEIGHT) * min(n_cov, 1.0)
    compact = Indel.normalized_similarity("".join(query), "".join(listed))
    if compact > score and compact >= 0.9:
        return NameScore(round(compact, 4), "spacing", ())
    method = _method(query, listed, pairs)
    return NameScore(round(score, 4), method, tuple((q, n, s) for q, n, s, _ in pairs))


def _best_pairs(
    query: tuple[str, ...], listed: tuple[str, ...]
) -> list[tuple[str, str, float, str]]:
    """Greedy one-to-one alignment of query spans with list spans by similarity."""
    options = []
    for qs, qe, qt in _spans(query):
        for ns, ne, nt in _spans(listed):
            if qe - qs == 2 and ne - ns == 2:
                continue
            sim, how = token_similarity(qt, nt)
            if sim >= MIN_PAIR_SIM:
                options.append((sim, qe - qs + ne - ns, qs, qe, ns, ne, qt, nt, how))
    options.sort(key=lambda o: (-o[0], o[1]))
    used_q: set[int] = set()
    used_n: set[int] = set()
    pairs = []
    for sim, _, qs, qe, ns, ne, qt, nt, how in options:
        q_range, n_range = set(range(qs, qe)), set(range(ns, ne))
        if q_range & used_q or n_range & used_n:
            continue
        used_q |= q_range
        used_n |= n_range
        pairs.append((qt, nt, sim, how if (qe - qs) + (ne - ns) == 2 else "spacing"))
    return pairs


def _method(query: tuple[str, ...], listed: tuple[str, ...], pairs: list) -> str:
    """The weakest way any token pair met, in words for the explanation."""
    hows = {how for _, _, _, how in pairs}
    for how in ("fuzzy", "truncation", "phonetic", "initials", "spacing"):
        if how in hows:
            return how
    if sorted(query) == sorted(listed):
        return "token reorder"
    return "partial" if len(pairs) < max(len(query), len(listed)) else "exact"
