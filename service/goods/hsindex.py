"""HS 2022 subheadings suggested from a goods description: a BM25 index over the nomenclature.

Each of the 5,613 subheadings is a document made of its own text and its heading's. A query's
words are scored with BM25 (k1 1.2, b 0.5: the texts are short); the categories the taxonomy's
terms found in the same description (in any of its languages) add a bonus to the subheadings
under their HS prefixes, so a Chinese or Arabic line still lands in the right chapter; where the
text names no indexed word, a category's subheadings come in the order its own English terms
rank them. A query costs some hundred microseconds, so suggestions are computed only when a
decision is shown (``Classification.hints``), not while screening. Scores are in [0, 1.5]: the share of the description's indexed words a subheading
explains (weighted by rarity), plus ``CATEGORY_BONUS``.

A suggestion never changes a classification: categories come from the taxonomy, and a declared
code is authoritative. A declared code that contradicts a confident suggestion is reported.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from service.goods.text import arabic_bare, has_spaceless_script, normalize

K1, B = 1.2, 0.5
CATEGORY_BONUS = 0.5
LOOSE = 0.5  # weight of an index word that only shares its first letters with a text word
PREFIX = 6  # letters a text word outside the index shares with the index words it stands for
CONFIDENT = 0.8  # a top suggestion this good (text and categories agreeing) can contradict a code
_WORD_RX = re.compile(r"[^\W\d_][^\W_]*", re.UNICODE)
# function words, units and the boilerplate of HS texts and trade documents: they say nothing
# about goods ("9mm" would otherwise read as the thickness of flat-rolled steel)
STOP = frozenset(
    """
    a an and are as at be but by for from in into is it its no not of on or other others than
    that the their thereof these this those to with without whether n e c nec kind kinds used
    use such similar including excluding incl excl heading headings subheading chapter etc eg ie
    like only all any each per more less exceeding over under put up form forms type types part
    new pcs pc pieces piece ctn ctns carton cartons kg kgs g t mt ton tons tonne tonnes net
    gross wt weight qty quantity pallet pallets unit units set sets bag bags box boxes lot lots
    model brand item items usd eur fob cif cfr dap exw hs code no nos order invoice de la le les
    des du et en el los las y con para por un une una d l al
    mm cm km m2 m3 kw kva hp v w hz khz mhz ml ltr lt gsm dia od id dmt wmt bbl bbls rds ppm
    """.split()  # noqa: SIM905
)


class Suggestion(NamedTuple):
    """One suggested subheading: its code, a score and the words that support it."""

    code: str
    score: float
    words: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "score": round(self.score, 3), "words": list(self.words)}


# Russian case and number endings, longest first: the glossary's nominative singular
# (велосипед, машина) meets the forms invoices use (велосипеды, велосипедов, машины)
_RU_ENDINGS = tuple(
    sorted(
        """ами ями ого его ому ему ыми ими ой ей ый ий ая яя ое ее ые ие ов ев ах ях ам ям ом ем
        а я ы и у ю е о ь""".split(),  # noqa: SIM905
        key=len,
        reverse=True,
    )
)


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A light plural stripper shared by the index and the queries; Russian words lose their
    case ending, Arabic ones their article.

    >>> [stem(w) for w in ("batteries", "boxes", "cycles", "glass", "shoes")]
    ['battery', 'box', 'cycle', 'glass', 'shoe']
    >>> stem("велосипеды") == stem("велосипедов") == stem("велосипед")
    True
    """
    if word[0] >= "\u0400":
        if word[0] <= "\u04ff":
            for end in _RU_ENDINGS:
                if word.endswith(end) and len(word) - len(end) >= 4:
                    return word[: -len(end)]
            return word
        return arabic_bare(word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word[-1] == "s" and word[-2] not in "su" and not word.endswith("is"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Index words of a text: normalised, without digits-only tokens and stopwords, stemmed."""
    return [stem(w) for w in _WORD_RX.findall(normalize(text)) if len(w) > 1 and w not in STOP]


ALTERNATIVE_SHARE = 0.5  # another heading is offered when it scores at least this share of the best


class HsIndex:
    """BM25 over the level-6 rows of an HS nomenclature CSV (section,hscode,description,parent,level),
    each with its heading's trade words in every language from the glossary."""

    def __init__(
        self, rows: dict[str, tuple[str, str]], glossary: dict[str, tuple[str, ...]] | None = None
    ) -> None:
        """``rows``: code -> (description, level), as :func:`load_hs_rows` reads them;
        ``glossary``: heading -> trade words (any language), as the taxonomy loads them."""
        text = {code: description for code, (description, _) in rows.items()}
        subheadings = [c for c, (_, level) in rows.items() if level == "6" and len(c) == 6]
        self.codes = sorted(subheadings)
        # Chinese and Korean words are found in a description as substrings (no spaces, or
        # particles written onto the word): by first character, longest first
        self._spaceless: dict[str, list[str]] = defaultdict(list)
        extra: dict[str, list[str]] = defaultdict(list)
        for heading, terms in (glossary or {}).items():
            for term in terms:
                folded = normalize(term)
                if has_spaceless_script(folded):
                    compact = "".join(folded.split())
                    extra[heading].append(compact)
                    if compact not in self._spaceless[compact[0]]:
                        self._spaceless[compact[0]].append(compact)
                else:
                    extra[heading] += words(folded)
        for found in self._spaceless.values():
            found.sort(key=len, reverse=True)
        headings = {
            c[:4]: words(text.get(c[:4], "")) + list(dict.fromkeys(extra.get(c[:4], ())))
            for c in self.codes
        }
        docs = [words(text[c]) + headings[c[:4]] for c in self.codes]
        self.doc_words = [frozenset(d) for d in docs]
        avg = sum(map(len, docs)) / max(len(docs), 1)
        norm = [K1 * (1 - B + B * len(d) / avg) for d in docs]
        frequency: dict[str, dict[int, int]] = defaultdict(dict)
        for i, doc in enumerate(docs):
            for w in doc:
                frequency[w][i] = frequency[w].get(i, 0) + 1
        n = len(docs)
        self.idf: dict[str, float] = {}
        self.postings: dict[str, tuple[tuple[int, float], ...]] = {}
        for w, hits in frequency.items():
            idf = math.log(1 + (n - len(hits) + 0.5) / (len(hits) + 0.5))
            self.idf[w] = idf
            self.postings[w] = tuple(
                (i, idf * tf * (K1 + 1) / (tf + norm[i])) for i, tf in hits.items()
            )
        # a word the nomenclature does not use may still share its root with one that it does,
        # as French and Spanish words do with English ones ("centrifugas", "excavadora")
        self._by_prefix: dict[str, list[str]] = defaultdict(list)
        for w in self.idf:
            if len(w) >= PREFIX and w.isalpha():
                self._by_prefix[w[:PREFIX]].append(w)

    def rank_under(self, prefixes: Iterable[str], query: str) -> tuple[int, ...]:
        """The subheadings under the prefixes, best first for the query (a category's terms)."""
        prefixes = tuple(prefixes)
        found = self.suggest(query, n=len(self.codes), distinct=False) if query else ()
        ranked = [self.codes.index(s.code) for s in found if s.code.startswith(prefixes)]
        seen = set(ranked)
        return tuple(ranked + [i for i in self._under(prefixes, 10**6) if i not in seen])

    def suggest(
        self, description: str, prefixes: Iterable[str] = (), n: int = 3,
        prior: Iterable[int] = (), distinct: bool = True,
    ) -> tuple[Suggestion, ...]:  # fmt: skip
        """The ``n`` best subheadings for a description; ``prefixes`` are the HS prefixes of the
        categories its terms found (a bonus for the subheadings under them), ``prior`` the
        subheadings to fall back on, in order, when too few of them match the text. With
        ``distinct`` each suggestion is the best subheading of another heading: three
        alternatives, not three siblings of one heading (a text rarely settles the
        subheading, more often the heading)."""
        text = list(dict.fromkeys(words(description) + self._spaceless_words(description)))
        query = [w for w in text if w in self.idf]
        scores: dict[int, float] = {}
        get = scores.get
        for w in query:
            for i, weight in self.postings[w]:
                scores[i] = get(i, 0.0) + weight
        best = sum(self.idf[w] for w in query)
        for w in text:
            near = self._by_prefix.get(w[:PREFIX], ()) if len(w) >= PREFIX else ()
            if w in self.idf or not near:
                continue
            best += LOOSE * max(self.idf[v] for v in near)
            for v in near:
                query.append(v)
                for i, weight in self.postings[v]:
                    scores[i] = get(i, 0.0) + LOOSE * weight
        best = best * (K1 + 1) or 1.0
        prefixes = tuple(dict.fromkeys(prefixes))
        bonus = CATEGORY_BONUS * best
        if prefixes:
            codes = self.codes
            for i in scores:
                if codes[i].startswith(prefixes):
                    scores[i] += bonus
            missing = n - sum(1 for v in scores.values() if v >= bonus)
            if missing > 0:
                fill = [i for i in (prior or self._under(prefixes, n)) if i not in scores]
                for rank, i in enumerate(fill[:missing]):
                    scores[i] = bonus * (1 - 0.001 * (rank + 1))
        if distinct and scores:
            ranked = sorted(scores, key=lambda i: (-scores[i], i))
            floor = ALTERNATIVE_SHARE * scores[ranked[0]]
            top, headings = [], set()
            for i in ranked:
                if self.codes[i][:4] not in headings and scores[i] >= floor:
                    headings.add(self.codes[i][:4])
                    top.append(i)
                    if len(top) == n:
                        break
            # too few plausible headings: the best remaining subheadings (siblings) fill in
            top += [i for i in ranked if i not in top][: n - len(top)]
            top.sort(key=lambda i: (-scores[i], i))
        else:
            top = heapq.nlargest(n, scores, key=scores.__getitem__)
        return tuple(
            Suggestion(
                self.codes[i], scores[i] / best, tuple(w for w in query if w in self.doc_words[i])
            )
            for i in top
        )

    def _spaceless_words(self, description: str) -> list[str]:
        """The glossary's Chinese and Korean words found in the description, longest first at
        each position (a word found inside a longer one found is not counted again)."""
        if not self._spaceless or not has_spaceless_script(description):
            return []
        text = "".join(normalize(description).split())
        found: list[str] = []
        at, end = 0, len(text)
        while at < end:
            for term in self._spaceless.get(text[at], ()):
                if text.startswith(term, at):
                    found.append(term)
                    at += len(term) - 1
                    break
            at += 1
        return found

    def _under(self, prefixes: tuple[str, ...], n: int) -> list[int]:
        """The first ``n`` subheadings under each prefix, in code order."""
        out: list[int] = []
        for p in prefixes:
            at = bisect_left(self.codes, p)
            while at < len(self.codes) and self.codes[at].startswith(p) and len(out) < n * 4:
                out.append(at)
                at += 1
        return out

    def contradiction(self, code: str, found: tuple[Suggestion, ...]) -> str | None:
        """A note when all three suggestions agree on a chapter other than the declared code's
        and the best is confident, with words of the text behind it (within a chapter, a text
        rarely settles the heading)."""
        if not found or found[0].score < CONFIDENT or not found[0].words:
            return None
        if any(s.code[:2] == code[:2] for s in found) or len({s.code[:2] for s in found}) > 1:
            return None
        top = found[0]
        return (
            f"declared HS {code} disagrees with the description, which reads as HS {top.code} "
            f"(score {top.score:.2f}: {', '.join(top.words) or 'its categories'})"
        )
