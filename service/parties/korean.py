"""Hangul to the McCune-Reischauer spelling that DPRK names on sanctions lists use.

anyascii writes Hangul in the South Korean Revised Romanisation (김철 -> "gimcheol"); lists
write "KIM CHOL". Syllables are written one per token (without the breves of ŏ and ŭ), so
that the matcher's spacing rules meet "Kim Chol Sam", "Kim Chol-sam" and "Kim Cholsam" alike.
Also the fold under which two romanised syllables are the same Hangul syllable.
"""

from __future__ import annotations

import re
from functools import lru_cache

_FIRST = 0xAC00
_LAST = 0xD7A3
_INITIALS = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch",
             "k", "t", "p", "h")  # fmt: skip
_VOWELS = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
           "we", "wi", "yu", "u", "ui", "i")  # fmt: skip
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m",
           "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")  # fmt: skip
_SYLLABLE = re.compile(r"(?:tch|ch|kk|tt|pp|ss|sh|[kgndtrlmbpsjhc])?[wy]?"
                       r"(?:ae|oe|ui|eo|eu|a|e|i|o|u)(?:ng|[klmnpt])?")  # fmt: skip
_FOLDS = (("eo", "o"), ("eu", "u"), ("tch", "ch"), ("kk", "k"), ("tt", "t"), ("pp", "p"), ("ss", "s"), ("j", "ch"), ("g", "k"), ("b", "p"), ("d", "t"),
          ("l", "r"))  # fmt: skip
# MR ŏ written u before l, ng and k: Chul, Sung, Suk
_U_BEFORE = re.compile(r"(?<=[^y])u(?=(?:l|ng|k)$)")


def is_hangul_syllable(ch: str) -> bool:
    return _FIRST <= ord(ch) <= _LAST


def hangul_syllable(ch: str, *, at_word_start: bool) -> str:
    """One precomposed Hangul syllable in McCune-Reischauer letters.

    >>> [hangul_syllable(c, at_word_start=i == 0) for i, c in enumerate("김철삼")]
    ['kim', 'chol', 'sam']
    >>> hangul_syllable("이", at_word_start=True), hangul_syllable("리", at_word_start=True)
    ('ri', 'ri')
    """
    code = ord(ch) - _FIRST
    first, vowel, final = code // 588, code % 588 // 28, code % 28
    initial = _INITIALS[first]
    if at_word_start and initial == "" and _VOWELS[vowel] == "i" and not final:
        initial = "r"  # the surname 이 is written RI (DPRK usage, as 리)
    return initial + _VOWELS[vowel] + _FINALS[final]


def is_syllable(token: str) -> bool:
    """True when ``token`` is shaped like one romanised Korean syllable ("chol", "myong")."""
    return len(token) <= 6 and _SYLLABLE.fullmatch(token) is not None


@lru_cache(maxsize=50_000)
def syllable_fold(token: str) -> str:
    """A romanised syllable with the spellings of one Hangul syllable folded together:
    McCune-Reischauer and Revised Romanisation (chol/cheol/chul, jin/chin, gil/kil, ri/li);
    "su" and "so", or "hun" and "hon", stay apart.

    >>> syllable_fold("cheol") == syllable_fold("chul") == syllable_fold("chol")
    True
    """
    token = _U_BEFORE.sub("o", token)
    for old, new in _FOLDS:
        token = token.replace(old, new)
    return token
