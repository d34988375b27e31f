"""Token and name similarity: how well query tokens meet the tokens of one list name.

A name score rewards covering the query (every query token should meet a list token) more than
covering the list name (a missing middle name is common, an extra unmatched word is not).
Adjacent tokens may be compared written together, so "Wonho" meets "Won Ho".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from .korean import is_syllable, syllable_fold
from .phonetic import consonant_classes, phonetic_key
from .tables import ABBREVIATIONS, CONTRAST, PATRONYMIC_MARKERS

QUERY_WEIGHT = 0.75  # share of the score from covering the query; the rest covers the list name
MIN_PAIR_SIM = 0.5  # token pairs below this count as unmatched
STRONG_PAIR_SIM = 0.75  # a query token without a pair this good is "unexplained"
UNEXPLAINED_FACTOR = 0.9  # score multiplier per unexplained query token (a swapped-in word)
SINGLE_TOKEN_CAP = 0.85  # one query token meeting one token of a longer name stays in review
SHORT_SINGLE_CAP = 0.6  # … unless it is a word of three letters or fewer and the name is longer
INITIAL_SIM = 0.8  # "M" for "Mohammed"
INITIALS_SCORE = 0.9  # every given name as its initial, in order, and the family name exact
OCR_SIM = 0.9  # "Usarna" for "Usama": equal once OCR look-alikes are folded
PREFIX_SIM = 0.9  # "Mohamme" for "Mohammed" (truncation of at most 30 %)
SHORT_PREFIX_SIM = 0.88  # "Munit." for "Munitions": a longer cut, four letters or more kept
SHORT_PREFIX_SHARE = 0.4
SYLLABLE_SIM = 0.95  # "Chol" for "Cheol": one Korean syllable in two romanisations
OTHER_SYLLABLE_SIM = 0.6  # "Ryang" for "Ryong": another syllable, another given name
DEVOWEL_SIM = 0.93
SHORT_DEVOWEL_SIM = 0.85
FAMILY_SIM = 0.9  # "Gaddafi" for "Qadhafi": one Arabic name in another romanisation
ABBREVIATION_SIM = 0.95  # "Intl" for "International"
DIGITS_CAP = 0.8  # a listed name whose number the query gives otherwise stays in review  # "Mhmmd" for "Muhammad": the same letters without the vowels
# A person's listed name met whole inside a query with one or two more names (a father's or
# clan name the list does not record) scores this times the list coverage.
CONTAINED_FACTOR = 0.9
CONTAINED_MIN_PAIR = 0.9  # every listed token must be met at least this well
CONTAINED_MIN_CHARS = 10  # a two-token listed name this short is too common to contain
FIRST_LAST_SIM = 0.9  # a first and a last name met this well …
FIRST_LAST_SCORE = 0.89  # … match a longer listed person's name without its middle names
FIRST_MISSING_CAP = 0.87  # a listed person's first name unmet: a relative, maybe
PATRONYMIC_CAP = 0.7  # "Salman bin Muhammad" against "Muhammad bin Salman": another person


@lru_cache(maxsize=500_000)
def token_similarity(query: str, listed: str) -> tuple[float, str]:
    """Similarity in [0, 1] of two normalised tokens and how they met.

    Tiers: equal; same letters up to vowels ("transliteration": Mohammed/Muhammad); same
    consonant skeleton ("phonetic", weaker: vowels may have been dropped); truncation; plain
    edit similarity ("fuzzy").

    >>> token_similarity("shabab", "shabaab")
    (0.9923, 'transliteration')
    >>> token_similarity("m", "mohammed")
    (0.8, 'initials')
    """
    if query == listed:
        return 1.0, "exact"
    if query.isdigit() or listed.isdigit():
        return 0.0, "none"  # numbers tell names apart ("Snow Storm 1", "Snow Storm 2")
    group = CONTRAST.get(query)
    if group is not None and group == CONTRAST.get(listed):
        return 0.0, "none"
    if listed in ABBREVIATIONS.get(query, ()):
        return ABBREVIATION_SIM, "abbreviation"
    if len(query) == 1 or len(listed) == 1:
        if query[0] == listed[0]:
            return INITIAL_SIM, "initials"
        return 0.0, "none"
    ratio = round(Indel.normalized_similarity(query, listed), 4)
    best, how = ratio, "fuzzy"
    if len(query) <= 6 and len(listed) <= 6 and is_syllable(query) and is_syllable(listed):
        # Two romanised Korean syllables: either spellings of one syllable or another name
        # ("Chol"/"Chul" are one, "Ryong"/"Ryang" and "Hyok"/"Hyon" are not).
        if syllable_fold(query) == syllable_fold(listed):
            return SYLLABLE_SIM, "romanisation"
        return min(ratio, OTHER_SYLLABLE_SIM), "fuzzy"
    if (
        len(query) >= 2
        and len(listed) > len(query)
        and (_devowel(listed) == query or (listed[0] in "aeiou" and _devowel_all(listed) == query))
    ):
        # "MRTZ RZ" for "Morteza Rezaie": two letters are weaker evidence than three;
        # "SHTN" for "Ashtiani": the first vowel dropped too
        return (DEVOWEL_SIM if len(query) >= 3 else SHORT_DEVOWEL_SIM), "vowels dropped"
    if len(query) >= 4 and listed.startswith(query):
        if len(query) >= 0.7 * len(listed):
            best, how = max(best, PREFIX_SIM), "truncation"
        elif len(query) >= SHORT_PREFIX_SHARE * len(listed):
            best, how = max(best, SHORT_PREFIX_SIM), "truncation"
    if ratio < 0.4:  # the tiers below all imply mostly shared letters
        return best, how
    shortest = min(len(query), len(listed))
    if (shortest >= 4 or (shortest == 3 and query[0] == listed[0])) and vowel_pattern(
        query
    ) == vowel_pattern(listed):
        return round(max(best, 0.9 + 0.1 * ratio), 4), "transliteration"
    if (
        best < FAMILY_SIM
        and min(len(query), len(listed)) >= 5
        and consonant_classes(query)
        and consonant_classes(query) == consonant_classes(listed)
        and phonetic_key(query) != phonetic_key(listed)  # else the phonetic tier decides
    ):
        best, how = FAMILY_SIM, "transliteration"
    if ocr_fold(query) == ocr_fold(listed) and best < OCR_SIM:
        best, how = OCR_SIM, "OCR confusion"
    if min(len(query), len(listed)) >= 4 and phonetic_key(query) == phonetic_key(listed):
        sound = round(0.55 + 0.4 * ratio, 4)
        if sound > best:
            best, how = sound, "phonetic"
    return best, how


@lru_cache(maxsize=200_000)
def _devowel(token: str) -> str:
    """The token without its vowels after the first letter ("muhammad" -> "mhmmd")."""
    return token[0] + _VOWEL_RUNS.sub("", token[1:])


@lru_cache(maxsize=200_000)
def _devowel_all(token: str) -> str:
    """The token without any of its vowels ("ashtiani" -> "shtn")."""
    return _VOWEL_RUNS.sub("", token)


@lru_cache(maxsize=200_000)
def vowel_pattern(token: str) -> str:
    """Token with digraphs folded, doubled letters collapsed and each vowel run as ``a``.

    >>> vowel_pattern("mohammed") == vowel_pattern("muhammad")
    True
    """
    key = token[:-1] + "i" if len(token) >= 3 and token.endswith("y") else token  # Aly/Ali
    for old, new in _FOLDS:
        key = key.replace(old, new)
    return _RUNS.sub(r"\1", _VOWEL_RUNS.sub("a", key))


@lru_cache(maxsize=200_000)
def ocr_fold(token: str) -> str:
    """Token with letters that OCR confuses folded together (rn/m, l/i, cl/d, vv/w, ...)."""
    for old, new in _OCR_FOLDS:
        token = token.replace(old, new)
    return token


ARABIC_SKELETON_SIM = 0.92  # a token read from Arabic script with a listed token's consonants


def arabic_skeleton(token: str) -> str:
    """The consonants of a token as Arabic script writes them, for comparing a name read from
    that script with its Latin spellings: folds as above, then vowels, w and v (waw is a vowel
    as often as a consonant) and doubled letters dropped ("mruan" and "Marwan" -> "mrn")."""
    if "h" in token:
        token = token.replace("kh", "h").replace("ph", "f").replace("dh", "d").replace("th", "t")
    token = token.replace("ck", "k").translate(_SKELETON_TABLE)  # _FOLDS inlined (index build)
    return _RUNS.sub(r"\1", token) if len(token) > 1 else token


def by_consonants(found: tuple[float, str], skeleton: str, listed: str) -> tuple[float, str]:
    """``found`` (a token similarity) raised to ARABIC_SKELETON_SIM when the query token,
    read from Arabic script, has the listed token's consonants (``skeleton``: its own)."""
    if (
        found[0] < ARABIC_SKELETON_SIM
        and len(skeleton) >= 3
        and arabic_skeleton(listed) == skeleton
    ):
        return ARABIC_SKELETON_SIM, "consonants as Arabic script writes them"
    return found


