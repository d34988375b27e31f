"""Misspelt goods words read as the taxonomy's ("excavaters" → "excavator", "misiles" →
"missile", "YATCH" → "yacht"): one edit (two from nine letters), or letters out of order (two
transpositions), the first letter right, only for words the taxonomy does not know in any form.
"""

from __future__ import annotations

import gzip
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from service.extract.annotate import Reading
from service.extract.text import fold

WORDS = Path(__file__).resolve().parent / "data" / "words.txt.gz"


@cache
def common_words() -> frozenset[str]:
    """Frequent words of the extractor's languages: never taken for misspelt goods words."""
    with gzip.open(WORDS, "rt", encoding="utf-8") as fh:
        return frozenset(fh.read().split())


class Spelling:
    def __init__(self, terms: list[str]) -> None:
        self.common = common_words()
        words: set[str] = set()
        for term in terms:
            for w in fold(term.replace("*", "")).split():
                if len(w) >= 4 and w.isalpha():
                    words.add(w)
        self.words = frozenset(words)
        self._by: dict[tuple[str, int], list[str]] = {}
        for w in words:
            self._by.setdefault((w[0], len(w)), []).append(w)

    def known(self, word: str) -> bool:
        if word in self.words:
            return True
        return any(
            form in self.words
            for form in (word[:-1], word[:-2], word[:-1] + "e") if word.endswith(("s", "x"))
        )  # fmt: skip

    def fix(self, word: str) -> str | None:
        if len(word) < 5 or not word.isalpha() or self.known(word) or word in self.common:
            return None
        return self._fix(word)

    @lru_cache(maxsize=16_384)  # noqa: B019  one Spelling per process; words recur
    def _fix(self, word: str) -> str | None:
        for form in (word, word[:-1]) if word.endswith("s") else (word,):
            limit = 2 if len(form) >= 9 else 1
            bucket = [
                w for n in range(len(form) - limit, len(form) + limit + 1)
                for w in self._by.get((form[0], n), ())
            ]  # fmt: skip
            best = process.extractOne(
                form, bucket, scorer=DamerauLevenshtein.distance, score_cutoff=limit
            )
            if best:
                return str(best[0])
            swapped = self._swapped(form)
            if swapped is not None:
                return swapped
        return None

    def _swapped(self, form: str) -> str | None:
        """Letters out of order ("YATCH" → "yacht", two transpositions apart): the same
        letters, the first one right, two edits at most."""
        if len(form) < 5:
            return None
        letters = sorted(form)
        found = [
            w for w in self._by.get((form[0], len(form)), ())
            if sorted(w) == letters and DamerauLevenshtein.distance(form, w) <= 2
        ]  # fmt: skip
        return found[0] if len(found) == 1 else None

    def correct(self, reading: Reading, i: int, j: int) -> tuple[str, tuple[str, ...]] | None:
        """The chunk's words with misspellings corrected, and notes saying which, or None."""
        out: list[str] = []
        notes: list[str] = []
        for t in reading.tokens[i:j]:
            if t.capitalised and not reading.upper:
                out.append(t.text)  # a name, not a misspelt word
                continue
            fixed = self.fix(t.norm)
            if fixed is None:
                out.append(t.text)
            else:
                out.append(fixed)
                notes.append(f"read '{t.text}' as '{fixed}'")
        return (" ".join(out), tuple(notes)) if notes else None
