"""Text normalisation shared by the taxonomy's terms and the descriptions they are matched in.

Both sides go through the same function, so a term written "obus" or "Obüs" meets "OBUS" and
"obüs" alike. Cartridge designations and calibres are recognised here, before tokenising.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CALIBRE = "<calibre>"
_CALIBRE_RX = re.compile(
    r"(?<![\w.])(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:mm(?![a-z])|мм(?![а-я])|毫米|ملم|밀리미터)"
)
_TIMES_RX = re.compile(r"(?<=\d)\s*[хx]\s*(?=\d)")  # Latin or Cyrillic x between numbers
# Military and sporting cartridge designations such as 7.62x39, 5.56x45, 9x19, 12.7x108.
_CARTRIDGE_RX = re.compile(
    r"(?<![\w.])(4\.6|5\.45|5\.56|5\.7|6\.5|7\.62|7\.65|7\.92|8|9|10|11\.43|12\.7|14\.5|23|30)"
    r"\s*x\s*(\d{2,3})(?:\s*mm|r)?\b"
)
_TOKEN_RX = re.compile(r"<calibre>|[^\W_]+(?:\*)?", re.UNICODE)
_ARABIC_FOLD = str.maketrans("ةى", "هي")
_SPACELESS = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def normalize(text: str) -> str:
    """NFKC, casefold, Latin diacritics removed, '×' as 'x' (Hangul and CJK kept intact);
    Arabic without its marks (hamza and madda included: أ إ آ → ا), ة as ه and ى as ي, the
    spellings documents mix (ذخيرة, ذخيره)."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("×", "x")
    if text.isascii():
        return text
    text = _TIMES_RX.sub("x", text)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).translate(_ARABIC_FOLD)


def cartridges(text: str) -> list[str]:
    """Cartridge designations in normalised text, e.g. ``['7.62x39']``."""
    return [f"{m.group(1)}x{m.group(2)}" for m in _CARTRIDGE_RX.finditer(text.replace(",", "."))]


def calibres(text: str) -> list[float]:
    """Calibres in millimetres mentioned in normalised text."""
    return [float(m.group(1).replace(",", ".")) for m in _CALIBRE_RX.finditer(text)]


def tokens(text: str) -> list[str]:
    """Word tokens of normalised text; a calibre ("152 mm") becomes the token ``<calibre>``."""
    if "m" in text or not text.isascii():  # only then can there be a calibre ("152 mm")
        text = _CALIBRE_RX.sub(" <calibre> ", text)
    return _TOKEN_RX.findall(text)


def has_spaceless_script(text: str) -> bool:
    """True when the text holds Chinese, Japanese or Korean, matched by substring."""
    return _SPACELESS.search(text) is not None


# Arabic writes the article and some conjunctions and prepositions onto the word:
# والذخيرة = و + ال + ذخيرة ("and the ammunition"); the longest prefixes first
_AR_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و")
_ARABIC = re.compile(r"^[\u0621-\u064a]+$")


@lru_cache(maxsize=65_536)  # words recur across descriptions: compute each word's forms once
def variants(token: str) -> tuple[str, ...]:
    """The token and its forms without a plural ending (s, es, x), for singular-only terms;
    an Arabic word also without its article or conjunction and without the feminine plural
    ending ات (شاحنات → شاحنه, ة being read as ه), so a term matches in either form."""
    if token[0] >= "\u0621" and _ARABIC.match(token):
        return _arabic(token)
    if len(token) > 3 and token[-1] in "sx" and token.isalpha():
        if len(token) > 4 and token.endswith("es"):
            return (token, token[:-1], token[:-2])
        return (token, token[:-1])
    return (token,)


def arabic_bare(token: str) -> str:
    """An Arabic word without its article or conjunction (الذخيرة → ذخيرة); other words as they are.
    Terms are matched in this form, and every Arabic word of a description offers it."""
    if not token or token[0] < "\u0621" or not _ARABIC.match(token):
        return token
    for prefix in _AR_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= (4 if prefix == "و" else 3):
            return token[len(prefix) :]
    return token


def _arabic(token: str) -> tuple[str, ...]:
    forms = [token, arabic_bare(token)]
    for form in list(forms):
        if form.endswith("ات") and len(form) > 4:
            forms.append(form[:-2] + "ه")
    return tuple(dict.fromkeys(forms))
