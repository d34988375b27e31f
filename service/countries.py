"""Country codes and names: ISO 3166-1 alpha-2 from a code or a name in many languages.

One strict policy for every caller (transaction parser, API, CLI, rule parser): a value is one
assigned country or it is refused, with the reason and, when it is ambiguous, the candidates.
Names come from CLDR (via Babel), pycountry (official and historic countries) and the
OpenSanctions ``countrynames`` data, compiled into ``service/data/countries.json`` by
``scripts/build_countries.py`` (see service/data/PROVENANCE.md).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

# An ISO 3166-2 subdivision code: the country, a hyphen, one to three letters or digits ("SD-DN").
REGION_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")

_DATA = Path(__file__).resolve().parent / "data" / "countries.json"
_ALPHABETS_END = 0x0780  # combining marks below this are diacritics, not vowels
# The one user-assigned code accepted as a country: XK is Kosovo for the European Commission,
# SWIFT, banks and the UN's own 1160 (1998) regime, which the rules encode. Every other
# user-assigned or reserved code (ZZ, EU, UN, AA, QM–QZ, XA–XZ) is refused.
KOSOVO = "XK"
_KOSOVO_NAMES = frozenset({"kosovo", "kosova", "republic of kosovo", "kosovo and metohija"})


def normalize_name(text: str) -> str:
    """Casefold, strip diacritics and punctuation, so spellings of one name compare equal.

    Only the diacritics of the alphabets (Latin, Greek, Cyrillic, Hebrew, Arabic) are dropped:
    in Indic and other scripts the combining marks are the vowels, and dropping them would make
    different names equal.

    >>> normalize_name("Côte d’Ivoire"), normalize_name("  KOREA, Republic of ")
    ('cote d ivoire', 'korea republic of')
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    kept = [
        ch if unicodedata.category(ch)[0] in "LNM" else " "
        for ch in text
        if not (ord(ch) < _ALPHABETS_END and unicodedata.combining(ch))
    ]
    return " ".join("".join(kept).split())


class CountryError(ValueError):
    """A value that is not one country: unknown, not an assigned code, or ambiguous."""

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


@dataclass(frozen=True)
class _Table:
    codes: frozenset[str]
    aliases: dict[str, str]
    retired: dict[str, list[str]]
    names: dict[str, str]
    ambiguous: dict[str, list[str]]
    titles: dict[str, str]


@cache
def _table() -> _Table:
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    return _Table(
        frozenset(raw["codes"]), raw["aliases"], raw["retired"], raw["names"], raw["ambiguous"],
        raw["titles"],
    )  # fmt: skip


def is_code(code: str) -> bool:
    """True for an assigned ISO 3166-1 alpha-2 code such as ``KP`` (not ``ZZ``, ``EU``, ``UN``),
    and for ``XK`` (Kosovo, see ``KOSOVO``)."""
    return code == KOSOVO or code in _table().codes


def title(code: str) -> str:
    """The English short name of an assigned code (``KP`` → ``North Korea``)."""
    return "Kosovo" if code == KOSOVO else _table().titles.get(code, code)


def _candidates(value: str, codes: list[str]) -> CountryError:
    listed = ", ".join(f"{c} ({title(c)})" for c in codes)
    return CountryError(
        f"'{value}' is ambiguous: it may mean {listed}; send the ISO 3166-1 alpha-2 code",
        tuple(codes),
    )


@lru_cache(maxsize=8192)  # values repeat (codes above all): each is resolved once
def resolve(value: str) -> str:
    """The alpha-2 code of an assigned code or a country name; raise :class:`CountryError`.

    Codes must be assigned (``ZZ``, ``EU``, ``UN`` are refused; ``UK`` and ``EL`` are ISO's
    exceptional reservations for GB and GR). Withdrawn codes and historic names resolve to the
    country that succeeded them when there is one (``ZR``/``Zaire`` → CD); names that stand for
    several countries (``Korea``, ``Congo``, a split country such as ``USSR``) are refused with
    the candidates.

    >>> resolve("kp"), resolve("Corée du Nord"), resolve("Zaire")
    ('KP', 'KP', 'CD')
    >>> try:
    ...     resolve("Korea")
    ... except CountryError as exc:
    ...     print(exc.candidates)
    ('KP', 'KR')
    """
    t = _table()
    text = value.strip()
    if not text:
        raise CountryError("is empty; send an ISO 3166-1 alpha-2 code such as KP")
    if len(text) == 2 and text.isascii() and text.isalpha():
        upper = t.aliases.get(text.upper(), text.upper())
        if upper in t.codes or upper == KOSOVO:
            return upper
        after = t.retired.get(upper)
        if after and len(after) == 1:
            return after[0]
        if after:
            raise _candidates(text, after)
        raise CountryError(
            f"'{text}' is not an assigned ISO 3166-1 alpha-2 country code "
            "(user-assigned and reserved codes such as ZZ, EU or UN are not countries; XK is "
            "accepted for Kosovo)"
        )
    key = normalize_name(text)
    found = t.names.get(key)
    if found is not None:
        return found
    if key in _KOSOVO_NAMES:
        return KOSOVO
    if key in t.ambiguous:
        raise _candidates(text, t.ambiguous[key])
    raise CountryError(
        f"'{text[:80]}' is not a known country code or name; "
        "send an ISO 3166-1 alpha-2 code such as KP"
    )


def to_code(value: str) -> str | None:
    """Return the alpha-2 code for a code or a country name, or None if it is not one country.

    >>> to_code("kp"), to_code("Democratic People's Republic of Korea"), to_code("Korea")
    ('KP', 'KP', None)
    """
    try:
        return resolve(value)
    except CountryError:
        return None


def mentions(text: str, max_words: int = 6) -> list[tuple[str, str]]:
    """Country names found in free text, longest first, as (code, normalised name) pairs.

    Only names (never two-letter codes, which are ordinary words in many languages); ambiguous
    names are skipped. A small fail-closed aid for text the service does not understand.

    >>> mentions("La Corée du Nord vend des obus d'artillerie à la Russie")
    [('KP', 'coree du nord'), ('RU', 'russie')]
    """
    words = normalize_name(text).split()
    names = _table().names
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        for n in range(min(max_words, len(words) - i), 0, -1):
            key = " ".join(words[i : i + n])
            found = names.get(key)
            if found is not None:
                out.append((found, key))
                i += n
                break
        else:
            i += 1
    return out