_SKELETON_TABLE = str.maketrans({"q": "k", **dict.fromkeys("aeiouyvw")})
_OCR_FOLDS = (("rn", "m"), ("ri", "n"), ("vv", "w"), ("cl", "d"), ("l", "i"), ("c", "e"),
              ("v", "u"), ("b", "h"))  # fmt: skip
_FOLDS = (("kh", "h"), ("ph", "f"), ("q", "k"), ("ck", "k"), ("dh", "d"), ("th", "t"), ("w", "v"))
_VOWEL_RUNS = re.compile(r"[aeiou]+")
_PATRONYMIC_ENDINGS = ("ovich", "evich", "ovna", "evna", "ichna", "ogly", "oglu", "kyzy")
_PATRONYMIC = re.compile(r"..(?:ovich|evich|ovna|evna|ichna|ogly|oglu|kyzy)$")
_RUNS = re.compile(r"(.)\1+")


@dataclass(frozen=True, slots=True)
class NameScore:
    """Result of comparing query tokens with one list name's tokens."""

    score: float
    method: str
    pairs: tuple[tuple[str, str, float], ...] = ()


Lookup = Callable[[int, str], tuple[float, str]]


def name_score(
    query: tuple[str, ...],
    listed: tuple[str, ...],
    lookup: Lookup | None = None,
    *,
    father: int = 0,
    person: bool = False,
    contains: bool = False,
    syllabic: bool = False,
) -> NameScore:
    """Align query tokens to list tokens greedily (best pairs first) and score the coverage.

    ``lookup(i, token)`` may supply the similarity of query token ``i`` to a list token from
    a table computed once per query (the matcher does this); by default it is computed.
    ``father`` is the query's patronymic position (see ``NormalizedName.patronymic``): when the
    father's name meets a list token before the person's own name does, the names are the
    other way round ("Salman bin Muhammad" is not "Muhammad bin Salman") and the score is
    capped. ``contains`` allows a query with one or two more names than a listed person's.
    ``person`` marks a listed individual: one whose first name the query lacks ("Muammar
    Qadhafi" against "Khamis Muammar Qadhafi", his son) stays in review. ``syllabic`` marks a
    query transliterated from Han or Hangul, whose syllables are characters: written without
    spaces they must then equal the listed name (金铁山 "Jin Tie Shan" is not "Jin Tiesan").
    """
    if not query or not listed:
        return NameScore(0.0, "none")
    if query == listed:
        return NameScore(1.0, "exact", tuple((t, t, 1.0) for t in query))
    pairs, strong, chosen = _best_pairs(query, listed, lookup, syllabic)
    if father and _swapped(chosen, father, query):
        return NameScore(
            PATRONYMIC_CAP, "patronymic order", tuple((q, n, s) for q, n, s, _ in pairs)
        )
    q_total = sum(len(t) for t in query)
    n_total = sum(len(t) for t in listed)
    if any(t.endswith(_PATRONYMIC_ENDINGS) for t in listed):
        # a Russian patronymic the query leaves out is not a missing name ("Ислам Атабиев" for
        # "Islam Seit-Umarovich Atabiev"): it does not count against covering the listed name
        met_n = {j for o in chosen for j in range(o[4], o[5])}
        n_total = (
            sum(len(t) for j, t in enumerate(listed) if j in met_n or not _PATRONYMIC.search(t))
            or n_total
        )
    q_cov = sum(sim * len(q) for q, _, sim, _ in pairs) / q_total
    n_cov = sum(sim * len(n) for _, n, sim, _ in pairs) / n_total
    score = QUERY_WEIGHT * min(q_cov, 1.0) + (1 - QUERY_WEIGHT) * min(n_cov, 1.0)
    score *= UNEXPLAINED_FACTOR ** sum(
        1 for i, t in enumerate(query) if len(t) > 1 and i not in strong
    )
    if _initials_spell(query, listed):
        score = max(score, INITIALS_SCORE)
    if len(query) == 1 and len(query[0]) <= 3 and pairs and pairs[0][3] == "vowels dropped":
        score = min(score, SHORT_DEVOWEL_SIM)  # "CSC" alone is not enough for "CASIC"
    if len(query) == 1 and len(listed) > 1:
        score = min(score, SINGLE_TOKEN_CAP)
        if len(query[0]) <= 3 and len(listed) >= 3:
            # "WHO" against "Those Who Sign in Blood": a short word among many
            score = min(score, SHORT_SINGLE_CAP)
    if _numbers(query) - _numbers(listed):
        # "Korea Samma Shipping 2" is not "Korea Samma Shipping", "M24" not "M23": a number
        # the listed name does not have names another ship, unit or company
        return NameScore(round(min(score, DIGITS_CAP), 4), "other number",
                         tuple((q, n, s) for q, n, s, _ in pairs))  # fmt: skip
    if len(query) != len(listed) and "".join(query) == "".join(listed):
        return NameScore(1.0, "spacing", ())  # "Ri Wonho" for "Ri Won Ho", "Hongkong"
    method = _method(query, listed, pairs)
    if contains and len(query) > len(listed) >= 2:
        contained = _contained(query, listed, chosen, n_cov)
        if contained > score:
            score, method = contained, "contained name"
    if person and len(listed) >= 3 and len(query) >= 2:
        first = any(o[4] == 0 for o in chosen)
        last = any(o[5] == len(listed) for o in chosen)
        if (
            first
            and last
            and len(query) == 2
            and len(chosen) == 2
            and min(o[0] for o in chosen) >= FIRST_LAST_SIM
            and listed[-2] not in _BOUND_BEFORE
            and listed[0] not in listed[1:]
        ):
            # "Muammar Qadhafi" for "Muammar Mohammed Abu Minyar Qadhafi": the given name and
            # the family name, the names between left out as the press does
            score = max(score, FIRST_LAST_SCORE)
        kunya = (
            len(query) == 2
            and listed[-2] in _BOUND_BEFORE
            and not any(o[4] <= len(listed) - 2 < o[5] for o in chosen)
        )  # "Noor Mohammad" for "Nur al-Deen Abu Mohammed": Abu Mohammed is one name
        if not first or not last and len(query) == 2 or kunya:
            # the listed person's first name unmet, or two names that leave the last one out:
            # a relative, or a namesake ("Kim Chol" for "Kim Chol Sam", "Noor Mohammad" for
            # "Noor Mohammad Saqib"); three names leaving out a last nisba stay a match ("Ali
            # Hassan al-Majid" for "Ali Hassan al-Majid al-Tikriti")
            score = min(score, FIRST_MISSING_CAP)
    if set(query) & _GENERATIONS and not set(listed) & _GENERATIONS:
        score = min(score, FIRST_MISSING_CAP)  # "Kim Yong Chol Jr": the son, maybe
    return NameScore(round(score, 4), method, tuple((q, n, s) for q, n, s, _ in pairs))


