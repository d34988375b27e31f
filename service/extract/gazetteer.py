"""Place names → countries: country names in many languages, demonyms, capitals, cities, ports
and regions (``data/places.tsv.gz``, built by ``scripts/build_places.py``; see
data/PROVENANCE.md), looked up as the longest run of folded words, with a fuzzy fallback for
misspelt names of countries, capitals and large ports and cities ("Pyongyan", "Untied Arab
Emirates").
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from service.countries import is_code

DATA = Path(__file__).resolve().parent / "data" / "places.tsv.gz"
KINDS = ("country", "demonym", "capital", "city", "port", "region")
KINDS_RANK = {"country": 6, "demonym": 5, "capital": 4, "port": 3, "city": 2, "region": 1}
FUZZY_KINDS = frozenset({"country", "demonym", "capital"})
FUZZY_MIN_WEIGHT = 10.0  # ports of 300,000 people, cities of 1.5 million (log10 twice + bonus)


@dataclass(frozen=True, slots=True)
class Place:
    """What one name stands for."""

    codes: tuple[str, ...]  # ISO 3166-1 alpha-2; more than one when the name is ambiguous
    kind: str
    common: bool  # also a common word: wants a capital or a place slot
    upper: bool  # a code such as DPRK: only written in capitals
    weight: float

    @property
    def ambiguous(self) -> bool:
        return len(self.codes) > 1


# CLDR and UN/LOCODE also name places under codes ISO reserves for a territory of a country
# (the Canary Islands, Ascension, Clipperton) or that it withdrew (Zaire); they stand for that
# country. Every other code that is not an assigned country (UN, EU, EZ, ZZ, XA, XZ for
# international waters, DD for East Germany, AN, CS) names no country and is dropped.
_TERRITORY_OF = {"IC": "ES", "EA": "ES", "AC": "SH", "TA": "SH", "DG": "IO", "CP": "FR",
                 "CQ": "GG", "ZR": "CD"}  # fmt: skip


_RU_CASE_ENDINGS = ("ами", "ями", "ого", "ему", "ом", "ем", "ой", "ей", "ью", "ах", "ях", "а", "я",
                    "у", "ю", "е", "и", "ы")  # fmt: skip
# Russian names of ports the sources spell otherwise or lack (DPRK ports as Russian shipping
# documents write them)
_RU_PORTS = {
    "бандар аббас": "IR", "расон": "KP", "наджин": "KP", "раджин": "KP", "сонбон": "KP",
    "хамхын": "KP", "синыйджу": "KP", "чхондин": "KP", "хэджу": "KP", "вонсан": "KP",
    "новороссийск": "RU", "усть луга": "RU", "приморск": "RU",
    "ванино": "RU", "холмск": "RU", "корсаков": "RU", "ходейда": "YE", "шанхай": "CN",
    "дубай": "AE", "бейрут": "LB", "novorossiisk": "RU", "novorossiïsk": "RU",
    "novorossiisk port": "RU",
}  # fmt: skip


# Regions of the sanctioned conflicts, as reports name them, that the sources lack in English
# or French ("to the group in North Kivu" is not North, a town in the United States)
_REGIONS = {
    "north kivu": "CD", "south kivu": "CD", "sud kivu": "CD", "nord kivu": "CD",
    "north darfur": "SD", "south darfur": "SD", "west darfur": "SD", "central darfur": "SD",
    "east darfur": "SD", "darfour": "SD", "darfour ouest": "SD", "darfour nord": "SD",
    "darfour sud": "SD", "el geneina": "SD", "kordofan": "SD", "cyrenaica": "LY",
    "tripolitania": "LY", "cyrenaique": "LY", "tripolitaine": "LY", "дарфур": "SD",
    "северный дарфур": "SD", "южный дарфур": "SD", "западный дарфур": "SD",
    "puntland": "SO", "jubaland": "SO", "somaliland": "SO", "galmudug": "SO", "hirshabelle": "SO",
    "пунтленд": "SO", "ituri": "CD", "artibonite": "HT",
}  # fmt: skip


# Airports and bases the reports on those conflicts name, which the sources lack or would
# misread ("Benina airport in Benghazi" is not Benin)
_SITES = {
    "benina": "LY", "mitiga": "LY", "al watiya": "LY", "watiya": "LY", "al jufra": "LY",
    "al khadim": "LY", "sunan": "KP", "kusong": "KP", "sohae": "KP", "tongchang ri": "KP",
    "misrata": "LY", "misurata": "LY", "misratah": "LY", "порт восточный": "RU",
    "порту восточный": "RU", "port of vostochny": "RU", "el fasher": "SD", "al fashir": "SD",
    "poole": "GB", "rosario": "AR",  # over an Estonian name of Poland, a town of Aruba
    # the DPRK's provinces, which aid and sanctions reports name ("nurseries in South Hwanghae")
    "south hwanghae": "KP", "north hwanghae": "KP", "hwanghae": "KP", "south pyongan": "KP",
    "north pyongan": "KP", "south hamgyong": "KP", "north hamgyong": "KP", "chagang": "KP",
    "ryanggang": "KP", "hwanghae namdo": "KP", "hwanghae bukto": "KP", "kangson": "KP",
    "yongbyon": "KP", "punggye ri": "KP",
}  # fmt: skip


# not places here: "the ATF" is the US agency, not the French Southern Lands; "Vostok Coal
# Trading" not the station in Antarctica; "Kharg Island" not Iceland; compass words and "coast"
# are not the regions of Cameroon, Kenya or Zambia, nor ports named East or North
_AGENCIES = (
    "atf", "vostok", "island", "south", "north", "east", "west", "central", "centre", "southern",
    "northern", "littoral", "coast", "bay", "far north", "north west",
)  # fmt: skip


def _countries(codes: list[str]) -> tuple[str, ...]:
    """The assigned ISO 3166-1 countries a gazetteer line's codes stand for, in order."""
    mapped = (_TERRITORY_OF.get(c, c) for c in codes)
    return tuple(dict.fromkeys(c for c in mapped if is_code(c)))


