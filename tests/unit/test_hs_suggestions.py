"""HS 2022 subheadings suggested from text (service/goods/hsindex.py) over the real nomenclature."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from service.goods.classifier import Classifier
from service.goods.hsindex import HsIndex, stem, words
from service.goods.taxonomy import load_taxonomy

GOODS = Path(__file__).resolve().parents[2] / "rules" / "goods"


@cache
def classifier() -> Classifier:
    return Classifier(load_taxonomy(GOODS / "taxonomy.yaml", GOODS / "hs2022.csv"))


def test_words_drop_boilerplate_and_plurals() -> None:
    assert words("Bicycles and other cycles; not motorised") == ["bicycle", "cycle", "motorised"]
    assert stem("batteries") == "battery" and stem("glass") == "glass"


@pytest.mark.parametrize(
    ("description", "heading"),
    [
        ("Bicycles", "8712"),
        ("ploughs", "8432"),
        ("clutches and shaft couplings", "8483"),
        ("frozen shrimps, peeled", "0306"),
        ("portland cement, 50 kg bags", "2523"),
        ("seamless steel pipes", "7304"),
        ("cotton or wool socks", "6115"),
    ],
)
def test_top_three_hold_the_heading(description: str, heading: str) -> None:
    found = classifier().suggest(description)
    assert len(found) == 3 and heading in [s.code[:4] for s in found], found
    assert all(0 < s.score <= 1.5 for s in found)


def test_a_non_english_line_lands_under_its_categories() -> None:
    c = classifier()
    result = c.classify("снаряды 152 мм")
    assert result.hints is not None
    found = result.hints.suggestions()
    assert found and all(s.code.startswith("9306") for s in found)


def test_suggestions_show_in_the_goods_block_with_supporting_words() -> None:
    out = classifier().classify("Bicycles, 26 inch").to_dict(0)
    top = out["hs_suggestions"][0]
    assert top == {"code": "871200", "score": top["score"], "words": ["bicycle"]}


def test_a_confident_suggestion_in_another_chapter_is_reported_not_applied() -> None:
    result = classifier().classify("155mm HE projectiles", "870899")
    out = result.to_dict(0)
    assert out["hs_code"] == "870899" and result.hs_prefixes == ("870899",)
    assert "930690" in out["hs_mismatch"] and out["hs_mismatch"] in out["notes"]


def test_oral_rehydration_salts_under_3004_are_medicine_without_conflict() -> None:
    result = classifier().classify("oral rehydration salts", "300490")
    out = result.to_dict(0)
    assert out["categories"] == ["medicine"]
    assert "conflict" not in out and "hs_mismatch" not in out


def test_classifications_with_the_same_input_are_equal() -> None:
    c = classifier()
    assert c.classify("frozen crab", "030614") == c.classify("frozen crab", "030614")


def test_an_empty_index_suggests_nothing() -> None:
    assert HsIndex({}).suggest("anything") == ()
