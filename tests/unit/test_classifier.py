"""Goods classification on a small inline taxonomy: terms, languages, HS codes, conflicts."""

from __future__ import annotations

import pytest

from service.goods.classifier import Classifier
from service.goods.taxonomy import load_taxonomy


@pytest.fixture
def classify(rule_tree):
    root = rule_tree({})
    c = Classifier(load_taxonomy(root / "goods" / "taxonomy.yaml", root / "goods" / "hs2022.csv"))
    return c.classify


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("152 mm artillery shells", ("arms.ammunition.artillery",)),
        ("152mm shells", ("arms.ammunition.artillery",)),
        ("Obus de 152 mm", ("arms.ammunition.artillery",)),
        ("OBÜS", ("arms.ammunition.artillery",)),
        ("Rifles, AK-47", ("arms.small_arms",)),
        ("снайперские винтовки", ("arms.small_arms",)),
        ("自动步枪", ("arms.small_arms",)),
        ("경유 500톤", ("petroleum.refined",)),
        ("7.62×39 cartridges", ("arms.ammunition.small_arms",)),
        ("toy gun with weapons sound", ()),
        ("rice", ("food",)),
        ("garden furniture", ()),
    ],
)
def test_descriptions(classify, description: str, expected: tuple[str, ...]) -> None:
    assert classify(description).categories == expected


def test_evidence_names_term_and_language(classify) -> None:
    result = classify("obus de 122 mm")
    # "obus de <calibre>" outranks the "obus" inside it: one piece of evidence, not two
    assert [(e.kind, e.text, e.lang, e.category) for e in result.evidence] == [
        ("term", "obus de <n> mm", "fr", "arms.ammunition.artillery")
    ]
    assert result.expanded == {"arms", "arms.ammunition", "arms.ammunition.artillery"}


def test_hs_code_is_authoritative_and_refined_by_terms(classify) -> None:
    result = classify("152 mm artillery shells", "930690")
    assert result.categories == ("arms.ammunition.artillery",) and result.conflict is None
    assert result.hs_code == "930690" and result.hs_prefixes == ("930690",)


def test_conflict_between_code_and_description_is_reported(classify) -> None:
    result = classify("AK-47 rifles", "950300")
    assert result.categories == ("toys",)
    assert result.conflict == "description reads as arms.small_arms but HS 950300 declares toys"


def test_unknown_hs_code_falls_back_to_description(classify) -> None:
    result = classify("diesel", "999999")
    assert result.categories == ("petroleum.refined",) and result.hs_code is None
    assert "not in HS 2022" in result.notes[0]


def test_unclassified(classify) -> None:
    assert classify("assorted goods").unclassified
    assert not classify("assorted goods", "950300").unclassified


def test_bad_input_does_not_raise(classify) -> None:
    for text in ("", " ", "x" * 10_000, "\x00\x07", "𓀀𓀁"):
        assert classify(text).categories == ()


def test_a_reconciled_code_is_remembered_but_each_line_keeps_its_own_evidence(classify) -> None:
    # the decision for (code, categories) is memoised; the evidence is the line's own words
    first = classify("AK-47 rifles", "930190")
    second = classify("hunting rifles", "930190")
    assert first.categories == second.categories
    assert {e.text for e in first.evidence} != {e.text for e in second.evidence}
    again = classify("AK-47 rifles", "930190")
    assert again == first
