"""Which languages a goods description is plausibly written in, and which terms depend on it.

A term such as French *or* (gold) is also an English word ("cotton or wool socks"); such a term
is *bound* to its language: it matches only in text where that language is plausible. Whether a
term collides is read from the stopword lists of stopwords-iso (the ``stopwordsiso`` package),
and the language of a description from lingua (``lingua-language-detector``), whose models ship
inside the package. Detection runs only for a description in which a bound term was found, and
is cached per description, so most lines never pay for it.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import stopwordsiso

from service.goods.text import normalize

LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar", "ko")
PLAUSIBLE = 0.2  # a language with at least this share of lingua's confidence is plausible


@cache
def common_words(lang: str) -> frozenset[str]:
    """The stopwords of a supported language, normalised as descriptions are."""
    return frozenset(normalize(w) for w in stopwordsiso.stopwords(lang))


def collisions(
    text: str, lang: str, extra: dict[str, frozenset[str]] | None = None
) -> tuple[str, ...]:
    """The other supported languages in which every word of a term is a common word
    (stopwords-iso's, plus ``extra`` per language: the taxonomy's ``common_words``).

    >>> collisions("or", "fr")
    ('en',)
    >>> collisions("lingot d or", "fr")
    ()
    """
    index = _common_index()
    found: set[str] | None = None
    for word in normalize(text).split():
        langs = set(index.get(word, ()))
        if extra:
            langs.update(other for other, words in extra.items() if word in words)
        found = langs if found is None else found & langs
        if not found:
            return ()
    return tuple(other for other in LANGUAGES if found and other in found and other != lang)


@cache
def _common_index() -> dict[str, frozenset[str]]:
    """Each common word and the supported languages it is common in."""
    out: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        for word in common_words(lang):
            out.setdefault(word, set()).add(lang)
    return {word: frozenset(langs) for word, langs in out.items()}


@cache
def _detector() -> Any:
    # imported here: the models load only when a description first needs them
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


@lru_cache(maxsize=8192)
def plausible_languages(description: str) -> frozenset[str]:
    """The supported languages that the description plausibly is in (at least one).

    Lingua's confidence values sum to 1 over the supported languages; every language with a
    share of at least ``PLAUSIBLE``, and always the most likely one, is plausible.
    """
    values = _detector().compute_language_confidence_values(description)
    if not values:
        return frozenset(LANGUAGES)
    out = {v.language.iso_code_639_1.name.lower() for v in values if v.value >= PLAUSIBLE}
    out.add(values[0].language.iso_code_639_1.name.lower())
    return frozenset(out)
