"""Language-bound terms, phrases over their parts, overrides and context words, implied categories."""

from __future__ import annotations

from service.goods.classifier import Classifier
from service.goods.lang import collisions, plausible_languages
from service.goods.taxonomy import G409, G410, load_taxonomy
from service.yamlsource import Collector

TAXONOMY = """\
version: 1
categories:
  - {id: gold, title: Gold, hs: ["7108"], terms: {en: [gold], fr: [or, lingot d or]}}
  - {id: textiles, title: Textiles, hs: ["61"], terms: {en: [cotton, sock]}}
  - {id: earth, title: Earth and stone, hs: ["25"], terms: {en: [salt]}}
  - id: medicine
    title: Medicines
    hs: ["30"]
    overrides: [earth]
    terms: {en: [oral rehydration salt]}
    context: {en: [tablet]}
  - {id: cultural, title: Cultural property, hs: ["9705"], terms: {en: [cuneiform tablet]}}
  - {id: arms, title: Arms, hs: ["93"], terms: {en: [rifle]}}
  - {id: vehicles, title: Vehicles, hs: ["87"], terms: {en: [truck]}}
  - {id: arms.tanks, title: Tanks, hs: ["8710"], terms: {en: [battle tank]}}
"""
HS = """\
section,hscode,description,parent,level
XIV,7108,Gold,71,4
XI,61,Apparel,TOTAL,2
V,25,Salt; earths and stone,TOTAL,2
VI,30,Pharmaceutical products,TOTAL,2
XXI,9705,Collections,97,4
XIX,93,Arms,TOTAL,2
XVII,87,Vehicles,TOTAL,2
XVII,8710,Tanks,87,4
"""


def _classifier(tmp_path, taxonomy: str = TAXONOMY, problems: Collector | None = None):
    (tmp_path / "taxonomy.yaml").write_text(taxonomy)
    (tmp_path / "hs.csv").write_text(HS)
    return Classifier(load_taxonomy(tmp_path / "taxonomy.yaml", tmp_path / "hs.csv", problems))


def test_collisions_read_the_stopword_lists() -> None:
    assert collisions("or", "fr") == ("en",)
    assert collisions("car", "en") == ("fr",)
    assert collisions("lingot d or", "fr") == ()  # a phrase is not a common word
    assert collisions("rifle", "en") == ()


def test_a_bound_term_matches_only_where_its_language_is_plausible(tmp_path) -> None:
    classify = _classifier(tmp_path).classify
    assert classify("cotton or wool socks").categories == ("textiles",)
    assert classify("OR FIN EN LINGOTS 999,9").categories == ("gold",)
    assert classify("lingots d'or").categories == ("gold",)  # unbound phrase: no detection


def test_detection_is_cached_per_description() -> None:
    plausible_languages.cache_clear()
    assert "en" in plausible_languages("soybeans or maize")
    assert "fr" not in plausible_languages("soybeans or maize")
    plausible_languages("soybeans or maize")
    assert plausible_languages.cache_info().misses == 1


def test_lint_reports_bound_terms_with_their_position(tmp_path) -> None:
    problems = Collector()
    _classifier(tmp_path, problems=problems)
    found = [p for p in problems.problems if p.code == G409.code]
    assert len(found) == 1 and found[0].severity == "warning"
    assert (found[0].location.line, found[0].location.col) == (3, 68)
    assert "'or'" in found[0].message and "en" in found[0].message


def test_overrides_must_name_known_categories(tmp_path) -> None:
    problems = Collector()
    _classifier(tmp_path, TAXONOMY.replace("overrides: [earth]", "overrides: [earthh]"), problems)
    assert [p.code for p in problems.problems if p.severity == "error"] == [G410.code]


def test_a_phrase_outranks_its_parts_and_a_medicine_outranks_its_salt(tmp_path) -> None:
    classify = _classifier(tmp_path).classify
    ors = classify("oral rehydration salts")
    assert ors.categories == ("medicine",)
    assert [e.text for e in ors.evidence] == ["oral rehydration salts"]
    assert classify("salt").categories == ("earth",)
    assert classify("ORS, rehydration salt tablets").categories == ("medicine",)  # context word


def test_a_context_word_alone_gives_nothing(tmp_path) -> None:
    classify = _classifier(tmp_path).classify
    assert classify("tablet").categories == ()
    assert classify("cuneiform tablet").categories == ("cultural",)


def test_a_declared_code_and_its_medicine_do_not_conflict(tmp_path) -> None:
    result = _classifier(tmp_path).classify("oral rehydration salts", "30")
    assert result.categories == ("medicine",) and result.conflict is None


def test_a_category_implies_those_its_hs_prefixes_fall_under(tmp_path) -> None:
    classify = _classifier(tmp_path).classify
    assert classify("battle tanks").categories == ("arms.tanks", "vehicles")
    assert classify("rifles").categories == ("arms",)
