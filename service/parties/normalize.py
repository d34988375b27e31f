"""Name normalisation for matching: one Latin, lower-case, token form for every spelling.

Steps, in order: NFKC; invisible and control characters removed; Cyrillic/Greek look-alikes
inside Latin text mapped to Latin; other scripts transliterated (anyascii); case folded and
diacritics removed; punctuation to spaces; honorifics, legal forms, stopwords and particles
dropped; ``abdul``-style prefixes split. Scripts that cannot be transliterated yield a note.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import Indel

from .arabic import PERSIAN_LETTERS, arabic_word, is_arabic_letter
from .korean import hangul_syllable, is_hangul_syllable
from .tables import (
    ABD_FORMS,
    ABDULLAH_FORMS,
    ABU_FORMS,
    ALLAH_FORMS,
    GOVERNMENT_WORDS,
    HOMOGLYPH_CHARS,
    HOMOGLYPHS,
    HONORIFICS,
    LEGAL_FORMS,
    LONG_HONORIFICS,
    LONG_LEGAL_FORMS,
    OCR_DIGITS,
    PARTICLES,
    PATRONYMIC_MARKERS,
    STOPWORDS,
    TRANSLATED_IN,
    TRANSLATED_OUT,
    TRANSLATIONS,
    VOWELLESS_LEGAL_FORMS,
)

MAX_NAME_CHARS = 300
# a letter then a number: a designation ("M23", "KN23", "T72"), never an OCR slip
_CODE = re.compile(r"^[a-z]{1,3}\d{2,}$")
_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
# a French elided article or preposition before a vowel ("l'industrie", "d'investissement");
# not an apostrophe inside an Arabic name ("Ba'asyir", "Da'ud")
_ELISION = re.compile(r"\b([ld])[\u2019'](?=[aeiouyh])")
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bb\u02bc\u02bf\u02be`'\u00b4]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ASCII_CONTROLS = {c: " " if chr(c) in "\t\n\r\v\f" else None for c in [*range(32), 127]}
_SYLLABIC = ("HANGUL", "CJK", "HIRAGANA", "KATAKANA")


@dataclass(frozen=True, slots=True)
class NormalizedName:
    """A name ready for matching: ``tokens`` plus what was done to get there."""

    tokens: tuple[str, ...]
    scripts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    # Words of the name as written, titles and particles included ("Shaykh Hassan Dahir": 3).
    words: int = 0
    # Position of the father's name after a patronymic marker ("Salman bin Muhammad" -> 1: the
    # tokens before it are the person's own name); 0 without one.
    patronymic: int = 0

    @property
    def transliterated(self) -> bool:
        """True when some non-Latin script was transliterated."""
        return bool(self.scripts)


def normalize_name(value: str, *, max_chars: int = MAX_NAME_CHARS) -> NormalizedName:
    """Normalise a person or company name into matching tokens.

    >>> normalize_name("Mr. Abd al-Rahman AL-SHABAAB Ltd").tokens
    ('abdul', 'rahman', 'shabaab')
    >>> normalize_name("Ri Won-ho").tokens
    ('ri', 'won', 'ho')
    """
    notes: list[str] = []
    if len(value) > max_chars:
        value = value[:max_chars]
        notes.append(f"name cut to its first {max_chars} characters")
    text = clean_text(value)
    latin, scripts, failed = to_latin(text)
    if failed:
        notes.append("could not transliterate: " + ", ".join(failed))
    raw = tokenize(latin)
    tokens, father = _reduce(raw)
    return NormalizedName(tokens, tuple(scripts), tuple(notes), len(raw), father)


_BRACKETS = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_AKA = re.compile(r"^\s*(?:a\.?\s*k\.?\s*a\.?|f\.?\s*k\.?\s*a\.?|also known as|formerly|"
                  r"alias|aka|fka)\b[\s.:]*", re.IGNORECASE)  # fmt: skip


def name_forms(value: str) -> list[str]:
    """The name as given plus, when it holds a bracketed part, the name without it and each
    bracketed part alone (an alias or acronym: "X (a.k.a. Y)" is screened as X and as Y).

    >>> name_forms("Nasser Muthana (a.k.a. Nasir Muthana)")
    ['Nasser Muthana (a.k.a. Nasir Muthana)', 'Nasser Muthana', 'Nasir Muthana']
    """
    if "(" not in value and "[" not in value:
        return [value]
    forms = [value]
    outside = " ".join(_BRACKETS.sub(" ", value).split())
    inside = [_AKA.sub("", m).strip() for m in _BRACKETS.findall(value)]
    for form in [outside, *inside]:
        if form and form not in forms and any(ch.isalnum() for ch in form):
            forms.append(form)
    return forms


def clean_text(value: str) -> str:
    """NFKC, drop invisible/control characters, map look-alike letters in Latin text."""
    if value.isascii():  # fast path: only ASCII controls can need work
        return value.translate(_ASCII_CONTROLS)
    text = unicodedata.normalize("NFKC", value)
    text = "".join(" " if ch in "\t\n\r\v\f" else ch for ch in text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _DROP_CATEGORIES)
    if any(ch in HOMOGLYPH_CHARS for ch in text):
        # In wholly Cyrillic or Greek text ("УМАРОВ ДОКУ") a word of look-alikes is genuine.
        native = not any("a" <= ch.lower() <= "z" for ch in text) and any(
            ch.isalpha() and not ch.isascii() and ch not in HOMOGLYPH_CHARS for ch in text
        )
        text = " ".join(_unconfuse(word, native) for word in text.split())
    return text


def _unconfuse(word: str, native: bool = False) -> str:
    """Map Cyrillic/Greek look-alikes to Latin in a word that is Latin or mixed.

    A word wholly made of look-alikes (e.g. Cyrillic "СОМ") is mapped only when every
    letter is a look-alike: genuine Cyrillic words contain other letters too.
    """
    has_latin = any("a" <= ch.lower() <= "z" for ch in word)
    letters = [ch for ch in word if ch.isalpha() and not ("a" <= ch.lower() <= "z")]
    if has_latin or (not native and letters and all(ch in HOMOGLYPH_CHARS for ch in letters)):
        return word.translate(HOMOGLYPHS)
    return word


def to_latin(text: str) -> tuple[str, list[str], list[str]]:
    """Transliterate to ASCII; returns the text, scripts transliterated and scripts that failed.

    Syllabic scripts (Hangul, Han, kana) get a space between syllables so that the Korean
    spacing rules of the matcher apply; a leading Hangul ``l`` becomes ``r`` (DPRK usage).
    """
    if text.isascii():
        return text, [], []
    scripts: dict[str, None] = {}
    failed: dict[str, None] = {}
    out: list[str] = []
    persian = not PERSIAN_LETTERS.isdisjoint(text)
    for word in text.split():
        if any(is_arabic_letter(ch) for ch in word):
            scripts["ARABIC"] = None
            word = arabic_word(word, persian)
        out.append(_word_to_latin(word, scripts, failed))
    return " ".join(out), list(scripts), [s for s in failed if s not in scripts]


def _word_to_latin(word: str, scripts: dict[str, None], failed: dict[str, None]) -> str:
    """Transliterate one word character by character, recording the scripts met."""
    out: list[str] = []
    for ch in word:
        if ch.isascii() or not ch.isalpha():
            out.append(ch if ch.isascii() else _non_letter(ch))
            continue
        if is_hangul_syllable(ch):
            scripts["HANGUL"] = None
            start = not out or out[-1].endswith(" ")
            out.append(hangul_syllable(ch, at_word_start=start) + " ")
            continue
        script = _script(ch)
        latin = anyascii(ch)
        if not latin.strip():
            failed[script] = None
            continue
        if script in _SYLLABIC:
            latin = _syllable(latin, at_word_start=not out or out[-1].endswith(" "), script=script)
        if script != "LATIN":
            scripts[script] = None
        out.append(latin)
    return "".join(out)


def _non_letter(ch: str) -> str:
    """Digits of any script become ASCII digits, marks vanish, symbols (emoji) split words."""
    kind = unicodedata.category(ch)[0]
    if kind == "N":
        return anyascii(ch)
    return "" if kind == "M" else " "


def _syllable(latin: str, *, at_word_start: bool, script: str) -> str:
    """One syllable followed by a space; DPRK writes initial ㄹ as R (Ri, not Li)."""
    latin = latin.lower()
    if script == "HANGUL" and at_word_start and latin.startswith("l"):
        latin = "r" + latin[1:]
    return latin + " "


def _script(ch: str) -> str:
    """First word of the Unicode character name: LATIN, CYRILLIC, ARABIC, HANGUL, CJK, ..."""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "OTHER"


def tokenize(latin: str) -> list[str]:
    """Lower-case ASCII tokens: apostrophes vanish, other punctuation splits."""
    text = _ELISION.sub(r"\1 ", anyascii(latin).lower())  # "l'industrie": "l industrie"
    text = _APOSTROPHES.sub("", text)
    text = text.replace("'", "")
    tokens = []
    for tok in _NON_ALNUM.split(text):
        digits = sum(ch.isdigit() for ch in tok)
        if tok and 0 < digits < len(tok) and not _CODE.match(tok):
            tok = tok.translate(OCR_DIGITS)  # "Usam4", "0sama": a letter read as a digit
        if tok:
            tokens.append(tok)
    return tokens


def translated_tokens(tokens: tuple[str, ...]) -> tuple[str, ...] | None:
    """A French or Spanish name of a body in the list's English words ("banque commerciale
    de tanchon" -> "bank commercial tanchon"), or None when no word of it translates."""
    if not any(t in TRANSLATIONS for t in tokens):
        return None
    out = [
        TRANSLATED_IN.get(t) or TRANSLATIONS.get(t, t) for t in tokens if t not in TRANSLATED_OUT
    ]
    reduced = reduce_tokens(out)
    return reduced if reduced and reduced != tokens else None


