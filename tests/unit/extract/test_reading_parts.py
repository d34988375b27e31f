"""The extractor's parts: the gazetteer, quantities and dates, glosses of named systems."""

from __future__ import annotations

import pytest

from service.extract.gazetteer import gazetteer
from service.extract.quantities import dates, parse_number, quantities
from service.extract.systems import glosses
from service.extract.text import fold
from service.goods.classifier import Classifier
from service.ruletree import load_tree


@pytest.mark.parametrize(
    ("name", "code", "kind"),
    [
        ("Nampo", "KP", "port"),
        ("Moscou", "RU", "capital"),
        ("the Kremlin", "RU", "capital"),
        ("République populaire démocratique de Corée", "KP", "country"),
        ("nord-coréennes", "KP", "demonym"),
        ("iraniens", "IR", "demonym"),
        ("Владивостоке", "RU", "city"),  # the prepositional case, generated
        ("Tatarstan", "RU", "region"),
    ],
)
def test_names_of_places_give_their_country(name: str, code: str, kind: str) -> None:
    words = fold(name).split()
    end, _, place = gazetteer().longest(words, 0) or (0, "", None)
    assert place is not None and end == len(words)
    assert (place.codes[0], place.kind) == (code, kind)


def test_misspelt_important_names_are_found_and_ordinary_words_are_not() -> None:
    g = gazetteer()
    assert g.fuzzy(["pyongyan"], 0)[2].codes == ("KP",)  # type: ignore[index]
    assert g.fuzzy(["untied", "arab", "emirates"], 0)[2].codes == ("AE",)  # type: ignore[index]
    assert g.fuzzy(["barils"], 0, longer_only=True) is None
    assert g.entries["nice"].common and g.entries["korea"].ambiguous


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("600 000 barils de pétrole", 600_000, "bbl"),
        ("1,2 million de barils", 1_200_000, "bbl"),
        ("more than one million barrels", 1_000_000, "bbl"),
        ("5 млн тонн пшеницы", 5_000_000, "t"),
        ("15,000 MT ANTHRACITE", 15_000, "t"),
        ("40.000 toneladas de café", 40_000, "t"),
        ("300 pcs 7.62mm rifles", 300, "pieces"),
        ("800 M3 DE GRUMES", 800, "m3"),
    ],
)
def test_quantities_as_written(text: str, amount: float, unit: str) -> None:
    [q] = quantities(text)
    assert (q.amount, q.unit) == (amount, unit)


def test_numbers_that_are_no_quantities() -> None:
    assert quantities("Facture n° 2024-118, 152 mm shells in 2019") == []
    assert [q.text for q in quantities("des millions d'obus")] == ["des millions"]
    assert parse_number("6,700") == 6700 and parse_number("1,2") == 1.2


def test_dates_in_several_languages_and_forms() -> None:
    found = dates("Le 2 juillet 2019; on 14 January 2018; 14 NOV 2022; 03/02/2019; en mars 2024.")
    assert [d.value for d in found] == [
        "2019-07-02", "2018-01-14", "2022-11-14", "2019-02-03", "2024-03",
    ]  # fmt: skip
    assert str(found[-1].as_date()) == "2024-03-15"  # a month alone is screened on its 15th


def test_every_gloss_reads_as_its_category() -> None:
    classifier = Classifier(load_tree(None).taxonomy)
    table, _ = glosses()
    for name, gloss in table.items():
        found = classifier.classify(gloss.gloss).categories
        assert any(c == gloss.category or c.startswith(gloss.category + ".") for c in found), name