class Gazetteer:
    """Longest-match lookup of folded word runs, and a fuzzy index of important names."""

    def __init__(self, entries: dict[str, Place]) -> None:
        self.entries = entries
        self.second_words: set[str] = set()  # second words of longer names ("noth KOREA")
        self.prefixes: set[str] = set()  # the first words of longer names, as runs
        for alias in [a for a in entries if " " in a]:
            words = alias.split(" ")
            for n in range(1, len(words)):
                self.prefixes.add(" ".join(words[:n]))
            if entries[alias].kind in ("country", "capital"):
                self.second_words.add(words[1])
        self._fuzzy: dict[tuple[str, int], list[str]] | None = None
        self._starts: dict[str, list[str]] = {}

    @classmethod
    def load(cls, path: Path = DATA) -> Gazetteer:
        entries: dict[str, Place] = {}
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                codes, kind, flags, weight, aliases = line.rstrip("\n").split("\t")
                found = _countries(codes.split("|"))
                if not found:
                    continue  # "the United Nations", "the eurozone", "East Germany": no country
                place = Place(found, kind, "c" in flags, "u" in flags, float(weight))
                entries.update(dict.fromkeys(aliases.split("|"), place))
        for alias, code in _RU_PORTS.items():
            entries.setdefault(alias, Place((code,), "port", False, False, 6.0))
        for alias, code in _REGIONS.items():
            entries.setdefault(alias, Place((code,), "region", False, False, 6.0))
        for alias, code in _SITES.items():  # over another language's name ("Benina", Benin)
            entries[alias] = Place((code,), "city", False, False, 6.0)
        for alias in _AGENCIES:
            entries.pop(alias, None)
        return cls(entries)

    def longest(self, words: list[str], start: int) -> tuple[int, str, Place] | None:
        """(end, alias, place) of the longest name starting at ``start``; a Russian name's
        last word may carry a case ending ("из Бандар-Аббаса", "в Астрахани")."""
        alias = words[start]
        best = None
        place = self.entries.get(alias) or self._declined(alias)
        if place is not None:
            best = (start + 1, alias, place)
        end = start + 1
        while alias in self.prefixes and end < len(words):
            alias = alias + " " + words[end]
            end += 1
            place = self.entries.get(alias) or self._declined(alias)
            if place is not None:
                best = (end, alias, place)
        return best

    def _declined(self, alias: str) -> Place | None:
        """The place a Russian name in another case stands for: its ending taken off, the
        nominative's restored (Астрахани → Астрахань, Чхонджина → Чхонджин)."""
        if not alias or not "\u0430" <= alias[-1] <= "\u044f":
            return None
        for end in _RU_CASE_ENDINGS:
            if alias.endswith(end) and len(alias) - len(end) >= 4:
                stem = alias[: -len(end)]
                for form in (stem, stem + "ь", stem + "а", stem + "я", stem + "й"):
                    place = self.entries.get(form)
                    if place is not None and not place.common:
                        return place
        return None

    def fuzzy(
        self, words: list[str], start: int, longer_only: bool = False
    ) -> tuple[int, str, Place] | None:
        """A misspelt important name at ``start``: one edit in a word of four letters or more
        (two from nine), the first two letters right, the other words of a longer name exact."""
        word = words[start]
        if len(word) < 4 or not word.isalpha():
            return None
        limit = 2 if len(word) >= 9 else 1
        best: tuple[int, str, Place] | None = None
        index = self._fuzzy_index()
        bucket = [
            w for n in range(len(word) - limit, len(word) + limit + 1)
            for w in index.get((word[:2], n), ())
        ]  # fmt: skip
        best_key: tuple[int, int, int, float] | None = None
        for first, distance, _ in process.extract(
            word, bucket, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=40
        ):
            if first == word:
                continue
            for alias in self._starts[first]:
                rest = alias.split()[1:]
                if (len(word) < 5 or longer_only) and not rest:
                    continue
                end = start + 1 + len(rest)
                if words[start + 1 : end] == rest:
                    place = self.entries[alias]
                    key = (end, -int(distance), KINDS_RANK[place.kind], place.weight)
                    if best_key is None or key > best_key:
                        best, best_key = (end, alias, place), key
        return best

    def starts_longer(self, word: str) -> bool:
        """Is ``word`` the first word of an important name (a longer one may start with it)?"""
        self._fuzzy_index()
        return word in self._starts

    def fuzzy_rest(self, words: list[str], start: int) -> tuple[int, str, Place] | None:
        """An important name of several words whose first word is right and a later one
        misspelt by one edit (two from nine letters): "North Corea", "Saudi Arabai"; a word of
        four letters only by two letters swapped ("Corée du Nrod")."""
        self._fuzzy_index()
        best: tuple[int, str, Place] | None = None
        best_key: tuple[int, int, int, float] | None = None
        for alias in self._starts.get(words[start], ()):
            rest = alias.split()[1:]
            end = start + 1 + len(rest)
            got = words[start + 1 : end]
            if not rest or got == rest or len(got) != len(rest):
                continue
            distance = 0
            for g, w in zip(got, rest):
                if g != w:
                    # a short word only with two letters swapped ("Corée du Nrod")
                    swapped = len(w) == 4 and sorted(g) == sorted(w)
                    if (len(w) < 5 and not swapped) or not g.isalpha():
                        distance = 99
                        break
                    distance += DamerauLevenshtein.distance(g, w)
            if distance > (2 if max(map(len, rest)) >= 9 else 1):
                continue
            place = self.entries[alias]
            key = (end, -distance, KINDS_RANK[place.kind], place.weight)
            if best_key is None or key > best_key:
                best, best_key = (end, alias, place), key
        return best

    def _fuzzy_index(self) -> dict[tuple[str, int], list[str]]:
        """First words of important names, by first two letters and length (built on first use)."""
        if self._fuzzy is None:
            starts: dict[str, list[str]] = {}
            for alias, place in self.entries.items():
                if place.upper or (place.common and place.kind not in ("country", "capital")):
                    continue
                if place.kind not in FUZZY_KINDS and place.weight < FUZZY_MIN_WEIGHT:
                    continue
                first = alias.split(" ", 1)[0]
                if len(first) < (4 if " " in alias else 5) or not first.isalpha():
                    continue
                starts.setdefault(first, []).append(alias)
            index: dict[tuple[str, int], list[str]] = {}
            for first in starts:
                index.setdefault((first[:2], len(first)), []).append(first)
            self._starts = starts
            self._fuzzy = index
        return self._fuzzy


@cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    return Gazetteer.load()
