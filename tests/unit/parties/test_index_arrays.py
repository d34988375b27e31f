"""The array-based name index returns exactly what the dict-based one did.

``_reference_index.py`` is the dict-and-set index the array one replaced, kept unchanged
(imports aside). Over every list the repository ships or keeps as a fixture, screened together,
and a few thousand queries (variants of listed names, names made of common listed tokens, and
unrelated names), both indexes must give the same candidates in the same order with the same
masks, and a Matcher on either must give the same results.
"""

from __future__ import annotations

import copy
import pickle
import random
from pathlib import Path

import pytest

from service.parties.index import NameIndex
from service.parties.lists import (
    load_bundled_un,
    load_bundled_un_vessels,
    read_eu,
    read_ftm,
    read_ofac_cons_xml,
    read_ofac_csv,
    read_uk,
    read_un,
)
from service.parties.matcher import CANDIDATES, Matcher, _query_forms
from service.parties.model import ListSnapshot
from service.parties.normalize import normalize_name

from ._reference_index import NameIndex as ReferenceIndex

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "lists"
UNRELATED = [
    "John Smith", "Maria Garcia", "Wei Zhang", "Olga Ivanova", "Ahmed Hassan", "Kim Min Jun",
    "Acme Trading LLC", "Global Shipping Co", "Pierre Dubois", "Nguyen Van Anh", "Ali",
    "Mohammed", "Abdul Rahman", "Al Qaida", "Korea", "Bank", "Ship Management", "Li Wei",
]  # fmt: skip


@pytest.fixture(scope="module")
def every_list() -> ListSnapshot:
    snaps = [
        load_bundled_un(),
        read_un(FIXTURES / "un-consolidated-2026-02-27.xml.gz"),
        load_bundled_un_vessels(),
        read_ofac_cons_xml(FIXTURES / "ofac-consolidated-nonsdn-2026-01-08.xml.gz"),
        read_ofac_csv(FIXTURES / "ofac-sdn-csv-sample.zip", published="2025-05-16"),
        read_eu(FIXTURES / "eu-fsf-2026-08-05-excerpt.xml"),
        read_uk(FIXTURES / "uk-sanctions-list-2026-03-26-excerpt.xml"),
        read_ftm(FIXTURES / "opensanctions-eu-fsf-2024-06-01.ftm.json"),
    ]
    entries = tuple(e for s in snaps for e in s.entries)
    return ListSnapshot("2026-01-01T00:00:00Z", "0" * 64, entries, "all")


@pytest.fixture(scope="module")
def matchers(every_list: ListSnapshot) -> tuple[Matcher, Matcher]:
    new = Matcher(every_list)
    old = copy.copy(new)
    old._index = ReferenceIndex(n.tokens for n in new._names)
    return new, old


def _variant(name: str, rng: random.Random) -> str:
    words = name.split()
    kind = rng.randrange(6)
    if kind == 0 and len(words) > 2:  # a dropped word
        del words[rng.randrange(len(words))]
    elif kind == 1:  # reversed order
        words.reverse()
    else:  # one letter deleted, doubled, swapped with the next, or replaced
        at = rng.randrange(len(words))
        w = words[at]
        if len(w) >= 3:
            i = rng.randrange(1, len(w) - 1)
            w = [w[:i] + w[i + 1 :], w[:i] + w[i] + w[i:], w[:i] + w[i + 1] + w[i] + w[i + 2 :],
                 w[:i] + rng.choice("aeiouyhk") + w[i + 1 :]][kind - 2]  # fmt: skip
        words[at] = w
    return " ".join(words)


def _queries(lst: ListSnapshot, count: int) -> list[str]:
    """Variants of listed names, names of common listed tokens (which seed candidates by
    intersecting two long postings), listed names as they are, and unrelated names."""
    rng = random.Random(20261202)
    names = [n.full for e in lst.entries for n in e.names]
    tokens = [t for n in names for t in n.split() if len(t) > 2]
    out = []
    while len(out) < count:
        roll = rng.random()
        if roll < 0.5:
            out.append(_variant(rng.choice(names), rng))
        elif roll < 0.75:
            out.append(" ".join(rng.choice(tokens) for _ in range(rng.choice((2, 2, 3, 4)))))
        elif roll < 0.9:
            out.append(rng.choice(names))
        else:
            out.append(rng.choice(UNRELATED))
    return out


