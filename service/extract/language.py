"""Which of the extractor's languages a text is in, from its most frequent short words.

Cheap and good enough to say "this text is in a language the extractor does not read" (then
nothing in it is taken as understood) and to show the language in the interpretation.
"""

from __future__ import annotations

import re

from service.extract.text import fold_word

_STOPWORDS = {
    "en": """the of and to in is was for on with from by that it as at are be has had have
        were its this an which said not or been will their they than into""",
    "fr": """le la les des de du un une et est en au aux pour par sur que qui dans avec pas
        ont a été sont son ses ce cette elle il vers selon n ne""",
    "es": """el la los las del de y en que un una por con para es se al su sus fue como más
        desde hacia según habría""",
    "ru": """и в на с по из к от что не это как для о а за до же его её их был была были
        через""",
}
_WORDS = {lang: frozenset(fold_word(w) for w in text.split()) for lang, text in _STOPWORDS.items()}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """'en', 'fr', 'es' or 'ru'; None when no word of theirs is found in a text of some length.

    >>> detect_language("La Corée du Nord vend des obus à la Russie")
    'fr'
    """
    words = [fold_word(w) for w in _WORD.findall(text[:4000])]
    if not words:
        return None
    cyrillic = sum(1 for w in words if _CYRILLIC.search(w))
    if cyrillic > len(words) / 2:
        return "ru"
    scores = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0:
        return None
    return best
