"""Screen a name (plus optional date of birth, nationality, IMO or document number) against a list.

The index is built once; each query normalises its name, fetches a bounded set of candidate
names through the blocking index, scores them token by token, then applies secondary evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .errors import PartiesError
from .evidence import document_keys, imo_key
from .index import NameIndex
from .model import ConsolidatedList, ListEntry, ListName
from .normalize import NormalizedName, normalize_name
from .result import PartyMatch
from .similarity import NameScore, name_score

# Name scores >= 0.88 survive one typo or respelling per token and a dropped middle name, while
# a listed name with one token replaced, or two listed names mixed, stays below (see
# bench/parties_quality.py). 0.75 sends near misses to a human without flooding the queue.
DEFAULT_THRESHOLD = 0.88
DEFAULT_REVIEW_THRESHOLD = 0.75
CANDIDATES = 40  # names scored in full per query after blocking
_LABELS = {
    "primary": "the listed name",
    "good": "the good-quality alias",
    "low": "the low-quality alias",
    "aka": "the a.k.a.",
    "fka": "the f.k.a.",
    "original": "the original-script name",
    "": "the alias",
}


@dataclass(frozen=True, slots=True)
class _Name:
    entry: int
    name: ListName
    tokens: tuple[str, ...]


class Matcher:
    """Name screening over one :class:`ConsolidatedList`; build once, query many times."""

    def __init__(
        self,
        lst: ConsolidatedList,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        review_threshold: float = DEFAULT_REVIEW_THRESHOLD,
    ) -> None:
        if not 0.0 < review_threshold <= threshold <= 1.0:
            raise PartiesError(
                f"thresholds must satisfy 0 < review_threshold <= threshold <= 1, "
                f"got review_threshold={review_threshold}, threshold={threshold}"
            )
        self.list = lst
        self.threshold = threshold
        self.review_threshold = review_threshold
        self._names = list(_names(lst.entries))
        self._index = NameIndex(n.tokens for n in self._names)
        self._imo, self._docs = _identifier_maps(lst.entries)

    def match(
        self,
        name: str,
        *,
        type: str | None = None,  # noqa: A002 - the API field is called "type"
        date_of_birth: str | None = None,
        nationality: str | None = None,
        imo: str | None = None,
        document: str | None = None,
        limit: int = 5,
    ) -> list[PartyMatch]:
        """Entries scoring at least the review threshold, best first, at most ``limit``."""
        query = normalize_name(name if isinstance(name, str) else "")
        best = self._name_scores(query)
        for entry in self._identifier_hits(imo, document):
            best.setdefault(entry, (NameScore(0.0, "none"), None))
        context = _Context(name if isinstance(name, str) else "", query, type, date_of_birth,
                           nationality, imo_key(imo or ""), document_keys(document or ""))  # fmt: skip
        results = [self._result(i, ns, n, context) for i, (ns, n) in best.items()]
        kept = [r for r in results if r.score >= self.review_threshold]
        kept.sort(key=lambda r: (-r.score, r.reference))
        return kept[: max(limit, 0)]

    def _name_scores(self, query: NormalizedName) -> dict[int, tuple[NameScore, _Name | None]]:
        """Best name score per entry over the candidate names of every query form."""
        best: dict[int, tuple[NameScore, _Name | None]] = {}
        for tokens in _query_forms(query.tokens):
            for nid in self._index.candidates(tokens, CANDIDATES):
                cand = self._names[nid]
                ns = name_score(tokens, cand.tokens)
                held = best.get(cand.entry)
                if held is None or _rank(ns, cand) > _rank(*held):
                    best[cand.entry] = (ns, cand)
        return best

    def _identifier_hits(self, imo: str | None, document: str | None) -> set[int]:
        """Entries whose IMO or document number equals the query's."""
        hits = set(self._imo.get(imo_key(imo or ""), ()))
        for key in document_keys(document or ""):
            hits.update(self._docs.get(key, ()))
        return hits

    def _result(self, index: int, ns: NameScore, cand: _Name | None, ctx: _Context) -> PartyMatch:
        from .explain import assess

        entry = self.list.entries[index]
        score, phrases, evidence = assess(entry, ns, cand.name if cand else None, ctx,
                                          self.threshold)  # fmt: skip
        matched = cand.name.full if cand else entry.name
        label = _LABELS.get(cand.name.quality if cand else "primary", "the alias")
        sentence = _sentence(ctx, ns, label, matched, entry, phrases)
        is_match = score >= self.threshold
        return PartyMatch(entry.reference, entry.name, matched, score, is_match,
                          "match" if is_match else "review", entry.regime, entry.listed_on,
                          sentence, evidence)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Context:
    raw: str
    query: NormalizedName
    type: str | None
    dob: str | None
    nationality: str | None
    imo: str
    documents: set[str]


def _rank(ns: NameScore, cand: _Name | None) -> tuple[float, int]:
    """Higher score wins; on a tie a strong name beats a low-quality alias."""
    return (ns.score, 0 if cand is not None and cand.name.is_low_quality else 1)


def _names(entries: tuple[ListEntry, ...]) -> Iterator[_Name]:
    """Every name of every entry with its matching tokens (names without tokens skipped)."""
    for i, entry in enumerate(entries):
        for name in entry.names:
            tokens = normalize_name(name.full).tokens
            if tokens:
                yield _Name(i, name, tokens)


def _query_forms(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The query tokens, and a form with a glued article removed ("Alshabaab" -> "shabaab")."""
    if not tokens:
        return []
    stripped = tuple(t[2:] if t[:2] in ("al", "el") and len(t) >= 7 else t for t in tokens)
    return [tokens] if stripped == tokens else [tokens, stripped]


def _identifier_maps(
    entries: tuple[ListEntry, ...],
) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """IMO number -> entries and document-number key -> entries."""
    imo: dict[str, set[int]] = {}
    docs: dict[str, set[int]] = {}
    for i, entry in enumerate(entries):
        for number in entry.imo_numbers:
            imo.setdefault(number, set()).add(i)
        for doc in entry.documents:
            for key in document_keys(doc.number):
                docs.setdefault(key, set()).add(i)
    return imo, docs


def _sentence(
    ctx: _Context, ns: NameScore, label: str, matched: str, entry: ListEntry, phrases: list[str]
) -> str:
    """One readable sentence: who met whom, how, and what else agreed or conflicted."""
    how = ns.method
    if ctx.query.transliterated:
        how = f"transliteration from {'/'.join(s.title() for s in ctx.query.scripts)} then {how}"
    raw = " ".join(ctx.raw.split())[:80] or "(no name)"
    head = (f"'{raw}' met {label} '{matched}' of {entry.reference} by {how} "
            f"(name score {ns.score:.2f})") if ns.score > 0 else f"{entry.reference} was found"  # fmt: skip
    tail = "; " + ", ".join(phrases) if phrases else ""
    return head + tail + "."