# a last name after these is part of a compound ("Abdul Karim", "Abu Mohammed", "bin Salman"),
# not a family name standing alone
_BOUND_BEFORE = frozenset({"abdul", "abd", "abu", "abou", "bin", "ben", "ibn", "ould", "bint"})
_GENERATIONS = frozenset({"jr", "junior", "sr", "senior", "ii", "iii", "fils"})
_DIGITS = re.compile(r"\d+")


def _numbers(tokens: tuple[str, ...]) -> set[str]:
    """The numbers written in a name's tokens ("m23" -> {"23"})."""
    return {n for t in tokens for n in _DIGITS.findall(t)}


def _initials_spell(query: tuple[str, ...], listed: tuple[str, ...]) -> bool:
    """ "M. H. M. S. Al-Ahdal" for "Mohammed Hamid Mohammed Saleh Al-Ahdal": two initials or
    more, one for each of the listed name's other words in order, and the rest written out
    exactly (a family name of five letters or more)."""
    initials = [t for t in query if len(t) == 1]
    words = tuple(t for t in query if len(t) > 1)
    if len(initials) < 2 or not words or query[: len(initials)] != tuple(initials):
        return False  # the initials first, then the names written out
    given = listed[: len(listed) - len(words)]
    if listed[len(given) :] != words or sum(len(w) for w in words) < 5:
        return False
    if len(initials) < len(given) - 1:  # one initial may be lost ("S." read as a stopword)
        return False
    letters = iter(t[0] for t in given)
    return all(any(i == c for c in letters) for i in initials)  # in order


