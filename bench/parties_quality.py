"""Recall and false-positive rate of the party matcher on labelled sets of UN-listed names.

Sets: ``own`` builds a labelled set from the shipped UN list (for sampled listed names,
variants of 17 kinds that must still match their entry, and negatives of four kinds that none
may match); ``dev`` and ``test`` are the two halves of bench/data/parties_heldout.jsonl, a set
built without seeing the matcher (split rule and how the test half is kept out of tuning: its
README); ``heldout2`` is bench/data/parties_heldout2.jsonl, a second held-out set written by hand
by another helper from the UN list alone (press spellings, native scripts, translations;
parties_heldout2.README.md); ``heldout3`` is bench/data/parties_heldout3.jsonl, a third, by a
third helper to the same brief (parties_heldout3.README.md). The items of ``test``,
``heldout2``, ``heldout3`` and ``heldout4`` (a fourth, by a fifth helper) are never printed; ``dev3`` (parties_dev3.jsonl, by a fourth helper
to the same brief) is written to tune on, and its misses are printed with ``-v``. Per kind it reports the matcher's rate next to a plain rapidfuzz token_sort_ratio
baseline, the review-band rate (negatives whose best result is a review, per 1,000), and the
matcher's own time per query.

Run: .venv/bin/python bench/parties_quality.py [--sets own,dev] [--json] [-v] [--sample N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import re  # noqa: E402
from collections.abc import Callable  # noqa: E402

from rapidfuzz import fuzz, process, utils  # noqa: E402

from service.parties.lists import load_bundled_un  # noqa: E402
from service.parties.matcher import Matcher  # noqa: E402
from service.ruletree import load_tree  # noqa: E402

BASELINE_CUTOFF = 85

# --- variants: each must still match its listed entry ---

Variant = Callable[[str, random.Random], str | None]

_TRANSLIT = [
    ("ou", "u"), ("u", "ou"), ("oo", "u"), ("ee", "i"), ("i", "ee"), ("y", "i"), ("i", "y"),
    ("kh", "h"), ("h", "kh"), ("q", "k"), ("k", "q"), ("ph", "f"), ("j", "dj"), ("dj", "j"),
    ("a", "e"), ("e", "a"), ("o", "u"), ("u", "o"), ("sh", "ch"), ("ch", "tch"), ("w", "v"),
    ("v", "w"), ("dh", "z"), ("th", "s"), ("ei", "ai"), ("ai", "ei"), ("aa", "a"), ("ie", "i"),
]  # fmt: skip
_PHONETIC = [
    ("c", "k"), ("k", "c"), ("ph", "f"), ("f", "ph"), ("s", "ss"), ("z", "s"), ("x", "ks"),
    ("ck", "k"), ("ie", "y"), ("ah", "a"), ("gh", "g"), ("ou", "oo"), ("oe", "oi"),
    ("ee", "ea"), ("c", "s"),
]  # fmt: skip
_OCR = [("o", "0"), ("l", "1"), ("m", "rn"), ("rn", "m"), ("i", "l"), ("e", "c"), ("s", "5"),
        ("b", "h"), ("cl", "d"), ("h", "b"), ("n", "ri"), ("u", "v")]  # fmt: skip
_KEYS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_HOMO = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і",
         "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "X": "Х", "K": "К", "M": "М",
         "H": "Н", "T": "Т", "B": "В"}  # fmt: skip
_HONORIFICS = ["Mr", "Dr.", "Sheikh", "Haji", "Mullah", "Maulavi", "General", "Mrs.", "Shaykh"]
_ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
VOWELS = "aeiouAEIOU"


def _swap(name: str, rng: random.Random, table: list[tuple[str, str]]) -> str | None:
    """Apply one applicable replacement from ``table`` inside a word of 4+ letters."""
    letters = set(_letter_positions(name, inner=False))
    lowered = name.lower()
    found = [(m.start(), a, b) for a, b in table for m in re.finditer(re.escape(a), lowered)]
    options = [
        (at, a, b) for at, a, b in found if all(i in letters for i in range(at, at + len(a)))
    ]
    if not options:
        return None
    at, old, new = rng.choice(options)
    spots = [at]
    at = rng.choice(spots)
    piece = name[at : at + len(old)]
    new = new.upper() if piece.isupper() else new
    return name[:at] + new + name[at + len(old) :]


def _letter_positions(name: str, inner: bool = True) -> list[int]:
    """Indexes of letters in words of four letters or more (a one-letter change in a
    three-letter acronym makes another acronym), skipping each word's first letter when
    ``inner``."""
    out = []
    for m in re.finditer(r"[^\W\d_]{4,}", name):
        start = m.start() + (1 if inner else 0)
        out.extend(range(start, m.end()))
    return out


def transliteration(name: str, rng: random.Random) -> str | None:
    return _swap(name, rng, _TRANSLIT)


def phonetic(name: str, rng: random.Random) -> str | None:
    return _swap(name, rng, _PHONETIC)


def ocr(name: str, rng: random.Random) -> str | None:
    return _swap(name, rng, _OCR)


def diacritics(name: str, rng: random.Random) -> str | None:
    marks = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü", "A": "Á", "E": "É", "I": "Ï", "O": "Ó", "U": "Ü", "c": "ç", "n": "ñ", "s": "ş", "C": "Ç", "S": "Ş"}  # fmt: skip
    return _swap_two(name, marks, rng)


def _swap_two(name: str, table: dict[str, str], rng: random.Random) -> str | None:
    """Replace up to two letters of the name found in the table (None if there are none)."""
    spots = [i for i, ch in enumerate(name) if ch in table]
    if not spots:
        return None
    for at in rng.sample(spots, min(2, len(spots))):
        name = name[:at] + table[name[at]] + name[at + 1 :]
    return name


_MARKERS = {"bin", "ibn", "ben", "bint", "binti", "bte", "ould", "walad", "wuld"}


def reversed_order(name: str, rng: random.Random) -> str | None:
    """All words reversed; not for names with "bin"/"ould" links, where the reversed name
    is another person ("Laden bin Usama": Laden, son of Usama)."""
    parts = name.split()
    if any(p.lower().strip("-") in _MARKERS for p in parts):
        return None
    return " ".join(reversed(parts)) if len(parts) >= 2 else None


def missing_middle(name: str, rng: random.Random) -> str | None:
    parts = name.split()
    if len(parts) < 3:
        return None
    del parts[rng.randrange(1, len(parts) - 1)]
    return " ".join(parts)


def initials(name: str, rng: random.Random) -> str | None:
    parts = name.split()
    if len(parts) < 2:
        return None
    at = rng.randrange(0, len(parts) - 1)
    parts[at] = parts[at][0] + "."
    return " ".join(parts)


def honorific(name: str, rng: random.Random) -> str | None:
    return f"{rng.choice(_HONORIFICS)} {name}"


def particles(name: str, rng: random.Random) -> str | None:
    parts = name.split()
    lowered = [p.lower().rstrip("-") for p in parts]
    for i, p in enumerate(lowered):
        if p in ("al", "el", "bin", "ibn") and len(parts) > 1:
            return " ".join(parts[:i] + parts[i + 1 :])
        if p.startswith(("al-", "el-")):
            parts[i] = parts[i][3:]
            return " ".join(parts)
    at = rng.randrange(len(parts))
    parts[at] = rng.choice(["Al-", "al ", "El-"]) + parts[at]
    return " ".join(parts)


def hyphens_spacing(name: str, rng: random.Random) -> str | None:
    parts = name.replace("-", " ").split()
    if len(parts) >= 2 and rng.random() < 0.5:
        at = rng.randrange(len(parts) - 1)
        glue = rng.choice(["", "-"])
        return " ".join(parts[:at] + [parts[at] + glue + parts[at + 1]] + parts[at + 2 :])
    longs = [i for i, p in enumerate(parts) if len(p) >= 6]
    if not longs:
        return None
    at = rng.choice(longs)
    cut = rng.randrange(3, len(parts[at]) - 2)
    parts[at] = parts[at][:cut] + rng.choice([" ", "-"]) + parts[at][cut:]
    return " ".join(parts)


def homoglyphs(name: str, rng: random.Random) -> str | None:
    return _swap_two(name, _HOMO, rng)


def zero_width(name: str, rng: random.Random) -> str | None:
    for _ in range(2):
        at = rng.randrange(1, len(name))
        name = name[:at] + rng.choice(_ZW) + name[at:]
    return name


def dropped_vowels(name: str, rng: random.Random) -> str | None:
    spots = [i for i in _letter_positions(name) if name[i] in VOWELS]
    if not spots:
        return None
    at = rng.choice(spots)
    return name[:at] + name[at + 1 :]


def doubled_collapsed(name: str, rng: random.Random) -> str | None:
    doubles = [i for i in range(1, len(name)) if name[i] == name[i - 1] and name[i].isalpha()]
    if doubles and rng.random() < 0.5:
        at = rng.choice(doubles)
        return name[:at] + name[at + 1 :]
    spots = _letter_positions(name)
    if not spots:
        return None
    at = rng.choice(spots)
    return name[:at] + name[at] + name[at:]


def keyboard_typo(name: str, rng: random.Random) -> str | None:
    spots = [i for i in _letter_positions(name) if any(name[i].lower() in r for r in _KEYS)]
    if not spots:
        return None
    at = rng.choice(spots)
    row = next(r for r in _KEYS if name[at].lower() in r)
    k = row.index(name[at].lower())
    near = [row[j] for j in (k - 1, k + 1) if 0 <= j < len(row)]
    new = rng.choice(near)
    return name[:at] + (new.upper() if name[at].isupper() else new) + name[at + 1 :]


def transposition(name: str, rng: random.Random) -> str | None:
    spots = [i for i in _letter_positions(name) if i + 1 < len(name) and name[i + 1].isalpha() and name[i] != name[i + 1]]  # fmt: skip
    if not spots:
        return None
    at = rng.choice(spots)
    return name[:at] + name[at + 1] + name[at] + name[at + 2 :]


def truncation(name: str, rng: random.Random) -> str | None:
    last = name.split()[-1]
    if len(last) < 6:
        return None
    return name[: -rng.randint(1, 2)]


VARIANTS: dict[str, Variant] = {
    "transliteration": transliteration,
    "diacritics": diacritics,
    "reversed order": reversed_order,
    "missing middle name": missing_middle,
    "initials": initials,
    "honorifics": honorific,
    "particles": particles,
    "hyphens/spacing": hyphens_spacing,
    "homoglyphs": homoglyphs,
    "zero-width chars": zero_width,
    "dropped vowel": dropped_vowels,
    "doubled/collapsed": doubled_collapsed,
    "phonetic respelling": phonetic,
    "OCR confusion": ocr,
    "keyboard typo": keyboard_typo,
    "transposition": transposition,
    "truncation": truncation,
}


# --- negatives: none may match ---

FIRST = [
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "William",
    "Elizabeth",
    "David",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Emma",
    "Olivia",
    "Noah",
    "Liam",
    "Sophia",
    "Lucas",
    "Hans",
    "Klaus",
    "Pierre",
    "Marie",
    "Giuseppe",
    "Francesca",
    "Carlos",
    "Lucia",
    "Javier",
    "Sofia",
    "Jose",
    "Ana",
    "Pedro",
    "Isabel",
    "Ivan",
    "Olga",
    "Dmitri",
    "Natalia",
    "Sergei",
    "Tatiana",
    "Vladimir",
    "Elena",
    "Wei",
    "Fang",
    "Li",
    "Na",
    "Jun",
    "Hui",
    "Hiroshi",
    "Yuki",
    "Kenji",
    "Akiko",
    "Min-jun",
    "Seo-yeon",
    "Ji-ho",
    "Ha-eun",
    "Raj",
    "Priya",
    "Amit",
    "Sunita",
    "Arjun",
    "Ananya",
    "Kwame",
    "Ama",
    "Chidi",
    "Ngozi",
    "Tunde",
    "Fatou",
    "Mamadou",
    "Aisha",
    "Omar",
    "Layla",
    "Karim",
    "Yasmin",
    "Tariq",
    "Leila",
    "Nadia",
    "Samir",
    "Rania",
    "Hassan",
    "Mariam",
    "Youssef",
    "Salma",
    "Khalid",
    "Huda",
    "Ali",
    "Zainab",
    "Bilal",
    "Farah",
    "Emre",
    "Elif",
    "Mehmet",
    "Ayse",
    "Reza",
    "Shirin",
    "Dariusz",
    "Agnieszka",
    "Lars",
    "Ingrid",
    "Sven",
    "Astrid",
    "Jan",
    "Eva",
    "Piotr",
    "Anna",
    "Mikko",
    "Aino",
    "Joao",
    "Beatriz",
    "Thiago",
]
LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Young",
    "Muller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Dubois",
    "Lefebvre",
    "Rossi",
    "Russo",
    "Ferrari",
    "Fernandez",
    "Gonzalez",
    "Silva",
    "Santos",
    "Oliveira",
    "Ivanov",
    "Smirnov",
    "Kuznetsov",
    "Popov",
    "Petrova",
    "Wang",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Tanaka",
    "Suzuki",
    "Watanabe",
    "Yamamoto",
    "Park",
    "Choi",
    "Jung",
    "Kang",
    "Yoon",
    "Patel",
    "Sharma",
    "Singh",
    "Gupta",
    "Kumar",
    "Okafor",
    "Mensah",
    "Diallo",
    "Traore",
    "Nkosi",
    "Haddad",
    "Nasser",
    "Khoury",
    "Mansour",
    "Farouk",
    "Aziz",
    "Saleh",
    "Demir",
    "Yilmaz",
    "Kaya",
    "Hosseini",
    "Rahimi",
    "Nowak",
    "Kowalski",
    "Hansen",
    "Johansson",
    "Nielsen",
    "Virtanen",
    "Costa",
    "Pereira",
]
COMPANIES = """Apple Inc|Microsoft Corporation|Alphabet Inc|Amazon.com Inc|Meta Platforms Inc|
Tesla Inc|Samsung Electronics Co Ltd|Toyota Motor Corporation|Siemens AG|Nestle SA|
Unilever PLC|BP plc|Royal Dutch Shell|TotalEnergies SE|Volkswagen AG|BMW AG|Daimler Truck|
Sony Group Corporation|Hitachi Ltd|Panasonic Holdings|LG Electronics|Hyundai Motor Company|
SK Hynix|Tata Consultancy Services|Infosys Limited|Reliance Industries|Wipro Limited|
Saudi Aramco|Emirates Airline|Qatar Airways|Etihad Airways|Turkish Airlines|Lufthansa|
Air France KLM|British Airways|Maersk Line|Mediterranean Shipping Company|CMA CGM|
Hapag-Lloyd|COSCO Shipping|Evergreen Marine|Yang Ming Marine Transport|Nippon Yusen|
Mitsubishi Corporation|Mitsui & Co|Sumitomo Corporation|Marubeni Corporation|Itochu|
Glencore plc|Trafigura Group|Vitol SA|Cargill Incorporated|Archer Daniels Midland|
Bunge Limited|Louis Dreyfus Company|HSBC Holdings plc|Barclays PLC|Deutsche Bank AG|
BNP Paribas SA|Societe Generale|Credit Agricole|Banco Santander|BBVA|UniCredit|
Intesa Sanpaolo|ING Group|Rabobank|UBS Group AG|Credit Suisse|JPMorgan Chase & Co|
Bank of America|Citigroup Inc|Wells Fargo|Goldman Sachs|Morgan Stanley|Standard Chartered|
DBS Bank|Emirates NBD|Qatar National Bank|Al Rajhi Bank|National Bank of Egypt|
Arab Bank|Banque Misr|Attijariwafa Bank|Ecobank|Standard Bank|Nedbank|Absa Group|
Gazprom Neft|Lukoil|Rosneft|Sberbank|VTB Bank|Alfa Bank|Norilsk Nickel|Severstal|
PetroChina|Sinopec|China Mobile|Huawei Technologies|ZTE Corporation|Lenovo Group|
Alibaba Group|Tencent Holdings|Baidu Inc|Xiaomi Corporation|BYD Company|Haier Group|
Nokia Oyj|Ericsson AB|Philips NV|ASML Holding|Airbus SE|Boeing Company|Lockheed Martin|
General Electric|Caterpillar Inc|Deere & Company|3M Company|Honeywell International|
Procter & Gamble|Johnson & Johnson|Pfizer Inc|Novartis AG|Roche Holding|Sanofi SA|
AstraZeneca PLC|GlaxoSmithKline|Bayer AG|BASF SE|Dow Chemical|DuPont de Nemours|
Coca-Cola Company|PepsiCo Inc|Danone SA|Heineken NV|Anheuser-Busch InBev|Diageo plc|
Walmart Inc|Carrefour SA|Tesco PLC|Aldi Sud|Lidl Stiftung|IKEA|H&M Hennes & Mauritz|
Inditex SA|Zara|Nike Inc|Adidas AG|Puma SE|Red Cross|Doctors Without Borders|
Oxfam International|Save the Children|World Food Programme|UNICEF|Acme Trading LLC|
Global Logistics Ltd|Sunrise Shipping Co|Golden Star Trading|Blue Ocean Maritime|
Pacific Rim Holdings|Eastern Star Shipping|Silk Road Trading Company|Crescent Petroleum|
Gulf Marine Services|Orient Overseas Container Line|Dubai Ports World|Abu Dhabi Ports""".replace(
    "\n", ""
).split("|")


def common_names(rng: random.Random, people: int = 250) -> list[str]:
    """A few hundred real-world personal names (pairs of common first and last names)
    and company names."""
    pairs = {f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(people * 3)}
    return sorted(pairs)[:people] + [c.strip() for c in COMPANIES if c.strip()]


def combined(names: list[tuple[str, str]], rng: random.Random) -> tuple[str, set[str]]:
    """First token of one listed name and last token of another entry's name."""
    while True:
        (ref_a, a), (ref_b, b) = rng.sample(names, 2)
        if ref_a != ref_b and len(a.split()) >= 2 and len(b.split()) >= 2:
            return f"{a.split()[0]} {b.split()[-1]}", {ref_a, ref_b}


