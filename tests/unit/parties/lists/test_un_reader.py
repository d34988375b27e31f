"""Parsing the official UN Consolidated List XML, and refusing bad input."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from service.parties.errors import ListError, PartiesError
from service.parties.lists import read_list, read_un
from service.parties.model import ListSnapshot, normalise_timestamp

EXPECTED_COUNTS = {
    "ISIL_AQ": 343, "TALIBAN": 140, "DPRK": 155, "IRAN": 121, "IRAQ": 75, "DRC": 53,
    "LIBYA": 30, "SOMALIA": 24, "CAR": 15, "SUDAN": 13, "HAITI": 11, "YEMEN": 11,
    "GUINEA_BISSAU": 10, "SOUTH_SUDAN": 8,
}  # fmt: skip
MINIMAL = (
    '<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST dateGenerated="2026-01-02T03:04:05Z">'
    "<INDIVIDUALS><INDIVIDUAL><FIRST_NAME> RI </FIRST_NAME><SECOND_NAME>WON HO</SECOND_NAME>"
    "<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.033 </REFERENCE_NUMBER>"
    "<LISTED_ON>2016-11-30-04:00</LISTED_ON><NEW_ELEMENT>x</NEW_ELEMENT>"
    "</INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>"
)


def test_counts_per_regime_match_format_md(un_new: ListSnapshot) -> None:
    assert un_new.counts() == EXPECTED_COUNTS
    kinds = [e.kind for e in un_new.entries]
    assert (kinds.count("individual"), kinds.count("entity")) == (737, 272)


def test_version_and_sha256_of_shipped_copy(un_new: ListSnapshot) -> None:
    assert un_new.version == "un:2026-05-08T23:00:06Z#1f1b3bfe"
    assert un_new.sha256 == "1f1b3bfe29a53e7ac7c42ee4e58d6a7d1ebdf7c5e91fd990d3e63aefe0313dea"


def test_older_list_counts(un_old: ListSnapshot) -> None:
    assert len(un_old.entries) == 1003
    assert un_old.counts()["SUDAN"] == 9


def test_individual_fields(un_new: ListSnapshot) -> None:
    ri = un_new.by_reference()["KPi.033"]
    assert (ri.name, ri.kind, ri.regime, ri.list_type) == (
        "RI WON HO",
        "individual",
        "DPRK",
        "DPRK",
    )
    assert ri.names[0].parts == ("RI", "WON HO")
    assert ri.listed_on == date(2016, 11, 30)
    assert ri.nationalities == ("Democratic People's Republic of Korea",)
    assert ri.dates_of_birth[0].date == "1964-07-17"
    assert (ri.documents[0].type, ri.documents[0].number) == ("Passport", "381310014")


def test_name_parts_are_stripped_and_joined(un_new: ListSnapshot) -> None:
    entry = un_new.by_reference()["SDi.007"]
    assert entry.name == "GEDO HAMDAN AHMED"


def test_entity_aliases_and_original_script(un_new: ListSnapshot) -> None:
    houthis = un_new.by_reference()["YEe.001"]
    assert houthis.kind == "entity" and houthis.regime == "YEMEN"
    aliases = {n.full: n.quality for n in houthis.names if n.kind == "alias"}
    assert aliases["ANSARALLAH"] == "aka"
    originals = [n for e in un_new.entries for n in e.names if n.kind == "original"]
    assert len(originals) == 380


def test_individual_alias_qualities(un_new: ListSnapshot) -> None:
    qualities = {n.quality for e in un_new.entries if e.kind == "individual" for n in e.names}
    assert {"primary", "good", "low", "original"} <= qualities


def test_date_of_birth_kinds(un_new: ListSnapshot) -> None:
    kinds = {d.kind for e in un_new.entries for d in e.dates_of_birth}
    assert kinds == {"exact", "approximately", "between", "year"}
    between = next(d for e in un_new.entries for d in e.dates_of_birth if d.kind == "between")
    assert between.from_year and between.to_year and between.year_range()


def test_imo_numbers_from_comments(un_new: ListSnapshot) -> None:
    numbers = [n for e in un_new.entries for n in e.imo_numbers]
    assert len(numbers) == 16 and all(len(n) == 7 and n.isdigit() for n in numbers)
    holders = {e.reference for e in un_new.entries if e.imo_numbers}
    assert all(ref.startswith("KPe.") for ref in holders)
    assert "5571322" in numbers and "1790183" in numbers


def test_references_are_stripped(un_new: ListSnapshot) -> None:
    assert all(e.reference == e.reference.strip() for e in un_new.entries)
    assert "KPe.051" in un_new.by_reference()


def test_minimal_document_tolerates_unknown_elements() -> None:
    lst = read_un(MINIMAL)
    (entry,) = lst.entries
    assert (entry.reference, entry.name, entry.listed_on) == (
        "KPi.033",
        "RI WON HO",
        date(2016, 11, 30),
    )
    assert lst.version == f"un:2026-01-02T03:04:05Z#{lst.sha256[:8]}"


def test_gzip_and_path_inputs(tmp_path: Path) -> None:
    path = tmp_path / "list.xml.gz"
    path.write_bytes(gzip.compress(MINIMAL.encode()))
    assert read_un(path).entries[0].reference == "KPi.033"
    assert read_un(MINIMAL.encode()).entries[0].reference == "KPi.033"


@pytest.mark.parametrize(
    "data, message",
    [
        ("", "empty"),
        ("<CONSOLIDATED_LIST dateGenerated='x'><INDIVIDUALS>", "malformed or truncated"),
        ("<CONSOLIDATED_LIST dateGenerated='2026-01-01T00:00:00Z'/>", "no INDIVIDUAL or ENTITY"),
        ("<OTHER/>", "expected <CONSOLIDATED_LIST>"),
        ('<!DOCTYPE x [<!ENTITY a "b">]><CONSOLIDATED_LIST/>', "forbidden"),
        ('<?xml version="1.0"?><!ENTITY lol "lol"><x/>', "forbidden"),
        (b"\x1f\x8bnot gzip", "gzip"),
    ],
)
def test_bad_input_is_refused(data: str | bytes, message: str) -> None:
    with pytest.raises(ListError, match=message) as caught:
        read_un(data)
    assert isinstance(caught.value, PartiesError) and "\n" not in caught.value.message


def test_truncated_real_file_is_refused(list_fixtures: Path) -> None:
    raw = gzip.decompress((list_fixtures / "un-consolidated-2026-02-27.xml.gz").read_bytes())
    with pytest.raises(ListError, match="truncated"):
        read_un(raw[: len(raw) // 2])


def test_size_limit() -> None:
    with pytest.raises(ListError, match="larger than 100 bytes"):
        read_un(MINIMAL, max_bytes=100)


def test_missing_file_is_a_list_error(tmp_path: Path) -> None:
    with pytest.raises(ListError, match="cannot read"):
        read_un(tmp_path / "absent.xml")


def test_regimes_come_from_regimes_yaml(un_regimes: dict[str, str]) -> None:
    assert (un_regimes["Al-Qaida"], un_regimes["GB"]) == ("ISIL_AQ", "GUINEA_BISSAU")
    assert un_regimes["SouthSudan"] == "SOUTH_SUDAN"
    (entry,) = read_un(MINIMAL.replace("DPRK", "Newland")).with_regimes(un_regimes).entries
    assert (entry.regime, entry.programmes) == ("", ("Newland",))


def test_read_list_by_format_name() -> None:
    assert read_list(MINIMAL, "un-xml").entries[0].reference == "KPi.033"
    with pytest.raises(ListError, match="unknown list format 'nope'; use one of .*un-xml"):
        read_list(MINIMAL, "nope")


def test_two_different_files_never_share_a_label() -> None:
    one, other = read_un(MINIMAL), read_un(MINIMAL.replace("WON HO", "WON-HO"))
    assert one.date_generated == other.date_generated and one.version != other.version


def test_timestamp_normalisation() -> None:
    assert normalise_timestamp("2020-11-24T20:23:07.617-05:00") == "2020-11-25T01:23:07Z"