def _swapped(chosen: list[_Option], father: int, query: tuple[str, ...]) -> bool:
    """True when the query's father's name (position ``father``) meets a list token before
    every list token met by the query's own given name (the tokens before it)."""
    own = [o[4] for o in chosen if o[3] <= father and o[6] not in PATRONYMIC_MARKERS]
    dad = [o[4] for o in chosen if o[2] <= father < o[3]]
    return bool(own and dad) and dad[0] < min(own)


def _contained(
    query: tuple[str, ...], listed: tuple[str, ...], chosen: list[_Option], n_cov: float
) -> float:
    """Score of a listed name met whole inside a longer query, or 0.

    Every listed token must be met well and in the listed order, the query must start with
    the listed name, and at most one more query token (two for listed names of three tokens or
    more) may be left over.
    """
    met_n = {j for o in chosen if o[0] >= CONTAINED_MIN_PAIR for j in range(o[4], o[5])}
    if len(met_n) < len(listed):
        return 0.0
    if len(listed) == 2 and sum(len(t) for t in listed) < CONTAINED_MIN_CHARS:
        return 0.0
    order = sorted((o[2], o[4]) for o in chosen)
    if order[0][0] != 0 or any(a[1] > b[1] for a, b in zip(order, order[1:])):
        return 0.0  # the query must start with the listed name's first token, in its order
    met_q = {i for o in chosen for i in range(o[2], o[3])}
    extra = len(query) - len(met_q)
    if extra < 1 or extra > (1 if len(listed) == 2 else 2):
        return 0.0
    return CONTAINED_FACTOR * min(n_cov, 1.0) - 0.02 * (extra - 1)