def token_swapped(name: str, pool: list[str], rng: random.Random) -> str | None:
    """A listed name with one token replaced by a token of another name."""
    parts = name.split()
    if len(parts) < 2:
        return None
    at = rng.randrange(len(parts))
    new = rng.choice([t for t in pool if t.lower() not in name.lower()])
    parts[at] = new
    return " ".join(parts)


def several_edits(name: str, rng: random.Random) -> str:
    """A listed name with max(3, 25% of its letters) random substitutions and deletions."""
    chars = list(name)
    spots = [i for i, ch in enumerate(chars) if ch.isalpha()]
    count = max(3, len(spots) // 4)
    for at in sorted(rng.sample(spots, min(count, len(spots))), reverse=True):
        if rng.random() < 0.5:
            del chars[at]
        else:
            chars[at] = rng.choice("bcdfghjklmnprstvwz")
    return "".join(chars)


# --- the run ---


class Baseline:
    """token_sort_ratio of the query against every listed name (a full scan)."""

    def __init__(self, names: list[tuple[str, str]]) -> None:
        self.refs = [ref for ref, _ in names]
        self.choices = [utils.default_process(n) for _, n in names]

    def hits(self, query: str) -> set[str]:
        found = process.extract(
            utils.default_process(query), self.choices, scorer=fuzz.token_sort_ratio,
            score_cutoff=BASELINE_CUTOFF, limit=None,
        )  # fmt: skip
        return {self.refs[i] for _, _, i in found}


def screened_names(lst) -> list[tuple[str, str]]:
    """(reference, name) for every Latin-script primary name and strong alias."""
    out = []
    for e in lst.entries:
        for n in e.names:
            if n.quality in ("primary", "good", "aka", "fka") and n.full.isascii():
                out.append((e.reference, n.full))
    return out


def positives(names, rng, sample):
    """(kind, variant, reference) for every variant kind of each sampled name."""
    cases = []
    for ref, name in rng.sample(names, min(sample, len(names))):
        for kind, make in VARIANTS.items():
            variant = make(name, rng)
            if variant and variant != name:
                cases.append((kind, variant, ref))
    return cases


# Words that are titles, legal forms or particles, not names: swapping one of these into a
# name ("General Ruhinda" for "Ruhinda") makes a legitimate variant, not a negative.
NOT_NAMES = set(
    [
        "mr",
        "mrs",
        "dr",
        "doctor",
        "sheikh",
        "shaykh",
        "haji",
        "hajji",
        "mullah",
        "maulavi",
        "mawlawi",
        "maulana",
        "mufti",
        "qari",
        "hafiz",
        "sayed",
        "syed",
        "sayyid",
        "general",
        "colonel",
        "major",
        "captain",
        "commander",
        "company",
        "corporation",
        "limited",
        "trading",
        "group",
        "ltd",
        "corp",
        "inc",
        "llc",
        "co",
        "jsc",
        "plc",
        "ag",
        "sa",
        "gmbh",
        "ben",
        "bin",
        "ibn",
        "bint",
        "abu",
        "abou",
        "abdul",
        "abdel",
        "al-",
        "el-",
        "the",
        "and",
        "of",
        "for",
    ]
)


def negatives(names, rng, count):
    """(kind, name, references that would make a hit legitimate) for four negative kinds.

    A generated negative that is in fact (part of) a listed name, by a plain test that does
    not use the matcher (each of its words within fuzz.ratio 85 of a word of one listed
    name), is dropped: a hit on it would be right, not a false positive.
    """
    pool = [t for _, n in names for t in n.split() if len(t) > 3 and t.lower() not in NOT_NAMES]
    cases = [("common real names", n, set()) for n in common_names(rng)]
    for _ in range(count):
        name, refs = combined(names, rng)
        cases.append(("two listed names combined", name, set()))
        ref, base = rng.choice(names)
        swapped = token_swapped(base, pool, rng)
        if swapped:
            cases.append(("one token swapped", swapped, set()))
        cases.append(("several edits away", several_edits(base, rng), set()))
    listed = _WordIndex(names)
    return [c for c in cases if not listed.covers(c[1])]


class _WordIndex:
    """Listed names by their words, to find names that contain every word of a query."""

    def __init__(self, names: list[tuple[str, str]]) -> None:
        self.by_word: dict[str, set[int]] = {}
        for i, (_, name) in enumerate(names):
            for word in utils.default_process(name).split():
                self.by_word.setdefault(word, set()).add(i)
        self.words = list(self.by_word)

    def covers(self, query: str) -> bool:
        """True when one listed name has a close word (ratio >= 85) for every query word."""
        common: set[int] | None = None
        for word in utils.default_process(query).split():
            close = process.extract(
                word, self.words, scorer=fuzz.ratio, score_cutoff=85, limit=None
            )
            found = set().union(*(self.by_word[w] for w, _, _ in close)) if close else set()
            common = found if common is None else common & found
            if not common:
                return False
        return bool(common)


HELDOUT = Path(__file__).resolve().parent / "data" / "parties_heldout.jsonl"
SETS = ("own", "dev", "test", "heldout2", "heldout3", "heldout4", "dev3")

Case = tuple[str, str, str | None]  # (kind, query, expected reference or None for a negative)


def own_cases(names, sample: int, seed: int) -> list[Case]:
    """The generated set: variants of sampled listed names and four kinds of negatives."""
    rng = random.Random(seed)
    pos, neg = positives(names, rng, sample), negatives(names, rng, sample // 2)
    return [(k, q, ref) for k, q, ref in pos] + [(k, q, None) for k, q, _ in neg]


HELD_OUT = ("test", "heldout2", "heldout3", "heldout4")  # sets whose items are never printed


def written_cases(name: str) -> list[Case]:
    """bench/data/parties_<name>.jsonl, whole: a set written by hand by a helper who saw only
    the UN list (its README); the held-out ones are never tuned on."""
    path = Path(__file__).resolve().parent / "data" / f"parties_{name}.jsonl"
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [(r["kind"], r["query"], r["expected"]) for r in rows]


def heldout_split(half: str) -> list[Case]:
    """One half of bench/data/parties_heldout.jsonl (see its README for the rule).

    Within each stratum (kind, positive or negative) cases are ordered by the SHA-256 of their
    query; even positions form ``dev``, odd positions ``test``.
    """
    strata: dict[tuple[str, bool], list[dict]] = {}
    with HELDOUT.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                case = json.loads(line)
                strata.setdefault((case["kind"], case["expected"] is None), []).append(case)
    want = 0 if half == "dev" else 1
    out: list[Case] = []
    for key in sorted(strata):
        ordered = sorted(strata[key], key=lambda c: hashlib.sha256(c["query"].encode()).hexdigest())
        out.extend((c["kind"], c["query"], c["expected"]) for c in ordered[want::2])
    return out


def evaluate(cases: list[Case], matcher: Matcher, base: Baseline) -> dict:
    """Per kind: positives met (recall) or negatives hit (false positives), for the matcher
    and the baseline, plus negatives whose best result falls in the review band."""
    kinds: dict[str, dict] = {}
    misses, false_pos = [], []
    spent = 0.0
    for kind, query, ref in cases:
        t0 = time.perf_counter()
        found = matcher.match(query, limit=10)
        spent += time.perf_counter() - t0
        side = "pos" if ref is not None else "neg"
        row = kinds.setdefault(
            f"{side}:{kind}",
            {"kind": kind, "side": side, "n": 0, "matcher": 0, "baseline": 0, "review": 0},
        )
        row["n"] += 1
        if ref is not None:
            ours = any(m.reference == ref and m.match for m in found)
            row["matcher"] += ours
            row["baseline"] += ref in base.hits(query)
            if not ours:
                misses.append((kind, query, ref, [(m.reference, m.score) for m in found[:3]]))
        else:
            hits = [m for m in found if m.match]
            row["matcher"] += bool(hits)
            row["baseline"] += bool(base.hits(query))
            row["review"] += bool(found) and not hits
            if hits:
                false_pos.append((kind, query, hits[0].reference, hits[0].matched_name,
                                  hits[0].score, hits[0].evidence.get("method")))  # fmt: skip
    rows = sorted(kinds.values(), key=lambda r: (r["side"] == "neg", r["kind"]))
    pos = [r for r in rows if r["side"] == "pos"]
    neg = [r for r in rows if r["side"] == "neg"]

    def total(part: list[dict]) -> dict:
        return {k: sum(r[k] for r in part) for k in ("n", "matcher", "baseline", "review")}

    p, n = total(pos), total(neg)
    summary = {
        "queries": len(cases),
        "matcher_seconds": round(spent, 2),
        "ms_per_query": round(1000 * spent / max(len(cases), 1), 3),
        "recall": _pct(p["matcher"], p["n"]),
        "baseline_recall": _pct(p["baseline"], p["n"]),
        "fp_rate": _pct(n["matcher"], n["n"]),
        "baseline_fp_rate": _pct(n["baseline"], n["n"]),
        "review_per_1000_negatives": round(1000 * n["review"] / n["n"], 1) if n["n"] else None,
    }
    return {"summary": summary, "kinds": rows, "misses": misses, "false_positives": false_pos}


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def run(sets: list[str], sample: int, seed: int, threshold: float | None, as_json: bool,
        verbose: bool) -> int:  # fmt: skip
    lst = load_bundled_un().with_regimes(load_tree().list_regimes())
    matcher = Matcher(lst) if threshold is None else Matcher(lst, threshold=threshold)
    names = screened_names(lst)
    base = Baseline(names)
    report = {"threshold": matcher.threshold, "review_threshold": matcher.review_threshold,
              "baseline": f"token_sort_ratio >= {BASELINE_CUTOFF}", "sets": {}}  # fmt: skip
    for name in sets:
        if name == "own":
            cases = own_cases(names, sample, seed)
        elif name in ("heldout2", "heldout3", "heldout4", "dev3"):
            cases = written_cases(name)
        else:
            cases = heldout_split(name)
        report["sets"][name] = evaluate(cases, matcher, base)
    if as_json:
        for res in report["sets"].values():
            if not verbose:
                res.pop("misses")
                res.pop("false_positives")
        json.dump(report, sys.stdout, indent=1)
        print()
        return 0
    for name, res in report["sets"].items():
        _print(name, res, report)
        if verbose and name in HELD_OUT:
            print("(misses and false positives of a held-out set are not listed)")
        elif verbose:
            for m in res["misses"]:
                print("MISS", m)
            for f in res["false_positives"]:
                print("FP", f)
    return 0


def _print(name: str, res: dict, report: dict) -> None:
    s = res["summary"]
    print(f"\n== set {name}: UN list; matcher threshold {report['threshold']}, review "
          f"{report['review_threshold']}; baseline {report['baseline']}; {s['queries']} queries, "
          f"matcher {s['matcher_seconds']} s ({s['ms_per_query']} ms/query)")  # fmt: skip
    for side, title in (("pos", "variant kind (recall)"), ("neg", "negative kind (FP rate)")):
        rows = [r for r in res["kinds"] if r["side"] == side]
        if not rows:
            continue
        extra = f" {'review/1000':>12}" if side == "neg" else ""
        print(f"\n{title:28} {'n':>6} {'matcher':>9} {'baseline':>9}{extra}")
        for r in rows:
            band = f" {1000 * r['review'] / r['n']:12.0f}" if side == "neg" else ""
            print(f"{r['kind']:28} {r['n']:6d} {100 * r['matcher'] / r['n']:8.1f}% "
                  f"{100 * r['baseline'] / r['n']:8.1f}%{band}")  # fmt: skip
    print(f"\n{'ALL VARIANTS (recall)':28} {'':6} {s['recall']:8.1f}% {s['baseline_recall']:8.1f}%")
    if s["fp_rate"] is not None:
        print(f"{'ALL NEGATIVES (FP rate)':28} {'':6} {s['fp_rate']:8.1f}% "
              f"{s['baseline_fp_rate']:8.1f}%")  # fmt: skip
        print(f"review band: {s['review_per_1000_negatives']} alerts per 1,000 negative screenings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=800, help="listed names to vary")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, help="override the matcher's default")
    parser.add_argument(
        "--sets",
        default="own,dev",
        help="comma-separated: own (generated), dev, test (held-out halves), heldout2, heldout3, "
        "heldout4, dev3 (written to tune on)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("-v", action="store_true", help="print misses and false positives")
    args = parser.parse_args()
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in sets if s not in SETS]
    if unknown or not sets:
        parser.error(
            f"unknown set(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(SETS)}"
        )
    return run(sets, args.sample, args.seed, args.threshold, args.json, args.v)


if __name__ == "__main__":
    raise SystemExit(main())
