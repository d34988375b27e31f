"""A text that describes no transaction, and whether every part of it was understood.

When no transaction is read, the text is either understood as describing none (a meeting, a
missile test, a parade, a general statement about any sale) or not understood. It counts as
understood only when every clause has a reading that moves no goods and every word is one the
extractor knows: a word of its languages' word list (or an inflection of one), a goods term of
the taxonomy, a place, a cue, a name or a number. A narrative clause that names goods, or a
word it does not know (a misspelt verb of selling, a foreign word), or a narrative clause that
names no place or actor ("as agreed on the phone"), leaves the text not understood, and the
screening fails closed on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from service.extract.annotate import ACTOR, PLACE, Mark, Reading
from service.extract.model import Evidence
from service.extract.spelling import common_words
from service.extract.text import words

NARRATIVE = "narrative"
NOTRADE = "no trade"
GENERAL = "general"

Dropped = tuple[int, int, str, Mark | None]

# Endings (folded) stripped to find a listed form of an inflected word ("figuraient" →
# "figurer", "prorogé" → "proroger", "unveiling" → "unveil"), each with what is tried instead.
_ENDINGS = (
    ("aient", ("er", "ir", "re", "")), ("ait", ("er", "ir", "re", "")),
    ("ees", ("er", "")), ("es", ("er", "")), ("ee", ("er", "")), ("e", ("er",)),
    ("ing", ("", "e")), ("ied", ("y",)), ("ed", ("", "e")), ("ies", ("y",)), ("es", ("", "e")),
    ("s", ("",)), ("ly", ("",)), ("ados", ("ar",)), ("adas", ("ar",)), ("ado", ("ar",)),
    ("ada", ("ar",)), ("ent", ("er", "")), ("ant", ("er", "")),
)  # fmt: skip


# words of the reports the frequency list lacks ("the Vostochny cosmodrome", "a prorogé")
_MORE_WORDS = words(
    "cosmodrome cosmodromo intercontinental intercontinentale intercontinentales proroge "
    "prorogee prorogation prorrogo prorrogado"
)


def known_word(word: str) -> bool:
    """Is this folded word (or an inflection of it) in the extractor's word list?"""
    common = common_words()
    if word in common or word in _MORE_WORDS:
        return True
    for ending, replacements in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if any(stem + r in common for r in replacements):
                return True
    return False


def _unknown(reading: Reading, ci: int, cj: int, known: Callable[[str], bool]) -> list[int]:
    """Tokens of a clause the extractor cannot say it knows: not marked (as a place, a cue…),
    not a name (capitalised in ordinary text), not a number, not in its word list."""
    out = []
    for k in range(ci, cj):
        t = reading.tokens[k]
        if reading.at[k] is not None or not t.norm.isalpha() or len(t.norm) < 3:
            continue
        if t.capitalised and not reading.upper:
            continue
        if not known(t.norm):
            out.append(k)
    return out


def _names_place(reading: Reading, ci: int, cj: int) -> bool:
    """A narrative clause is understood as being about something only when it names a place
    or an actor ("as agreed on the phone" says nothing the extractor can stand on)."""
    return any(m is not None and m.kind in (PLACE, ACTOR) for m in reading.at[ci:cj])


_HOW = {
    NARRATIVE: "no trade word, marker, role or quantity, and no goods named",
    NOTRADE: "a verb or noun of no trade",
    GENERAL: "a general statement, not a transaction",
}


def no_trade_reading(
    reading: Reading,
    dropped: Iterable[Dropped],
    known: Callable[[str], bool],
    names_goods: Callable[[str], bool],
) -> tuple[Evidence, ...]:
    """Each clause with what says it describes no transaction, or () when some part of the
    text is not understood (see :func:`unread`)."""
    out = []
    for ci, cj, why, cue in dropped:
        start, end = reading.span(ci, cj)
        text = reading.text[start:end]
        if _unknown(reading, ci, cj, known):
            return ()
        if why == NARRATIVE and (not _names_place(reading, ci, cj) or names_goods(text)):
            return ()
        how = _HOW[why]
        if cue is not None:
            how += f": '{reading.words(cue.i, cue.j)}'"
        out.append(Evidence(text, (start, end), how))
    return tuple(out)


def unread(
    reading: Reading,
    dropped: Iterable[Dropped],
    known: Callable[[str], bool],
    names_goods: Callable[[str], bool],
) -> list[Evidence]:
    """What keeps a text with no transaction from being understood as describing none."""
    out = []
    for ci, cj, why, _ in dropped:
        for k in _unknown(reading, ci, cj, known):
            t = reading.tokens[k]
            out.append(Evidence(t.text, (t.start, t.end), "a word the extractor does not know"))
        start, end = reading.span(ci, cj)
        text = reading.text[start:end]
        if why != NARRATIVE:
            continue
        if names_goods(text):
            out.append(
                Evidence(text, (start, end), "goods named, but no trade word read around them")
            )
        elif not _names_place(reading, ci, cj):
            out.append(Evidence(text, (start, end), "no place, trade word or goods named"))
    return out