def _best_pairs(
    query: tuple[str, ...],
    listed: tuple[str, ...],
    lookup: Lookup | None = None,
    syllabic: bool = False,
) -> tuple[list[tuple[str, str, float, str]], set[int], list[_Option]]:
    """Greedy one-to-one alignment of query tokens with list tokens by similarity.

    Tokens left without a near-exact partner may then also pair as two adjacent tokens
    written together ("Won Ho" / "Wonho"). Also returns the query positions met by a strong
    pair (>= STRONG_PAIR_SIM).
    """
    singles = _single_options(query, listed, lookup)
    chosen = _greedy(singles)
    weak_q = set(range(len(query))) - {i for o in chosen if o[0] >= 0.9 for i in range(o[2], o[3])}
    weak_n = set(range(len(listed))) - {i for o in chosen if o[0] >= 0.9 for i in range(o[4], o[5])}
    if weak_q and weak_n and (len(weak_q) > 1 or len(weak_n) > 1):
        q_pairs, n_pairs = _spans(query, weak_q, 2), _spans(listed, weak_n, 2)
        extra = _options(q_pairs, _spans(listed, weak_n, 1)) + _options(
            _spans(query, weak_q, 1), n_pairs
        )
        if syllabic:  # syllables written together must be equal, character for character
            extra = [o for o in extra if o[0] == 1.0]
        if extra:
            chosen = _greedy(singles + extra)
    strong = {i for o in chosen if o[0] >= STRONG_PAIR_SIM for i in range(o[2], o[3])}
    pairs = [(o[6], o[7], o[0], o[8] if o[1] == 2 else "spacing") for o in chosen]
    return pairs, strong, chosen


