"""First pass over a text: which runs of words are places, cues, labels, actors, quantities and
dates. Later passes (frames) read roles from the marks this one leaves.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from service.extract import labels as lb
from service.extract import lexicon as lx
from service.extract.gazetteer import Gazetteer, Place
from service.extract.labels import ACTORS, ACTORS_UPPER_ONLY, label_entries
from service.extract.phrases import PhraseIndex
from service.extract.quantities import Date, Money, Quantity, dates, money, quantities
from service.extract.text import Token, mostly_upper, tokenize, words

PLACE = "PLACE"
CUE = "CUE"
LABEL = "LABEL"
ACTOR = "ACTOR"
PARTY_NOUN = "PARTY_NOUN"
HS = "HS"

_HS_RX = re.compile(r"(?i)\b(?:HS|H\.S\.|SH)(?:\s*code)?\s*:?\s*(\d{4}(?:[. ]?\d{2}){0,3})\b")
_ABBREVIATIONS = words("mr mrs dr st no co ltd inc corp jr sr vs etc approx u s e g i тыс млн млрд")
# longer ones that end no sentence before a number or a lower-case word ("approx. 3,200 t")
_LONG_ABBREVIATIONS = words("approx aprox env incl excl")
_ABBREVIATIONS |= _LONG_ABBREVIATIONS
_TITLES = words("mr mrs ms dr messrs mme mlle sr sra capt gen col lt")
_NAME_OPENERS = words("ets ste sté cie")
_FIRM_ABBREVIATIONS = words("gen trdg intl corp co ltd inc mfg ind eng imp exp jsc llc bros dept")
# Words that may stand between a marker and the place it governs ("to the port of Nampo").
FILLERS = words(
    """the a an its their our his her this that these la le les l un une des du de d el los
    las lo al del su sus notre nos leur leurs ce cette ces son sa ses port ports city town
    harbour harbor terminal station province region state plant factory warehouse refinery
    airport base of de du coast cote puerto ciudad usine entrepot raffinerie aeroport gare
    new some порт порту порта порты город городе southern northern eastern western central
    south-eastern south-western north-eastern north-western hospital hopital hospitals
    hopitaux clinic clinique clinica school ecole escuela university universite universidad
    больница больницу госпиталь"""
)


# Words of company names ("Sunrise Trading", "Golden Star Shipping Co").
ORG_WORDS = words(
    """trading corp corporation co company ltd llc jsc gmbh sarl sa sas ag inc plc fze fzco ooo pjs
    oao zao pjsc jv group industries industry enterprise enterprises air airlines airways
    fisheries energy shipping petroleum oil electric electronics steel machinery marine
    logistics foods food export exports import imports agro trade holding holdings international
    services systems technologies tech general bank commerce development mining brokers yacht
    yachts logistika translogistik terminal fils cooperative cooperativa cooperativa union coop
    defence defense ministry programme program army forces"""
)


@dataclass(slots=True)
class Mark:
    kind: str
    i: int  # first token
    j: int  # one past the last token
    value: str  # cue kind, label kind, country codes, party role…
    place: Place | None = None
    alias: str = ""
    quoted: bool = False
    slot: bool = False


@dataclass
class Reading:
    text: str
    tokens: list[Token]
    upper: bool
    marks: list[Mark] = field(default_factory=list)
    at: list[Mark | None] = field(default_factory=list)  # the mark covering each token
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[Date] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    hs: list[tuple[int, int, str]] = field(default_factory=list)  # char span, digits
    sentence_of: list[int] = field(default_factory=list)  # token -> sentence number
    sentences: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    lines: list[int] = field(default_factory=list)  # token -> line number
    ends: list[int] = field(default_factory=list)  # end offset of each token (for bisect)
    cue_matches: list[tuple[int, str, bool] | None] = field(default_factory=list)
    language: str | None = None

    def words(self, i: int, j: int) -> str:
        if i >= j:
            return ""
        return self.text[self.tokens[i].start : self.tokens[j - 1].end]

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.tokens[i].start, self.tokens[j - 1].end

    def gap_before(self, i: int) -> str:
        start = self.tokens[i - 1].end if i > 0 else 0
        return self.text[start : self.tokens[i].start]

    def gap_after(self, i: int) -> str:
        end = self.tokens[i + 1].start if i + 1 < len(self.tokens) else len(self.text)
        return self.text[self.tokens[i].end : end]

    def cue(self, i: int) -> str | None:
        m = self.at[i] if 0 <= i < len(self.at) else None
        return m.value if m is not None and m.kind == CUE else None


@cache
def cue_index() -> PhraseIndex:
    return PhraseIndex(lx.cue_entries())


@cache
def label_index() -> PhraseIndex:
    return PhraseIndex(label_entries())


@cache
def party_index() -> PhraseIndex:
    return PhraseIndex(lx.party_entries())


@cache
def actor_index() -> PhraseIndex:
    return PhraseIndex([(name, name) for name in ACTORS])


# Short words that are markers in one language and something else in another ("a" is "à" in
# French and Spanish, an article in English).
FOREIGN_MARKERS = {
    "en": words("a au aux al de d du del des en par por pour para dans sur chez"),
}


def annotate(text: str, gaz: Gazetteer, language: str | None = None) -> Reading:
    tokens = tokenize(text)
    reading = Reading(text, tokens, mostly_upper(text))
    reading.language = language
    reading.at = [None] * len(tokens)
    reading.ends = [t.end for t in tokens]
    _sentences(reading)
    words = [t.norm for t in tokens]
    index = cue_index()
    reading.cue_matches = index.match_all(words)
    foreign = FOREIGN_MARKERS.get(language or "", frozenset())
    if foreign:
        for k, found in enumerate(reading.cue_matches):
            if found is not None and found[0] == k + 1 and words[k] in foreign:
                reading.cue_matches[k] = None
    _labels(reading, words)
    _actors(reading, words)
    _places(reading, words, gaz)
    _cues(reading, words)
    _numbers(reading)
    return reading


def _put(reading: Reading, mark: Mark) -> None:
    reading.marks.append(mark)
    for k in range(mark.i, mark.j):
        reading.at[k] = mark


def _free(reading: Reading, i: int, j: int) -> bool:
    return all(reading.at[k] is None for k in range(i, j))


_BREAK = re.compile(r"[.!?](?!\w)|[;\n]")


def _sentences(reading: Reading) -> None:
    """Sentence numbers: a break at . ! ? (not after an abbreviation or inside a number), at a
    semicolon and at a line break."""
    tokens, text = reading.tokens, reading.text
    starts = [t.start for t in tokens]
    breaks: set[int] = set()  # tokens that start a sentence
    newlines: list[int] = []
    for m in _BREAK.finditer(text):
        k = bisect.bisect_left(starts, m.end())
        if k == 0 or k >= len(tokens):
            continue
        prev, tok = tokens[k - 1], tokens[k]
        if m.group() == "\n":
            newlines.append(k)
            breaks.add(k)
            continue
        if m.group() == "." and text[m.end() : m.end() + 1] == ",":
            continue  # "Kwangbok Trading Co., Pyongyang": a comma goes on with the sentence
        if m.group() == "." and prev.norm in _NAME_OPENERS and tok.text[:1].isupper():
            continue  # "Ets. Kabila Agro", "Sté. Générale": a firm's name goes on
        if (
            m.group() == "."
            and prev.norm in _FIRM_ABBREVIATIONS
            and text[m.end() :].lstrip(" ")[:1] == "("
        ):
            continue  # "Pars Food Distribution Co. (Téhéran)": the firm's town follows
        if m.group() == "." and prev.norm in _FIRM_ABBREVIATIONS and tok.norm in ORG_WORDS:
            continue  # "Fertilizer & Seed Co. PJS", "Co. Ltd": the legal form goes on
        if m.group() == "." and reading.upper and prev.norm in _FIRM_ABBREVIATIONS:
            continue  # "KOREA RUNGRADO GEN. TRDG CORP": a name in capitals goes on
        if m.group() == "." and prev.norm in _TITLES and tok.text[:1].isupper():
            continue  # "Mr. Abdulrahman Al-Qahtani": a title before a name
        if m.group() in ".!?" and (
            prev.norm in _ABBREVIATIONS
            and (len(prev.text) <= 3 or prev.norm in _LONG_ABBREVIATIONS)
            and not tok.text[:1].isupper()
            or prev.text.isdigit()
            and tok.text.isdigit()
            and tok.start == m.end()
            or len(prev.text) == 1
            and prev.text.isupper()
        ):
            continue
        breaks.add(k)
    number = line = 0
    start = 0
    reading.sentence_of = []
    reading.lines = []
    newline_set = set(newlines)
    for k in range(len(tokens)):
        if k in breaks and k > start:
            reading.sentences.append((start, k))
            start = k
            number += 1
        if k in newline_set:
            line += 1
        reading.sentence_of.append(number)
        reading.lines.append(line)
    if tokens:
        reading.sentences.append((start, len(tokens)))


_FOLLOWS = re.compile(r"[.;,—–|]\s*$")  # after a field separator
# a B/L's "2 x 40' HC said to contain: …": the goods label after the containers counted
_GOODS_ANYWHERE = frozenset({"said to contain", "stc", "dit contenir", "declared as containing"})


def _labels(reading: Reading, words: list[str]) -> None:
    """Field labels followed by a colon: "PORT OF LOADING:", "Destinataire :". In a document
    whose fields lost their colons (pasted from a PDF: "Shipper UNICEF Supply Division
    Port of loading Dalian", "vendeur Agrimex SAS (Sète), acheteur Pars Food Co."), a label
    word opening a field before a name or a number counts too, once two such fields are seen."""
    index = label_index()
    starts = index.starts(words)
    bare: list[Mark] = []
    k = 0
    while k < len(words):
        found = index.match(words, k) if starts[k] else None
        if found is not None:
            end, kind, _ = found
            gap = reading.gap_after(end - 1)
            before = reading.gap_before(k) if k else ""
            at_start = k == 0 or "\n" in before or "/" in before or "|" in before
            at_start = at_start or reading.sentence_of[k] != reading.sentence_of[k - 1]
            follows = _FOLLOWS.search(before) is not None if k else True
            anywhere = kind == lb.GOODS and " ".join(words[k:end]) in _GOODS_ANYWHERE
            if ":" in gap.split("\n")[0] and (at_start or follows or reading.upper or anywhere):
                _put(reading, Mark(LABEL, k, end, kind))
                k = end
                continue
            # a field opens the text, a line or a run of spaces; after a comma only a party or
            # a place field, before a name or a number ("…, acheteur Pars Food Co.")
            field_gap = k == 0 or "  " in before or "\n" in before
            # after a comma, or the document's own colon ("КОНОСАМЕНТ № 1: отправитель")
            opens = at_start or follows or before.rstrip().endswith(":")
            named = end < len(words) and (
                reading.tokens[end].capitalised or words[end][:1].isdigit()
            )
            if (
                kind != lb.OTHER
                and end < len(words)
                and not gap.strip()
                and (field_gap or kind != lb.GOODS and opens and named)
                and _free(reading, k, end)
            ):
                bare.append(Mark(LABEL, k, end, kind))
                k = end
                continue
        k += 1
    if len({m.value for m in bare}) >= 2:
        for m in bare:
            _put(reading, m)


def _actors(reading: Reading, words: list[str]) -> None:
    index = actor_index()
    for k, start in enumerate(index.starts(words)):
        if not start or reading.at[k] is not None:
            continue
        found = index.match(words, k)
        if found is None:
            continue
        end, name, _ = found
        if name in ACTORS_UPPER_ONLY and not reading.tokens[k].upper:
            continue
        if _free(reading, k, end):
            _put(reading, Mark(ACTOR, k, end, name))


def _places(reading: Reading, words: list[str], gaz: Gazetteer) -> None:
    tokens = reading.tokens
    k = 0
    notify = _notify_tokens(reading)
    quotes = [m.span() for m in _QUOTED.finditer(reading.text)]
    while k < len(words):
        if reading.at[k] is not None or k in notify:
            k += 1
            continue
        found = gaz.longest(words, k)
        if found is None and _the_north(reading, words, k):
            found = (k + 1, "north korea", gaz.entries["north korea"])
        if (
            (found is None or found[0] == k + 1)
            and k + 1 < len(words)
            and (reading.upper or _capitalised_next(reading, words, k))
            and gaz.starts_longer(words[k])
            and _fuzzy_candidate(reading, k)
        ):
            longer = gaz.fuzzy_rest(words, k)  # "North Corea": not the port of North, US
            if longer is not None and _free(reading, k, longer[0]):
                found = longer
        if found is not None and not _free(reading, k, found[0]):
            found = None
        if found is not None and not _accept(reading, words, k, found[0], found[2]):
            found = None
        if (
            found is None
            and _fuzzy_candidate(reading, k)
            and (
                _slot(reading, words, k) or k + 1 < len(words) and words[k + 1] in gaz.second_words
            )
        ):
            found = gaz.fuzzy(words, k, longer_only=not _slot(reading, words, k))
            if found is None and words[k].endswith("s") and len(words[k]) > 5:
                found = gaz.longest([words[k][:-1]], 0)  # "Pyongyangs"
                if found is not None:
                    found = (k + 1, found[1], found[2])
            if found is not None and (found[2].upper or not _free(reading, k, found[0])):
                found = None
            if (
                found is not None
                and found[2].kind in ("city", "port", "region")
                and found[0] < len(words)
                and reading.tokens[found[0]].capitalised
                and not reading.upper
            ):
                found = None  # "Jalifa Haftar": a misspelt town is not read into a name
        if found is None:
            k += 1
            continue
        end, alias, place = found
        if _at_sea(words, k, end, alias):
            k = end
            continue
        quoted = (
            k > 0 and _opens_quote(reading.gap_before(k)) or _inside_quotes(quotes, tokens[k].start)
        )
        _put(reading, Mark(PLACE, k, end, "|".join(place.codes), place, alias, quoted))
        k = end
    _ = tokens


def _the_north(reading: Reading, words: list[str], k: int) -> bool:
    """ "Seoul says the North has sent shells": in a text about Korea, "the North" alone is
    the DPRK (not "the North Sea", not "the North of England")."""
    return (
        words[k] == "north"
        and k > 0
        and words[k - 1] == "the"
        and reading.tokens[k].text == "North"
        and (k + 1 == len(words) or not reading.tokens[k + 1].capitalised)
        and (k + 1 == len(words) or words[k + 1] != "of")
        and not _KOREA.isdisjoint(words)
    )


_KOREA = frozenset({"korea", "korean", "koreans", "seoul", "pyongyang", "dprk", "kim"})


def _at_sea(words: list[str], k: int, end: int, alias: str) -> bool:
    """The name of a sea, not of a country: "the Sea of Japan", "la mer de Chine orientale",
    "the South China Sea", "the Red Sea", "в Японском море"."""
    if k >= 2 and (words[k - 2], words[k - 1]) in _SEA_BEFORE:
        return True
    return alias.rsplit(" ", 1)[-1] in _SEA_AFTER or end < len(words) and words[end] in _SEA_AFTER


_SEA_BEFORE = frozenset(
    {("sea", "of"), ("mer", "du"), ("mer", "de"), ("mar", "de"), ("mar", "del"), ("mar", "do")}
)
_SEA_AFTER = frozenset({"sea", "seas", "море", "моря", "морю", "морем", "морях"})


def _after_title(reading: Reading, words: list[str], i: int) -> bool:
    """Is token ``i`` inside a person's name that a title opens ("Mr. Ali Basra")?"""
    k = i
    while k > 0 and reading.tokens[k - 1].capitalised and words[k - 1] not in _TITLES:
        k -= 1
        if i - k > 3:
            return False
    return k > 0 and words[k - 1] in _TITLES


def _capitalised_next(reading: Reading, words: list[str], k: int) -> bool:
    """The next word is capitalised, or a linking word before one ("Corée du Nrod")."""
    tokens = reading.tokens
    if tokens[k + 1].capitalised:
        return True
    return k + 2 < len(words) and words[k + 1] in _LINKS and tokens[k + 2].capitalised


_LINKS = frozenset({"du", "de", "del", "of", "do", "da", "des"})
_LAND_MODELS = frozenset({"cruiser", "cruisers", "rover", "rovers"})


# a short quoted phrase: « made in China », "Made in China", 'Made in China'
_QUOTED = re.compile(
    r"«[^»]{1,60}»|“[^”]{1,60}”|\"[^\"]{1,60}\"|‘[^’]{1,60}’|(?<!\w)'[^']{1,60}'(?!\w)"
)


def _inside_quotes(quotes: list[tuple[int, int]], char: int) -> bool:
    return any(a < char < b for a, b in quotes)


def _opens_quote(gap: str) -> bool:
    """The gap before a word ends with an opening quote: "the 'Iranian' rugs", « Iran »; not
    the apostrophe of an elision ("L'Irak", "d'Iran")."""
    mark = gap.rstrip()[-1:]
    if not mark or mark not in "'\"‘’“«":
        return False
    return mark in '"“«' or len(gap.rstrip()) > 1 and gap.rstrip()[-2].isspace()


_PLACE_WORDS = words(
    """port harbour harbor city bay island islands province region terminal airport anchorage
    roads district county state oblast krai governorate"""
)
_WEAK_MARKERS = frozenset({lx.DE, lx.AT, lx.FOR, lx.BY})
_PLACE_VERBS = frozenset({lx.LOAD, lx.UNLOAD})  # "leaving Busan", "départ Le Havre"


def _notify_tokens(reading: Reading) -> set[int]:
    """Tokens of a NOTIFY field: whoever is notified is no party and no place of the trade."""
    out: set[int] = set()
    for m in reading.marks:
        if m.kind == LABEL and m.value == lb.NOTIFY:
            k = m.j
            while k < len(reading.tokens) and reading.lines[k] == reading.lines[m.i]:
                if reading.at[k] is not None and reading.at[k].kind == LABEL:  # type: ignore[union-attr]
                    break
                out.add(k)
                k += 1
    return out


def _slot(reading: Reading, words: list[str], i: int) -> bool:
    """A place slot: after a role marker, a field label or an address comma. In a text in
    capitals, "de", "at", "for" are not enough: "SACS DE CHARBON" is no place."""
    if i == 0:
        return False
    prev = reading.at[i - 1]
    if prev is not None and prev.kind == LABEL:
        return prev.value not in (lb.NOTIFY, lb.GOODS, lb.OTHER)
    gap = reading.gap_before(i)
    if "," in gap or "(" in gap or "/" in gap or "|" in gap:
        return True
    markers = (lx.MARKERS - _WEAK_MARKERS if reading.upper else lx.MARKERS) | _PLACE_VERBS
    for back in (1, 2):
        if i >= back:
            found = reading.cue_matches[i - back]
            if found is not None and found[0] == i and found[1] in markers:
                return True
    return False


def _accept(reading: Reading, words: list[str], i: int, j: int, place: Place) -> bool:
    first = reading.tokens[i]
    if _after_title(reading, words, i):
        return False  # "Sr. Kim Yong Nam", "Mr. Ali Basra": a person's name
    if (
        place.kind == "country"
        and j == i + 1
        and len(first.text) == 3
        and first.text.isascii()
        and not first.upper
    ):
        return False  # "Nam" (NAM, Namibia), "Usa": three-letter codes are written in capitals
    if (
        j < len(words)
        and reading.gap_before(j) == "-"
        and reading.tokens[j].text[:1].isdigit()
        and (place.kind not in ("country", "demonym") or place.upper)
    ):
        return False  # "Quds-1", "Hwasong-18", "CH-4": a weapon's designation, not the place
    alias_len = sum(len(t.text) for t in reading.tokens[i:j])
    if place.upper or alias_len <= 2:
        if not all(t.upper for t in reading.tokens[i:j]):
            return False
        if alias_len == 2 and place.upper:  # a country code: only next to a place or in brackets
            before = reading.gap_before(i)
            after = reading.gap_after(j - 1)
            bracketed = "(" in before and ")" in after
            prev = reading.at[i - 1] if i > 0 else None
            after_place = prev is not None and prev.kind == PLACE
            return bracketed or after_place or (words[i] in ("us", "uk") and not reading.upper)
    if place.common and _company_word_after(reading, words, j):
        return False  # "Sunrise Trading", "GOLDEN STAR SHIPPING": a company's name
    if i > 0 and words[i - 1] in _CAR_MAKES and place.kind in ("city", "capital", "port", "region"):
        return False  # "Porsche Cayenne", "Hyundai Tucson", "Hyundai Santa Fe": a car's model
    if reading.upper:
        if place.common:
            return _slot(reading, words, i) and words[i] not in _NOT_PLACES_IN_CAPS
        return True
    if not first.capitalised:
        # French and Spanish demonyms are written in lower case; other names are not
        return place.kind == "demonym" and not place.common
    if place.common:
        if place.kind in ("country", "capital", "demonym") and alias_len > 3:
            return True  # "China", "Turkey", "Chad" are capitalised when they are countries
        return _slot(reading, words, i)  # "Nice", "Police", "Sur": only where a place goes
    # "Toyota Land Cruisers": a make before its model; "to Kim Jong Un": a person, not the
    # town of Kim; "Nampo Port" stays a port
    return not (
        place.kind in ("city", "port", "region")
        and j < len(words)
        and reading.gap_before(j) == " "
        and reading.tokens[j].capitalised
        and words[j] not in _PLACE_WORDS
        and (not _slot(reading, words, i) or len(reading.tokens[i].text) <= 4)
    )


def _company_word_after(reading: Reading, words: list[str], j: int) -> bool:
    """A capitalised word of company names right after ``j``, at most one capitalised word
    between ("Sunrise Trading", "Golden Star Shipping")."""
    for k in (j, j + 1):
        if k >= len(words) or reading.gap_before(k) != " " or not reading.tokens[k].capitalised:
            return False
        if words[k] in ORG_WORDS:
            return True
    return False


# Makes whose models are named after places.
_CAR_MAKES = words(
    """porsche hyundai kia chevrolet seat toyota nissan ford lexus mercedes bmw audi volkswagen
    vw dodge jeep lincoln cadillac honda mazda mitsubishi skoda renault peugeot citroen fiat
    lada buick chrysler pontiac"""
)

# Words of shipping documents that are also names of places somewhere.
_NOT_PLACES_IN_CAPS = words("said bulk cases sacs lot sale van para")


# Days and months are capitalised and one letter from a place ("on Sunday" is not Sudan).
_CALENDAR = words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december lundi mardi mercredi jeudi vendredi
    samedi dimanche janvier fevrier mars avril juin juillet aout septembre octobre novembre
    decembre lunes martes miercoles jueves viernes sabado domingo enero febrero marzo abril mayo
    junio julio agosto septiembre octubre noviembre diciembre"""
)


def _fuzzy_candidate(reading: Reading, i: int) -> bool:
    tok = reading.tokens[i]
    if not tok.text.isalpha() or len(tok.text) < 4 or tok.norm in _CALENDAR:
        return False
    if not (tok.capitalised or reading.upper):
        return False
    return reading.cue_matches[i] is None


def _cues(reading: Reading, words: list[str]) -> None:
    index = cue_index()
    parties = party_index()
    starts = parties.starts(words)
    k = 0
    while k < len(words):
        if reading.at[k] is not None:
            k += 1
            continue
        found = parties.match(words, k) if starts[k] else None
        cue = reading.cue_matches[k]
        longer_cue = cue is not None and found is not None and cue[0] > found[0]
        if found is not None and _free(reading, k, found[0]) and not longer_cue:
            _put(reading, Mark(PARTY_NOUN, k, found[0], found[1]))
            k = found[0]
            continue
        # an Incoterm is never part of a name: "Pars Food Co. (Téhéran), FOB Sète"
        inside = (
            cue is not None and cue[1] not in (lx.FOB, lx.CIF) and _inside_name(reading, k, cue[0])
        )
        found = None if inside else cue
        if (
            found is not None
            and found[0] == k + 1
            and words[k] == "ex"
            and reading.gap_after(k) == "-"
        ):
            found = None  # "M/V Dong Feng 9 (ex-Rich Glory)": the ship's former name
        if found is not None and found[1] == lx.CARRIER and _traded(reading, words, k):
            k = found[0]  # "sold a used oil tanker to …": the vessel is what is sold
            continue
        if found is not None:
            end = found[0]
            while end > k and not _free(reading, k, end):
                end -= 1
            if end > k:
                sub = index.match(words[:end], k) if end != found[0] else found
                if sub is not None:
                    _put(reading, Mark(CUE, k, sub[0], sub[1]))
                    k = sub[0]
                    continue
        k += 1


# words between a verb of sale and the vessel sold: "sold a used oil tanker", "a vendu un vieux
# pétrolier", "bought two second-hand tankers"
_SOLD_FILLERS = words(
    """a an the one two three its their this that used old second hand second-hand secondhand
    decommissioned retired un une le la les deux vieux vieil ancien ancienne occasion d el los
    una viejo usado"""
)
_SALE = frozenset({lx.SELL, lx.BUY, lx.NSELL, lx.NBUY})


def _traded(reading: Reading, words: list[str], k: int) -> bool:
    """A verb or noun of sale or purchase comes just before word ``k`` (fillers aside)."""
    b = k - 1
    while b >= 0 and k - b <= 4 and words[b] in _SOLD_FILLERS:
        b -= 1
    mark = reading.at[b] if b >= 0 else None
    return mark is not None and mark.kind == CUE and mark.value in _SALE


def _inside_name(reading: Reading, i: int, j: int) -> bool:
    """A one-word cue written capitalised between capitalised words, in a sentence that is
    not in capitals or title case, is part of a name: "Toyota Land Cruiser" (not "land")."""
    tokens = reading.tokens
    if reading.upper or j - i != 1 or not 0 < i < len(tokens) - 1:
        return False
    if tokens[i].norm == "land" and tokens[i + 1].norm in _LAND_MODELS:
        return True  # "Land Cruiser", "Land Rover": vehicles sanctions cases name often
    if not (tokens[i].capitalised and tokens[i - 1].capitalised and tokens[i + 1].capitalised):
        return False
    start, end = next(((s, e) for s, e in reading.sentences if s <= i < e), (0, len(tokens)))
    alpha = [t for t in tokens[start:end] if t.text[:1].isalpha()]
    return sum(t.capitalised for t in alpha) < 0.6 * len(alpha)


def _numbers(reading: Reading) -> None:
    text = reading.text
    reading.hs = [
        (m.start(1), m.end(1), re.sub(r"\D", "", m.group(1))) for m in _HS_RX.finditer(text)
    ]
    hs_spans = [(s, e) for s, e, _ in reading.hs]
    reading.quantities = [
        q for q in quantities(text) if not any(s <= q.start < e for s, e in hs_spans)
    ]
    reading.dates = dates(text)
    date_spans = [(d.start, d.end) for d in reading.dates]
    reading.quantities = [
        q for q in reading.quantities if not any(s <= q.start < e for s, e in date_spans)
    ]
    reading.money = money(text)
    money_spans = [(m.start, m.end) for m in reading.money]
    reading.quantities = [
        q for q in reading.quantities if not any(s <= q.start < e for s, e in money_spans)
    ]
