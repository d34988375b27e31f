"""Which lists block (SANCTIONS_BLOCKING_LISTS) and which only inform, with the real rules and
real list files: a match on a list that informs gives review naming the list, the entry and its
programme; the same match on a blocking list designates under the programme's UN regime."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from service.ruletree import RuleTree, load_tree
from service.screening import Screener, build_screener
from service.screening.lists import StoredList, current_lists, read_version
from service.settings import Settings

LISTS = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
FOUNDATION = "Gaddafi International Charity and Development Foundation"  # OFAC SDN, LIBYA2


@pytest.fixture(scope="module")
def tree() -> RuleTree:
    return load_tree()


@pytest.fixture(scope="module")
def lists(tree: RuleTree) -> list[StoredList]:
    """The bundled lists plus the OFAC SDN CSV sample and the OFAC non-SDN XML."""
    sdn = read_version(LISTS / "ofac-sdn-csv-sample.zip", "ofac-sdn-csv", tree,
                       published="2025-05-16")  # fmt: skip
    cons = read_version(LISTS / "ofac-consolidated-nonsdn-2026-01-08.xml.gz", "ofac-cons-xml", tree)
    return [*current_lists(None, tree), StoredList(None, sdn), StoredList(None, cons)]


def screener(tree: RuleTree, lists: list[StoredList], *blocking: str) -> Screener:
    settings = dataclasses.replace(Settings(), blocking_lists=blocking or ("un", "un-vessels"))
    return build_screener(settings, tree, lists)


def pay(name: str, kind: str = "organization") -> dict:
    return {
        "date": "2024-03-01",
        "type": "financial",
        "description": "payment for services",
        "parties": [{"role": "beneficiary", "name": name, "type": kind}],
    }


def test_ofac_programmes_get_their_un_regime(lists: list[StoredList]) -> None:
    sdn = next(s.snapshot for s in lists if s.snapshot.source == "ofac-sdn")
    regimes = {e.reference: (e.programmes, e.regime) for e in sdn.entries}
    assert regimes["12685"] == (("LIBYA2",), "LIBYA")
    assert regimes["20540"] == (("DPRK3",), "DPRK")
    assert regimes["40716"] == (("IRAN",), "")  # a US embargo maps to no UN regime
    assert regimes["11195"][1] == ""  # NPWMD, IFSR, IRAN-CON-ARMS-EO: none maps


def test_an_ofac_only_match_is_review_naming_the_list_and_programme(tree, lists) -> None:
    decision = screener(tree, lists).screen(pay(FOUNDATION)).to_dict()
    assert decision["outcome"] == "review"
    [finding] = decision["findings"]
    assert finding["rule"] == "screening.parties.possible_match"
    assert "matches ofac-sdn 12685 (programme LIBYA2)" in finding["explanation"]
    [match] = decision["parties"][0]["matches"][:1]
    assert (match["list"], match["programmes"], match["regime"]) == (
        "ofac-sdn",
        ["LIBYA2"],
        "LIBYA",
    )


def test_when_ofac_blocks_its_match_designates_under_the_mapped_regime(tree, lists) -> None:
    decision = screener(tree, lists, "un", "un-vessels", "ofac-sdn").screen(pay(FOUNDATION))
    out = decision.to_dict()
    assert out["outcome"] == "prohibited"
    assert any(f["rule"].startswith("unsc.libya.asset_freeze") for f in out["findings"])


def test_a_blocking_list_entry_without_a_regime_still_only_informs(tree, lists) -> None:
    # ofac-cons blocks, but NS-PLC (Palestinian Legislative Council) is no UN regime: review
    screen = screener(tree, lists, "un", "un-vessels", "ofac-cons")
    decision = screen.screen(pay("Ismail Abdul Salah HANIYA", "person")).to_dict()
    assert decision["outcome"] == "review"
    assert "ofac-cons 9639 (programme NS-PLC)" in decision["findings"][0]["explanation"]


def test_every_bundled_list_is_screened_and_named_in_the_version(tree) -> None:
    found = {s.snapshot.source: s.snapshot for s in current_lists(None, tree)}
    assert set(found) == {"un", "un-vessels"}
    version = screener(tree, list(current_lists(None, tree))).versions["list"]
    assert version == f"{found['un'].version} {found['un-vessels'].version}"


def test_each_stale_list_is_noted_alone_and_the_vessel_list_never(tree, lists) -> None:
    notes = screener(tree, lists).parties.notes(dt.date(2026, 5, 20))
    assert [n.split(" is ")[0] for n in notes] == [
        "the sanctions list ofac-sdn:2025-05-16T00:00:00Z#b7f6a177",
        "the sanctions list ofac-cons:2026-01-08T00:00:00Z#00d16d5f",
    ]  # un (12 days) is fresh; un-vessels is dated by its last designation, not published
    assert "369 days old (limit 30 days)" in notes[0]
