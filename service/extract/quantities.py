"""Quantities ("10,000 tonnes", "600 000 barils", "des millions de", "5 млн тонн"), money and
dates ("14 January 2018", "le 2 juillet 2019", "14 NOV 2022", "en mars 2024", "03/02/2019"),
read with regular expressions on the original text so each keeps its character span.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from service.extract.text import fold_word, words

# A number as written: thousands grouped by a space, a comma or a dot followed by exactly three
# digits ("6,700", "600 000", "40.000"), then an optional decimal part ("1,2", "1.5").
_NUMBER = (
    r"(?<![\w.,])(?:\d{1,3}(?:(?:[ \u00a0\u202f]|,|\.)\d{3}(?![\d]))+|\d+)(?:[.,]\d{1,2}(?!\d))?"
)
_SCALES = {
    "thousand": 1e3, "thousands": 1e3, "mille": 1e3, "mil": 1e3, "тыс": 1e3, "тысяч": 1e3,
    "тысячи": 1e3, "тысяча": 1e3, "million": 1e6, "millions": 1e6, "millon": 1e6,
    "millones": 1e6, "mln": 1e6, "млн": 1e6, "миллион": 1e6,
    "миллиона": 1e6, "миллионов": 1e6, "billion": 1e9, "billions": 1e9, "milliard": 1e9,
    "milliards": 1e9, "млрд": 1e9, "bn": 1e9,
}  # fmt: skip
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "twenty": 20, "hundred": 100, "a": 1, "an": 1,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "dix": 10, "cent": 100,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "diez": 10, "d": 1,
}  # fmt: skip
# unit spelling (folded) -> the unit the screening reads (service.engine.units)
UNITS = {
    "t": "t", "mt": "t", "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t", "tn": "t",
    "metric": "t", "toneladas": "t", "tonelada": "t", "тонн": "t", "тонны": "t", "тонна": "t",
    "т": "t", "kg": "kg", "kgs": "kg", "kilos": "kg", "kilogrammes": "kg", "кг": "kg",
    "bbl": "bbl", "bbls": "bbl", "barrels": "bbl", "barrel": "bbl", "barils": "bbl",
    "baril": "bbl", "barriles": "bbl", "barril": "bbl", "баррелей": "bbl", "барреля": "bbl",
    "m3": "m3", "m³": "m3", "cbm": "m3", "litres": "l", "liters": "l", "l": "l",
    "pcs": "pieces", "pc": "pieces", "pieces": "pieces", "piece": "pieces", "units": "pieces",
    "unit": "pieces", "unites": "pieces", "unidades": "pieces", "шт": "pieces", "штук": "pieces",
    "rds": "pieces", "rounds": "pieces", "sets": "pieces", "set": "pieces", "nos": "pieces",
    "pairs": "pieces", "paires": "pieces", "pares": "pieces", "пар": "pieces",
}  # fmt: skip
# Packages: a quantity counted in them says nothing the rules can weigh.
PACKAGES = words(
    """bags bag sacks sacs sac sacos cases case caisses caisse crates crate cartons carton ctns
    ctn boxes box containers container cntr cntrs conteneurs palettes pallets pallet cajas
    ящиков ящика контейнеров cargoes cargaisons lots batches x40hc x20 hc teu bottles
    bouteilles botellas boîtes boites drums fûts futs bidons"""
)
_VAGUE = re.compile(
    r"(?i)\b(?:des |de |several |many |hundreds of |thousands of |dozens of |millions of |"
    r"des centaines de |des milliers de |des millions de |plusieurs |de nombreux |de nombreuses |"
    r"miles de |millones de |cientos de |сотни |тысячи |миллионы )"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    text: str
    amount: float | None  # None when vague ("millions of")
    unit: str | None  # t, kg, bbl, m3, l, pieces; None for packages or no unit


_NUMBER_RX = re.compile(_NUMBER)
_VAGUE_RX = re.compile(
    r"(?i)(?<!\w)(millions|millones|миллионы|thousands|milliers|miles|hundreds|centaines|"
    r"dozens|douzaines|des millions|de millions)(?!\w)"
)
_NEXT_WORD = re.compile(
    r"[ \u00a0\u202f]*(?:-|d['’]|de |of )?[ ]*((?i:m3|m³)(?!\w)|[^\W\d_]+)", re.UNICODE
)
_WORD_SCALE_RX = re.compile(
    r"(?i)(?<!\w)(one|a|an|two|three|five|ten|un|une|deux|trois|cinq|dix|uno|dos|tres|un|"
    r"plus d['’]un|more than one)\s+(million|millions|milliard|billion|thousand|millón|mil)(?!\w)"
)
_NOT_A_QUANTITY = re.compile(r"(?i)\s*(?:mm|мм|x|х|-\d|/|%|°|hp|cv)")


def parse_number(text: str) -> float | None:
    """'6,700' -> 6700, '600 000' -> 600000, '1,2' -> 1.2, '40.000' -> 40000."""
    raw = text.replace("\u00a0", " ").replace("\u202f", " ")
    m = re.fullmatch(r"(\d{1,3}(?:[ ,.]\d{3})+|\d+)(?:[.,](\d{1,2}))?", raw)
    if not m:
        return None
    whole = re.sub(r"[ ,.]", "", m.group(1))
    value = float(whole)
    if m.group(2):
        value += float("0." + m.group(2))
    return value


def quantities(text: str) -> list[Quantity]:
    """Numbers with their scale and unit, and vague amounts ("millions of")."""
    out: list[Quantity] = []
    matches: list[tuple[int, int, float]] = []
    for m in _NUMBER_RX.finditer(text):
        value = parse_number(m.group())
        before = text[max(0, m.start() - 4) : m.start()].casefold()
        if value is None or value == 0 or _NOT_A_QUANTITY.match(text, m.end()) or "n°" in before:
            continue
        if before.endswith(("-", "no ", "no.", "#", "nr ")):
            continue
        matches.append((m.start(), m.end(), value))
    for m in _WORD_SCALE_RX.finditer(text):
        first = fold_word(m.group(1).split()[-1])
        matches.append((m.start(), m.start() + len(m.group(1)), float(_WORD_NUMBERS.get(first, 1))))
    for start, number_end, value in sorted(matches):
        end = number_end
        unit = None
        words: list[str] = []
        pos = end
        for _ in range(3):
            w = _NEXT_WORD.match(text, pos)
            if not w:
                break
            words.append(fold_word(w.group(1)))
            pos = w.end()
        if words and words[0] in _SCALES:
            value *= _SCALES[words[0]]
            end = _NEXT_WORD.match(text, end).end()  # type: ignore[union-attr]
            words = words[1:]
        elif re.fullmatch(r"(?:19|20)\d{2}", text[start:number_end]) and not (
            words and words[0] in UNITS
        ):
            continue  # a year
        if words and words[0] in UNITS:
            unit = UNITS[words[0]]
            w = _NEXT_WORD.match(text, end)
            end = w.end() if w else end
            if words[0] == "metric" and len(words) > 1 and words[1] in ("tons", "tonnes"):
                end = _NEXT_WORD.match(text, end).end()  # type: ignore[union-attr]
        elif words and words[0] in PACKAGES:
            w = _NEXT_WORD.match(text, end)
            end = w.end() if w else end
        out.append(Quantity(start, end, text[start:end], value, unit))
    for m in _VAGUE_RX.finditer(text):
        if not any(q.start <= m.start() < q.end for q in out):
            out.append(Quantity(m.start(), m.end(), m.group(), None, None))
    return sorted(out, key=lambda q: q.start)


# --- money ------------------------------------------------------------------------------------

_MONEY_RX = re.compile(
    r"(?i)(?:(?P<cur1>USD|US\$|\$|EUR|€|GBP|£)\s?(?P<n1>" + _NUMBER + r")(?:\s?(?P<s1>million|"
    r"millions|m|bn|billion))?)|(?:(?P<n2>" + _NUMBER + r")(?:\s?(?P<s2>million|millions|m|"
    r"millions de|bn|billion))?\s?(?P<cur2>USD|dollars|EUR|euros|€|\$))"
)
_CURRENCY = {"usd": "USD", "us$": "USD", "$": "USD", "dollars": "USD", "eur": "EUR",
             "euros": "EUR", "€": "EUR", "gbp": "GBP", "£": "GBP"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Money:
    start: int
    end: int
    text: str
    amount: float
    currency: str


def money(text: str) -> list[Money]:
    out = []
    for m in _MONEY_RX.finditer(text):
        number = m.group("n1") or m.group("n2")
        value = parse_number(number) if number else None
        if value is None:
            continue
        scale = (m.group("s1") or m.group("s2") or "").casefold()
        if scale:
            value *= 1e9 if scale in ("bn", "billion") else 1e6
        cur = (m.group("cur1") or m.group("cur2") or "").casefold()
        out.append(Money(m.start(), m.end(), m.group(), value, _CURRENCY.get(cur, "USD")))
    return out


# --- dates ------------------------------------------------------------------------------------

_MONTHS = {
    **{m.casefold(): i for i, m in enumerate(calendar.month_name) if m},
    **{m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m},
    "sept": 9, "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "janv": 1, "fevr": 2, "avr": 4, "juil": 7, "oct": 10, "nov": 11, "dec": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
    "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январе": 1, "феврале": 2, "марте": 3, "апреле": 4, "мае": 5, "июне": 6, "июле": 7,
    "августе": 8, "сентябре": 9, "октябре": 10, "ноябре": 11, "декабре": 12,
}  # fmt: skip
_MONTH = r"([^\W\d_]{3,10})\.?"
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(\d{1,2})(?:er|st|nd|rd|th)?\s+(?:de\s+)?"
    + _MONTH
    + r"\s+(?:de\s+)?((?:19|20)\d{2})(?!\d)"
)
_MONTH_DAY_YEAR = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?!\d)")
_MONTH_YEAR = re.compile(r"(?<![\w])" + _MONTH + r"\s+(?:de\s+|of\s+)?((?:19|20)\d{2})(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})(?![\d])")
_ANY_DATE = re.compile(r"(?:19|20)\d{2}")
_WORDS = re.compile(r"[^\W\d_]{3,10}")
_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")


@dataclass(frozen=True, slots=True)
class Date:
    start: int
    end: int
    text: str
    value: str  # YYYY-MM-DD, or YYYY-MM when only a month is stated

    def as_date(self) -> dt.date:
        """The day to screen on: the stated day, or the 15th for a month alone."""
        if len(self.value) == 7:
            return dt.date.fromisoformat(self.value + "-15")
        return dt.date.fromisoformat(self.value)


def _month(word: str) -> int | None:
    return _MONTHS.get(fold_word(word).rstrip("."))


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _windows(text: str) -> list[tuple[int, int]]:
    """The stretches of text a date can be in: every date written ends with its year (or has
    it first, ISO), so only the words before a year and the characters after it are searched
    (the date patterns tried at every character of a long text were most of its reading)."""
    out: list[tuple[int, int]] = []
    for m in _ANY_DATE.finditer(text):
        start = max(0, m.start() - _BEFORE_YEAR)
        while start > 0 and not text[start - 1].isspace():
            start -= 1  # from the start of a word
        end = min(len(text), m.end() + 7)  # "-MM-DD" and the character after
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


_BEFORE_YEAR = 40  # "1er septembre de " is 17: a day, a month and "de"s, with room


def dates(text: str, day_first: bool = True) -> list[Date]:
    """Dates stated in the text, full ones first; a month with a year gives YYYY-MM."""
    found: list[Date] = []

    def add(start: int, end: int, value: str) -> None:
        if not any(d.start < end and start < d.end for d in found):
            found.append(Date(start, end, text[start:end], value))

    windows = _windows(text)
    if not windows:
        return []

    def each(rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        for start, end in windows:
            yield from rx.finditer(text, start, end)

    months = any(
        fold_word(w).rstrip(".") in _MONTHS for s, e in windows for w in _WORDS.findall(text, s, e)
    )
    for m in each(_ISO):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if _valid(y, mo, d):
            add(m.start(), m.end(), f"{y:04d}-{mo:02d}-{d:02d}")
    for m in each(_DAY_MONTH_YEAR) if months else ():
        named = _month(m.group(2))
        y, d = int(m.group(3)), int(m.group(1))
        if named and _valid(y, named, d):
            add(m.start(), m.end(), f"{y:04d}-{named:02d}-{d:02d}")
    for m in each(_MONTH_DAY_YEAR) if months else ():
        month = _month(m.group(1))
        y, d = int(m.group(3)), int(m.group(2))
        if month and _valid(y, month, d):
            add(m.start(), m.end(), f"{y:04d}-{month:02d}-{d:02d}")
    for m in each(_NUMERIC):
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        d, n = (a, b) if day_first or b > 12 else (b, a)
        if _valid(y, n, d):
            add(m.start(), m.end(), f"{y:04d}-{n:02d}-{d:02d}")
    for m in each(_MONTH_YEAR) if months else ():
        month = _month(m.group(1))
        if month:
            add(m.start(), m.end(), f"{int(m.group(2)):04d}-{month:02d}")
    return sorted(found, key=lambda d: d.start)
