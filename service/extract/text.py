"""Tokens with their character spans, folded for matching, and sentences and clauses.

Matching is done on folded tokens (NFKC, casefolded, diacritics removed, in every script, as the
goods classifier does), while every token keeps the span of the text it came from, so whatever
the extractor reads can be shown where it was written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@lru_cache(maxsize=65_536)
def fold_word(word: str) -> str:
    """One word as matched: casefolded, without diacritics ("Corée" → "coree", "й" → "и")."""
    text = unicodedata.normalize("NFKC", word).casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def fold(text: str) -> str:
    """A phrase as matched: its folded words joined by single spaces.

    >>> fold("Port-au-Prince"), fold("la Corée du Nord"), fold("Quai d’Orsay")
    ('port au prince', 'la coree du nord', 'quai d orsay')
    """
    return " ".join(fold_word(m.group()) for m in _WORD.finditer(text))


class Token:
    """One word of the text: where it is, as written, and as matched."""

    __slots__ = ("index", "start", "end", "text", "norm", "capitalised", "upper")

    def __init__(self, index: int, start: int, end: int, text: str, norm: str) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.text = text
        self.norm = norm
        self.capitalised = text[:1].isupper()
        self.upper = text.isupper()


def tokenize(text: str) -> list[Token]:
    """The words of a text (letters and digits; punctuation is read from the gaps)."""
    return [
        Token(i, m.start(), m.end(), m.group(), fold_word(m.group()))
        for i, m in enumerate(_WORD.finditer(text))
    ]


def gap(text: str, left: Token | None, right: Token | None) -> str:
    """The characters between two tokens (punctuation and spaces)."""
    start = left.end if left is not None else 0
    end = right.start if right is not None else len(text)
    return text[start:end]


def mostly_upper(text: str) -> bool:
    """True for text written in capitals (bills of lading): capitals then tell nothing."""
    letters = sum(map(str.isalpha, text))
    return letters > 0 and sum(map(str.isupper, text)) > 0.6 * letters


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a table written as one string."""
    return frozenset(text.split())