def _crowded(lst: ListSnapshot, extra: int) -> tuple[list[tuple[str, ...]], list[str]]:
    """The list's names' tokens plus ``extra`` names made of its 60 commonest tokens (and a
    rare one now and then), so that common tokens post thousands of names."""
    names = [normalize_name(n.full).tokens for e in lst.entries for n in e.names]
    names = [t for t in names if t]
    counts: dict[str, int] = {}
    for tokens in names:
        for t in tokens:
            counts[t] = counts.get(t, 0) + 1
    common = sorted((t for t in counts if len(t) > 2), key=lambda t: -counts[t])[:60]
    rare = [t for t in counts if counts[t] == 1]
    rng = random.Random(7)
    weights = [1 / (i + 1) for i in range(len(common))]
    for _ in range(extra):
        made = rng.choices(common, weights, k=rng.choice((2, 3, 3, 4)))
        if rng.random() < 0.3:
            made.append(rng.choice(rare))
        names.append(tuple(made))
    return names, common


def _differ(new: NameIndex, old: ReferenceIndex, forms: list[tuple[str, ...]]) -> list:
    return [f for f in forms if new.candidates(f, CANDIDATES) != old.candidates(f, CANDIDATES)]


def test_same_candidates_in_the_same_order(
    every_list: ListSnapshot, matchers: tuple[Matcher, Matcher], monkeypatch: pytest.MonkeyPatch
) -> None:
    new, old = matchers
    seeded = []
    intersected = NameIndex._intersected
    monkeypatch.setattr(NameIndex, "_intersected",
                        lambda self, g, n: seeded.append(1) or intersected(self, g, n))  # fmt: skip
    forms = [
        f
        for q in _queries(every_list, 3000)
        for f, _father in _query_forms(normalize_name(q).tokens)
    ]
    assert len(forms) > 3000
    assert _differ(new._index, old._index, forms) == []
    # the lists are small: candidates are always counted, never seeded by an intersection
    assert seeded == []

    crowded, common = _crowded(every_list, 20_000)
    new_index, old_index = NameIndex(crowded), ReferenceIndex(crowded)
    rng = random.Random(3)
    forms += [tuple(_variant(" ".join(rng.sample(common[:8], rng.choice((2, 3)))), rng).split())
              for _ in range(1000)]  # fmt: skip
    assert _differ(new_index, old_index, forms) == []
    # with common tokens posting thousands of names, both ways of summing were exercised
    assert 100 <= len(seeded) < len(forms) // 2


def test_same_similar_tokens(matchers: tuple[Matcher, Matcher]) -> None:
    new, old = matchers
    for token in ["mohammed", "muhamad", "abdulrahman", "kim", "shipping", "qaida", "xq", "zzzz"]:
        assert new._index.similar_tokens(token) == old._index.similar_tokens(token)
        assert new._index.similar_table(token) == old._index.similar_table(token)


def test_same_match_results(every_list: ListSnapshot, matchers: tuple[Matcher, Matcher]) -> None:
    new, old = matchers
    queries = _queries(every_list, 2000)
    got = [new.match(q, limit=10) for q in queries]
    assert got == [old.match(q, limit=10) for q in queries]
    assert sum(1 for g in got if g) > 500  # the queries do meet listed names


def test_pickled_index_hashes_its_keys_again(matchers: tuple[Matcher, Matcher]) -> None:
    new, _ = matchers
    index = new._index
    again = pickle.loads(pickle.dumps(index))
    for tokens in [("mohammed", "ali"), ("kim", "jong", "un"), ("shiping", "company")]:
        assert again.candidates(tokens, CANDIDATES) == index.candidates(tokens, CANDIDATES)
        assert again.candidates(tokens, CANDIDATES)


def test_empty_and_unmet_queries() -> None:
    index = NameIndex([("ali", "hassan"), ("kim", "jong", "un"), ()])
    assert index.size == 3
    assert index.candidates((), CANDIDATES) == []
    assert index.candidates(("zzzzzz",), CANDIDATES) == []
    assert index.candidates(("kim", "jong"), CANDIDATES) == [(1, 3)]
    assert NameIndex([]).candidates(("ali",), CANDIDATES) == []