def office_only(tokens: tuple[str, ...]) -> bool:
    """Every word of a name (in English, or translated from French or Spanish) is a word of
    government: "Ministry of Defence", "ministère de la Défense" name an office every State has."""
    words = translated_tokens(tokens) or tokens
    return bool(words) and all(t in GOVERNMENT_WORDS for t in words)


def reduce_tokens(tokens: list[str]) -> tuple[str, ...]:
    """Drop leading honorifics, legal forms, stopwords and particles; split ``abdul`` prefixes.

    Honorifics are dropped only while two tokens remain ("General Electric" keeps "general");
    legal forms and their misspellings ("Compny", "Corp Oration") are always dropped. If
    nothing would remain (a name that is only "Al" or "Company"), the tokens are kept.
    """
    return _reduce(tokens)[0]


def _reduce(tokens: list[str]) -> tuple[tuple[str, ...], int]:
    """:func:`reduce_tokens` plus the position of the father's name: the first token after
    the first patronymic marker ("Salman bin Muhammad" -> 1), or 0 when there is no marker
    with a given name before it and a name after it."""
    tokens = _drop_honorifics(_drop_split_legal_forms(tokens))
    out: list[str] = []
    father = 0
    for n, tok in enumerate(tokens):
        if tok in PATRONYMIC_MARKERS and not father and out:
            father = len(out) + (0 if tok in PARTICLES else 1)
        if (
            tok in PARTICLES
            and not out
            and n + 1 < len(tokens)
            and tokens[n + 1] in PATRONYMIC_MARKERS
        ):
            out.append(tok)  # "El Ould Abderrahmane": El is the person's own name
            continue
        if tok in LEGAL_FORMS or tok in STOPWORDS or tok in PARTICLES or _is_legal_form(tok):
            continue
        if tok in ABU_FORMS:
            out.append("abu")
            continue
        if out and out[-1] == "abdul" and tok in ALLAH_FORMS:
            out[-1] = "abdullah"
            continue
        out.extend(_split_abd(tok))
    if not out:
        return tuple(tokens), 0
    return tuple(out), father if father < len(out) else 0