_Option = tuple[float, int, int, int, int, int, str, str, str]


def _spans(
    tokens: tuple[str, ...], only: set[int] | None, width: int
) -> list[tuple[int, int, str]]:
    """Spans of ``width`` adjacent tokens (all inside ``only`` when given) as (start, end, text)."""
    out = []
    for i in range(len(tokens) - width + 1):
        if only is None or all(k in only for k in range(i, i + width)):
            out.append((i, i + width, "".join(tokens[i : i + width])))
    return out


def _single_options(
    query: tuple[str, ...], listed: tuple[str, ...], lookup: Lookup | None
) -> list[_Option]:
    """Every query token x list token pair similar enough to be considered."""
    out = []
    for i, qt in enumerate(query):
        for j, nt in enumerate(listed):
            sim, how = lookup(i, nt) if lookup else token_similarity(qt, nt)
            if sim >= MIN_PAIR_SIM:
                out.append((sim, 2, i, i + 1, j, j + 1, qt, nt, how))
    return out


def _options(
    qspans: list[tuple[int, int, str]], nspans: list[tuple[int, int, str]]
) -> list[_Option]:
    """Every query span x list span pair similar enough to be considered."""
    out = []
    for qs, qe, qt in qspans:
        for ns, ne, nt in nspans:
            if abs(len(qt) - len(nt)) > max(2, len(nt) // 4):  # cannot reach MIN_PAIR_SIM well
                continue
            sim, how = token_similarity(qt, nt)
            if sim >= MIN_PAIR_SIM:
                out.append((sim, qe - qs + ne - ns, qs, qe, ns, ne, qt, nt, how))
    return out


def _greedy(options: list[_Option]) -> list[_Option]:
    """Best pairs first, each token used once."""
    options = sorted(options, key=lambda o: (-o[0], o[1]))
    used_q: set[int] = set()
    used_n: set[int] = set()
    chosen = []
    for o in options:
        q_range, n_range = range(o[2], o[3]), range(o[4], o[5])
        if any(i in used_q for i in q_range) or any(i in used_n for i in n_range):
            continue
        used_q.update(q_range)
        used_n.update(n_range)
        chosen.append(o)
    return chosen


def _method(query: tuple[str, ...], listed: tuple[str, ...], pairs: list) -> str:
    """The weakest way any token pair met, in words for the explanation."""
    hows = {how for _, _, _, how in pairs}
    for how in (
        "fuzzy",
        "vowels dropped",
        "abbreviation",
        "romanisation",
        "truncation",
        "OCR confusion",
        "phonetic",
        "initials",
        "spacing",
        "transliteration",
    ):
        if how in hows:
            return how
    if sorted(query) == sorted(listed):
        return "token reorder"
    return "partial name" if len(pairs) < max(len(query), len(listed)) else "exact"
