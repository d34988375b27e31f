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


@pytest.mark.parametrize(
    ("description", "heading"),
    [
        ("велосипеды детские, 200 шт", "8712"),  # Russian plural, read through its stem
        ("儿童自行车 200辆", "8712"),  # Chinese, found as a substring
        ("자전거를 수출", "8712"),  # Korean with a particle written onto the word
        ("bicicletas de montaña", "8712"),
        ("машины стиральные бытовые", "8450"),
    ],
)
def test_the_glossary_reads_goods_lines_in_other_languages(description: str, heading: str) -> None:
    found = classifier().suggest(description)
    assert heading in [s.code[:4] for s in found], found


def test_without_the_glossary_those_lines_find_nothing_useful() -> None:
    bare = HsIndex(classifier().taxonomy.hs_rows)  # the nomenclature alone, English only
    assert "8712" not in [s.code[:4] for s in bare.suggest("儿童自行车 200辆")]
    assert "8712" not in [s.code[:4] for s in bare.suggest("велосипеды детские")]


def test_a_glossary_entry_that_is_not_a_heading_is_an_error_with_its_position(tmp_path) -> None:
    from service.goods.taxonomy import G411
    from service.yamlsource import Collector

    (tmp_path / "taxonomy.yaml").write_text(
        "version: 1\ncategories:\n  - {id: cycles, title: Cycles, hs: ['8712'], terms: {en: [bicycle]}}\n"
    )
    (tmp_path / "hs2022.csv").write_text(
        "section,hscode,description,parent,level\nXVII,8712,Bicycles,87,4\n"
        "XVII,871200,Bicycles,8712,6\n"
    )
    (tmp_path / "hs_glossary.yaml").write_text(
        '"8712":\n  fr: [vélo]\n  xx: [bike]\n"9999":\n  fr: [rien]\n"8712x": {}\n'
    )
    problems = Collector()
    taxonomy = load_taxonomy(tmp_path / "taxonomy.yaml", tmp_path / "hs2022.csv", problems)
    found = [(p.code, p.location.line, p.location.col) for p in problems.problems]
    assert found == [(G411.code, 3, 3), (G411.code, 4, 1), (G411.code, 6, 1)], problems.problems
    assert taxonomy.hs_glossary == {"8712": ("vélo",)}
    assert Classifier(taxonomy).suggest("vélos tout terrain")[0].code == "871200"


def test_the_three_suggestions_are_three_headings_when_three_are_plausible() -> None:
    # "seamless steel pipes": 7304, 7306 and 7305 all read well, so the officer sees three
    # alternatives rather than three subheadings of 7304
    found = classifier().suggest("seamless steel pipes")
    assert [s.code[:4] for s in found] == ["7304", "7306", "7305"]
    # "ploughs": two headings are plausible, the best one's next subheading fills the third
    found = classifier().suggest("ploughs")
    assert [s.code[:4] for s in found] == ["8432", "8430", "8432"]
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
