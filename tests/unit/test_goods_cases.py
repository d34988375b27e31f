"""Labelled goods lines (tests/fixtures/goods_cases.yaml) against the real goods taxonomy."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

from service.goods.classifier import Classifier
from service.goods.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[2]
CASES = yaml.safe_load((ROOT / "tests" / "fixtures" / "goods_cases.yaml").read_text("utf-8"))[
    "cases"
]


@cache
def classifier() -> Classifier:
    goods = ROOT / "rules" / "goods"
    return Classifier(load_taxonomy(goods / "taxonomy.yaml", goods / "hs2022.csv"))


def failure(case: dict) -> str | None:
    """Why a case fails, or None when it passes."""
    r = classifier().classify(case["description"], case.get("hs_code"))
    expect, forbidden = case["expect"], case.get("not", [])
    if not expect and r.categories:
        return f"expected no category, got {list(r.categories)}"
    missing = [c for c in expect if c not in r.expanded]
    present = [c for c in forbidden if c in r.expanded]
    if missing or present:
        return f"missing {missing}, unwanted {present}; got {list(r.categories)}"
    return None


@pytest.mark.parametrize("case", CASES, ids=[c["description"] for c in CASES])
def test_case(case: dict) -> None:
    assert failure(case) is None, failure(case)


def test_cases_cover_every_language_and_category() -> None:
    assert {c["lang"] for c in CASES} == {"en", "fr", "es", "ru", "zh", "ar", "ko"}
    named = {cat for c in CASES for cat in c["expect"]}
    # "ordinary" is never a category of a result (test_recognised_goods_are_read_without_one)
    leaves = set(classifier().taxonomy.categories) - {"transport.road", "ordinary"}
    assert not {c for c in leaves if not any(n.startswith(c) for n in named)}


@pytest.mark.parametrize(
    "description",
    ["Iran shipped 250,000 tonnes of urea fertiliser", "Карбамид марки Б, 15 000 т, насыпью",
     "40 fauteuils roulants, don du CICR", "30 000 tonnes d'engrais urée"],
)  # fmt: skip
def test_recognised_goods_are_read_without_a_category(description: str) -> None:
    result = classifier().classify(description)
    assert result.categories == () and not result.unclassified
    assert "recognised as goods no measure names" in result.notes[0]


def test_a_vague_goods_word_stays_unclassified() -> None:
    assert classifier().classify("agricultural spare parts").unclassified


def test_accuracy_per_language_is_total() -> None:
    total, passed = Counter(), Counter()
    for case in CASES:
        total[case["lang"]] += 1
        passed[case["lang"]] += failure(case) is None
    accuracy = {lang: passed[lang] / n for lang, n in total.items()}
    assert accuracy == dict.fromkeys(total, 1.0), accuracy