def _drop_honorifics(tokens: list[str]) -> list[str]:
    """Remove titles when at least two other tokens remain ("General Electric" stays)."""
    kept = [t for t in tokens if not is_honorific(t)]
    return kept if len(kept) >= 2 else tokens


def _drop_split_legal_forms(tokens: list[str]) -> list[str]:
    """Remove a legal form split in two ("Corp Oration", "Comp-any")."""
    out: list[str] = []
    skip = False
    for left, right in zip(tokens, [*tokens[1:], ""]):
        if skip:
            skip = False
            continue
        if (
            right
            and min(len(left), len(right)) >= 2  # "A. G. Baradar": initials, not AG
            and not (right in LEGAL_FORMS or _is_legal_form(right))  # "KOTI Corporation"
            and (left + right in LEGAL_FORMS or _is_legal_form(left + right))
        ):
            skip = True
            continue
        out.append(left)
    return out


def is_honorific(tok: str) -> bool:
    """A title such as ``mr``, ``sheikh`` or ``mullah``, or a misspelling of a long one."""
    if tok in HONORIFICS:
        return True
    # "minier" is a word of a name (mining), not "minister" misspelt
    return len(tok) >= 5 and tok not in TRANSLATIONS and _near(tok, LONG_HONORIFICS)


def _is_legal_form(tok: str) -> bool:
    if tok in VOWELLESS_LEGAL_FORMS:
        return True
    if tok in TRANSLATIONS:
        return False  # "minier" is a word of a name, not "limited" misspelt
    return len(tok) >= 5 and _near(tok, LONG_LEGAL_FORMS)


def _near(tok: str, words: list[str]) -> bool:
    """A misspelling (one or two edits) of one of the long words given."""
    return process.extractOne(tok, words, scorer=Indel.normalized_similarity,
                              score_cutoff=0.8) is not None  # fmt: skip


_HAS_VOWEL = re.compile(r"[aeiouy]")


def _split_abd(tok: str) -> list[str]:
    """``abdulrahman`` -> ``abdul rahman``; ``abd``/``abdel`` -> ``abdul``; ``abdallah`` ->
    ``abdullah``. One spelling of the prefix, long enough for typos in it to stay close."""
    if tok in ABDULLAH_FORMS or tok in ("abdllh", "bdllh"):
        return ["abdullah"]
    if tok in ("abd", "abdl", "abdr", "bdl", "bdr"):
        return ["abdul"]
    if tok[:3] in ("bdl", "bdr") and len(tok) >= 6 and not _HAS_VOWEL.search(tok):
        return ["abdul", tok[3:]]  # "BDLKDR": Abdelkader with every vowel dropped
    for form in ABD_FORMS:
        if tok.startswith(form):
            rest = tok[len(form) :]
            if not rest:
                return ["abdul"]
            if len(rest) >= 3:
                return ["abdul", rest]
    return [tok]
