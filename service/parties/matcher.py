"""Screen a name (plus optional date of birth, nationality, IMO or document number) against a list.

The index is built once; each query normalises its name, fetches a bounded set of candidate
names through the blocking index, scores them token by token, then applies secondary evidence.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .errors import PartiesError
from .evidence import document_keys, imo_key
from .explain import MAX_BONUS, assess
from .index import NameIndex
from .model import ListEntry, ListName, ListSnapshot
from .normalize import (
    NormalizedName,
    is_honorific,
    name_forms,
    normalize_name,
    office_only,
    translated_tokens,
)
from .phonetic import consonant_classes, phonetic_key
from .result import PartyMatch
from .similarity import (
    QUERY_WEIGHT,
    NameScore,
    arabic_skeleton,
    by_consonants,
    name_score,
    token_similarity,
)
from .tables import DESCRIPTORS, GOVERNMENT_WORDS, LOCATION_WORDS

# Name scores >= 0.88 survive one typo or respelling per token and a dropped middle name, while
# a listed name with one token replaced, or two listed names mixed, stays below (see
# bench/parties_quality.py). 0.75 sends near misses to a human without flooding the queue.
DEFAULT_THRESHOLD = 0.88
DEFAULT_REVIEW_THRESHOLD = 0.75
CANDIDATES = 30  # names scored in full per query after blocking
# The worst case per query is bounded: alignment cost grows with the query's tokens times the
# candidates', and a token repeated many times ("ali ali ali …") pairs with every listed copy.
# No listed name needs more than two copies of a token or more than this many query tokens.
MAX_QUERY_TOKENS = 16
MAX_REPEATS = 2
_SYLLABIC = frozenset({"CJK", "HANGUL"})  # scripts written one syllable per character
RARE_NAMES = 3  # a token in at most this many listed names is rare
_DISSIMILAR = (0.0, "none")
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
    person: bool
    words: int


class Matcher:
    """Name screening over one :class:`ListSnapshot`; build once, query many times."""

    def __init__(
        self,
        lst: ListSnapshot,
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
        self._containable = [self._containable_name(n) for n in self._names]
        # consonant-class key -> phonetic keys of the vocabulary tokens with that key
        self._families: dict[str, set[str]] = {}
        for t in self._index.vocab:
            if len(t) >= 5 and (key := consonant_classes(t)):
                self._families.setdefault(key, set()).add(phonetic_key(t))
        self._imo, self._docs = _identifier_maps(lst.entries)
        self._sorted_vocab = sorted(self._index.vocab)  # for truncations ("Imamo." for Imamovic)

    def _truncates(self, token: str) -> bool:
        """True when the token is the start of a longer vocabulary token (a name cut short
        by more than the index's two letters: "Imamo." for "Imamovic")."""
        at = bisect.bisect_right(self._sorted_vocab, token)
        return at < len(self._sorted_vocab) and self._sorted_vocab[at].startswith(token)

    def _containable_name(self, name: _Name) -> bool:
        """A listed person's name that a longer query may contain whole: three tokens or more,
        or two of which one is rare on the list (not "Mohamed Hassan")."""
        if not name.person or len(name.tokens) < 2:
            return False
        if len(name.tokens) >= 3:
            return True
        index = self._index
        return any(index.postings.length(index.vocab[t]) <= RARE_NAMES for t in name.tokens)

    def _family_elsewhere(self, token: str) -> bool:
        """True when a vocabulary token of the same spelling family has another phonetic key
        (Gaddafi / Qadhafi), so the index's keys cannot have met it."""
        keys = self._families.get(consonant_classes(token))
        return bool(keys and keys - {phonetic_key(token)})

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
        raw = name if isinstance(name, str) else ""
        query = normalize_name(raw)
        best = self._name_scores(query)
        for form in name_forms(raw)[1:]:  # "X (a.k.a. Y)": X alone and Y alone too
            part = normalize_name(form)
            for entry, (ns, cand) in self._name_scores(part).items():
                if len(form.split()) < 2 and ns.score >= self.threshold:
                    # one word from brackets ("Mzee (MITEC)", "(JAK-T)") cannot confirm
                    ns = NameScore(round(self.threshold - 0.01, 4), ns.method, ns.pairs)
                if entry not in best or _rank(ns, cand) > _rank(*best[entry]):
                    best[entry] = (ns, cand)
        translated = translated_tokens(query.tokens)
        if translated and len(translated) >= 2:
            # "Banque commerciale de Tanchon": a listed body's name in French or Spanish; made
            # of words any State's bodies use ("ministère de la Défense") it only reviews
            generic = all(t in GOVERNMENT_WORDS for t in translated)
            in_english = NormalizedName(translated, query.scripts, words=len(translated))
            for entry, (ns, cand) in self._name_scores(in_english).items():
                if cand is None or cand.person:
                    continue
                score = min(ns.score, self.threshold - 0.01) if generic else ns.score
                ns = NameScore(score, f"translation then {ns.method}", ns.pairs)
                if entry not in best or _rank(ns, cand) > _rank(*best[entry]):
                    best[entry] = (ns, cand)
        group = _without_descriptors(query.tokens)
        if group:
            # "Houthi forces", "les rebelles houthis": a listed group named with a word that
            # says what it is; the name alone meets the group, not a person
            for entry, (ns, cand) in self._name_scores(normalize_name(" ".join(group))).items():
                if cand is None or cand.person:
                    continue
                if entry not in best or _rank(ns, cand) > _rank(*best[entry]):
                    best[entry] = (ns, cand)
        if office_only(query.tokens):
            # "Ministry of Defence", "the Interior Ministry": an office every State has (the UN
            # lists the DPRK's under such names, KPe.054); the name alone reviews, never confirms
            cap = round(self.threshold - 0.01, 4)
            best = {
                entry: (NameScore(min(ns.score, cap), ns.method, ns.pairs), cand)
                for entry, (ns, cand) in best.items()
            }
        for entry in self._identifier_hits(imo, document):
            best.setdefault(entry, (NameScore(0.0, "none"), None))
        context = _Context(name if isinstance(name, str) else "", query, type, date_of_birth,
                           nationality, imo_key(imo or ""), document_keys(document or ""))  # fmt: skip
        results = (self._result(i, ns, n, context) for i, (ns, n) in best.items())
        kept = [r for r in results if r is not None]
        kept.sort(key=lambda r: (-r.score, r.reference))
        return kept[: max(limit, 0)]

    def _name_scores(self, query: NormalizedName) -> dict[int, tuple[NameScore, _Name | None]]:
        """Best name score per entry over the candidate names of every query form."""
        best: dict[int, tuple[NameScore, _Name | None]] = {}
        syllabic = not _SYLLABIC.isdisjoint(query.scripts)
        arabic = "ARABIC" in query.scripts  # short vowels unwritten: consonants meet too
        for tokens, father in _query_forms(query.tokens, query.patronymic):
            lookup = self._lookup(tokens, arabic=arabic)
            # Unmet tokens cannot score, except long ones (maybe two list tokens glued) and
            # those with a spelling-family relative in the vocabulary (Gaddafi / Qadhafi).
            free = [
                n == 1
                or n >= 9
                or (n >= 5 and self._family_elsewhere(t))
                or (n >= 4 and self._truncates(t))
                for t, n in zip(tokens, map(len, tokens), strict=True)
            ]
            lengths = [len(t) for t in tokens]
            needed = (self.review_threshold - MAX_BONUS - (1 - QUERY_WEIGHT)) * sum(lengths)
            office = _office(query.tokens, tokens)
            for nid, mask in self._index.candidates(tokens, CANDIDATES, arabic):
                met = sum(n for i, n in enumerate(lengths) if mask >> i & 1 or free[i])
                if QUERY_WEIGHT * met < needed:
                    continue
                cand = self._names[nid]
                if office and cand.person:
                    continue  # an office or a town follows a body's name, not a person's
                # A longer query may contain a listed person's name when it adds words rather
                # than replacing one the list has ("Awes, Shaykh Hassan Dahir").
                contains = self._containable[nid] and query.words > cand.words
                ns = name_score(tokens, cand.tokens, lookup, father=father,
                                person=cand.person, contains=contains,
                                syllabic=syllabic)  # fmt: skip
                if office:
                    ns = NameScore(ns.score, f"{ns.method}, '{office}' left out", ns.pairs)
                held = best.get(cand.entry)
                if held is None or _rank(ns, cand) > _rank(*held):
                    best[cand.entry] = (ns, cand)
        return best

    def _lookup(
        self, tokens: tuple[str, ...], *, arabic: bool = False
    ) -> Callable[[int, str], tuple[float, str]]:
        """Similarity of query token ``i`` to a list token, from the vocabulary table the
        index computed for the query. Tokens of up to three letters, which the fuzzy keys do not
        cover, and long tokens with the same first letter (possibly several edits apart) are
        compared directly; any other token the index did not find counts as dissimilar."""
        tables = [self._index.similar_table(t, arabic) for t in tokens]
        families = [consonant_classes(t) if len(t) >= 5 else "" for t in tokens]
        skeletons = [arabic_skeleton(t) if arabic else "" for t in tokens]

        def compare(i: int, listed: str) -> tuple[float, str]:
            found = token_similarity(tokens[i], listed)
            return by_consonants(found, skeletons[i], listed) if arabic else found

        def lookup(i: int, listed: str) -> tuple[float, str]:
            if len(tokens[i]) <= 3:  # initials and short syllables: cheap to compare directly
                return compare(i, listed)
            found = tables[i].get(listed)
            if found is not None:
                return found
            if len(listed) >= 5 and len(tokens[i]) >= 4 and tokens[i][0] == listed[0]:
                return compare(i, listed)  # cut short, or edits apart
            if (
                len(listed) >= 5
                and len(tokens[i]) >= 5
                and families[i] == consonant_classes(listed)
            ):
                return compare(i, listed)  # Gaddafi / Qadhafi
            return _DISSIMILAR

        return lookup

    def _identifier_hits(self, imo: str | None, document: str | None) -> set[int]:
        """Entries whose IMO or document number equals the query's."""
        hits = set(self._imo.get(imo_key(imo or ""), ()))
        for key in document_keys(document or ""):
            hits.update(self._docs.get(key, ()))
        return hits

    def _result(
        self, index: int, ns: NameScore, cand: _Name | None, ctx: _Context
    ) -> PartyMatch | None:
        """The match for one entry, or None below the review threshold."""
        if ns.score + MAX_BONUS < self.review_threshold and not (ctx.imo or ctx.documents):
            return None
        entry = self.list.entries[index]
        score, phrases, evidence = assess(entry, ns, cand.name if cand else None, ctx,
                                          self.threshold)  # fmt: skip
        if score < self.review_threshold:
            return None
        matched = cand.name.full if cand else entry.name
        label = _LABELS.get(cand.name.quality if cand else "primary", "the alias")
        sentence = _sentence(ctx, ns, label, matched, entry, phrases)
        is_match = score >= self.threshold
        return PartyMatch(entry.reference, entry.name, matched, score, is_match,
                          "match" if is_match else "review", entry.regime, entry.listed_on,
                          sentence, evidence, entry.source, self.list.version)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Context:
    raw: str
    query: NormalizedName
    type: str | None
    dob: str | None
    nationality: str | None
    imo: str
    documents: set[str]


def _without_descriptors(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens without descriptor words, when some were dropped and a name is left."""
    kept = tuple(t for t in tokens if t not in DESCRIPTORS)
    return kept if kept and len(kept) < len(tokens) else ()


def _rank(ns: NameScore, cand: _Name | None) -> tuple[float, int, int]:
    """Higher score wins; on a tie a strong name beats a low-quality alias, then an exact
    spelling beats an equivalent one (for the explanation)."""
    strong = 0 if cand is not None and cand.name.is_low_quality else 1
    return (ns.score, strong, 1 if ns.method == "exact" else 0)


def _names(entries: tuple[ListEntry, ...]) -> Iterator[_Name]:
    """Every name of every entry with its matching tokens (names without tokens skipped)."""
    for i, entry in enumerate(entries):
        for name in entry.names:
            for k, form in enumerate(name_forms(name.full)):
                norm = normalize_name(form)
                tokens = tuple(map(sys.intern, norm.tokens))
                # the name as listed; the part outside brackets; a bracketed part of two
                # tokens or more ("Jin Tiesan (金铁三)": 金铁三 alone), not an acronym ("JAK-T")
                if tokens and (k < 2 or (len(tokens) >= 2 and len(form.split()) >= 2)):
                    yield _Name(i, name, tokens, entry.kind != "entity", norm.words)
                if k == 0 and entry.kind != "entity" and (short := _first_half(form)):
                    # "Mohsen Fakhrizadeh" for "Mohsen Fakhrizadeh-Mahabadi": the press often
                    # writes a double family name by its first half
                    half = tuple(map(sys.intern, normalize_name(short).tokens))
                    if len(half) >= 2 and half != tokens:
                        yield _Name(i, name, half, True, norm.words - 1)


def _first_half(name: str) -> str:
    """The name with its last word's second half dropped when that word is a double name of
    two parts of four letters or more ("Abbasi-Davani"); "" otherwise ("Won-ho", "al-Duri")."""
    words = name.split()
    if len(words) < 2 or "-" not in words[-1]:
        return ""
    first, _, second = words[-1].partition("-")
    if len(first) >= 4 and len(second) >= 4 and first.isalpha() and second.isalpha():
        return " ".join([*words[:-1], first])
    return ""


def _office(query: tuple[str, ...], form: tuple[str, ...]) -> str:
    """The office or town words a query form left out at the end ("pyongyang branch"), or ""."""
    rest = query[len(form) :]
    if rest and query[: len(form)] == form and all(t in LOCATION_WORDS for t in rest):
        return " ".join(rest)
    return ""


def _query_forms(tokens: tuple[str, ...], father: int = 0) -> list[tuple[tuple[str, ...], int]]:
    """The query tokens; a form with a glued article or son-of particle removed ("Alshabaab" ->
    "shabaab", "Sami Benkhamis" -> "Sami Khamis", not at the start: "Benjamin"); and
    a form without the titles that normalisation kept to leave two tokens ("Hafiz X"). Each
    with the position of the father's name in it (0 when unknown)."""
    bounded = _bounded(tokens)
    if not bounded:
        return []
    if bounded[: father + 1] != tokens[: father + 1]:
        father = 0  # a repeat dropped before the father's name moved it
    forms = [(bounded, father)]
    stripped = tuple(
        t[2:]
        if t[:2] in ("al", "el") and len(t) >= 5
        else t[3:]
        if t[:3] in ("ben", "bin", "ibn") and len(t) >= 7 and i > 0
        else t
        for i, t in enumerate(bounded)
    )  # "Alshabaab" -> "shabaab", "Sami Benkhamis" -> "Sami Khamis"; fmt: skip
    untitled = tuple(t for t in bounded if not is_honorific(t))
    shift = sum(1 for t in bounded[:father] if is_honorific(t))
    located = bounded
    while len(located) > 2 and len(bounded) - len(located) < 2 and located[-1] in LOCATION_WORDS:
        located = located[:-1]  # "… Commercial Bank Pyongyang Branch": the office, not the name
    for form, at in (
        (stripped, father),
        (untitled, father - shift if father - shift > 0 else 0),
        (located, father if father < len(located) else 0),
    ):
        if form and all(form != f for f, _ in forms):
            forms.append((form, at))
    return forms


def _bounded(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """At most MAX_REPEATS copies of a token and MAX_QUERY_TOKENS tokens, in order.

    >>> _bounded(("ali",) * 5 + ("hassan",))
    ('ali', 'ali', 'hassan')
    """
    seen: dict[str, int] = {}
    out = []
    for t in tokens:
        seen[t] = seen.get(t, 0) + 1
        if seen[t] <= MAX_REPEATS:
            out.append(t)
    return tuple(out[:MAX_QUERY_TOKENS])


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
