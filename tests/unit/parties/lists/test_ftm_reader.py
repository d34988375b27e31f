"""Reading FollowTheMoney entity JSON lines (OpenSanctions), and refusing bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from service.parties.errors import ListError
from service.parties.lists import read_ftm, read_list
from service.parties.model import ListSnapshot

SAMPLE = "opensanctions-eu-fsf-2024-06-01.ftm.json"
# Hand-made lines in the FtM shapes OpenSanctions exports (the real sample has no vessel,
# Sanction or Passport entity).
VESSEL = {
    "id": "os-vessel-1",
    "schema": "Vessel",
    "caption": "PETREL 8",
    "properties": {
        "name": ["PETREL 8"],
        "alias": ["TIAN TAI 36"],
        "weakAlias": ["PETREL"],
        "imoNumber": ["IMO9562233"],
        "flag": ["km"],
    },
    "last_change": "2025-02-01T10:00:00",
    "target": True,
}
SANCTION = {
    "id": "os-sanction-1",
    "schema": "Sanction",
    "properties": {
        "entity": ["os-vessel-1"],
        "programId": ["UN-SC1718"],
        "listingDate": ["2017-10-03"],
        "unscId": ["KPv.001"],
    },
    "last_change": "2025-03-01T00:00:00",
}
PERSON = {
    "id": "os-person-1",
    "schema": "Person",
    "properties": {"name": ["Ri Won Ho"], "previousName": ["Ri Won-ho"], "birthDate": ["1964"]},
}
PASSPORT = {
    "id": "os-passport-1",
    "schema": "Passport",
    "properties": {"holder": ["os-person-1"], "number": ["381310014"], "country": ["kp"]},
}
NOT_TARGET = {"id": "os-x", "schema": "Person", "properties": {"name": ["X"]}, "target": False}


def lines(*objects: dict) -> str:
    return "\n".join(json.dumps(o, ensure_ascii=False) for o in objects) + "\n"


@pytest.fixture(scope="module")
def ftm(list_fixtures: Path) -> ListSnapshot:
    return read_ftm(list_fixtures / SAMPLE)


def test_counts_skip_non_targets_and_addresses(ftm: ListSnapshot) -> None:
    assert len(ftm.entries) == 6  # 7 lines: the Address (target false) is not a party
    kinds = [e.kind for e in ftm.entries]
    assert (kinds.count("individual"), kinds.count("entity")) == (4, 2)
    assert "NK-2MQE6AmhAk4tqhENJAMUG9" not in ftm.by_reference()


def test_date_is_the_latest_last_change(ftm: ListSnapshot) -> None:
    assert ftm.date_generated == "2024-03-28T18:57:01"
    assert ftm.version == "opensanctions:2024-03-28T18:57:01Z#eec07628"


def test_source_and_published_options(list_fixtures: Path) -> None:
    snap = read_list(list_fixtures / SAMPLE, "ftm-json", source="os-eu", published="2024-06-01")
    assert snap.version == "os-eu:2024-06-01T00:00:00Z#eec07628"
    assert {e.source for e in snap.entries} == {"os-eu"}


def test_person_fields(ftm: ListSnapshot) -> None:
    kuzmenko = ftm.by_reference()["NK-2Ka3UvopqbpZmVDFjWd4LA"]
    assert (kuzmenko.kind, kuzmenko.name, kuzmenko.gender) == (
        "individual",
        "Vitaly Yurievich KUZMENKO",
        "male",
    )
    assert [(n.full, n.kind, n.quality) for n in kuzmenko.names[1:]] == [
        ("Vitalij Kuzmenko", "alias", "good"),
        ("Виталий Юрьевич КУЗЬМЕНКО", "original", "original"),
    ]
    assert kuzmenko.dates_of_birth[0].date == "1971-01-22"
    assert kuzmenko.nationalities == ("ru",)
    assert (kuzmenko.documents[0].type, kuzmenko.documents[0].number) == (
        "Tax Number",
        "366510784303",
    )
    assert "datasets: eu_fsf" in kuzmenko.comments


def test_organisation_fields(ftm: ListSnapshot) -> None:
    tobacco = ftm.by_reference()["NK-2GdmHtZTeNXjNVrBGEXZNj"]
    assert (tobacco.kind, tobacco.name) == ("entity", "RAB „Inter Tobacco“")
    assert len(tobacco.names) == 12
    assert tobacco.documents[0].number == "808000714"
    assert tobacco.addresses[0].country == "by"
    assert ftm.by_reference()["NK-2Myxbs6wX9xFKGoQn3sLaY"].titles == ("Colonel",)


def test_vessel_with_its_sanction() -> None:
    snap = read_ftm(lines(VESSEL, SANCTION, PERSON, PASSPORT, NOT_TARGET))
    assert snap.date_generated == "2025-03-01T00:00:00"
    vessel = snap.by_reference()["os-vessel-1"]
    assert (vessel.kind, vessel.imo_numbers, vessel.vessel_flag) == ("vessel", ("9562233",), "KM")
    assert [(n.full, n.quality) for n in vessel.names] == [
        ("PETREL 8", "primary"),
        ("TIAN TAI 36", "aka"),
        ("PETREL", "low"),
    ]
    assert (vessel.programmes, vessel.listed_on, vessel.linked) == (
        ("UN-SC1718",),
        date(2017, 10, 3),
        ("un:KPv.001",),
    )
    person = snap.by_reference()["os-person-1"]
    assert person.names[1].quality == "fka" and person.dates_of_birth[0].year == 1964
    assert [(d.type, d.number, d.issuing_country) for d in person.documents] == [
        ("Passport", "381310014", "kp")
    ]
    assert set(snap.by_reference()) == {"os-vessel-1", "os-person-1"}


def test_entities_without_target_field_are_kept() -> None:
    snap = read_ftm(lines({**PERSON, "last_change": "2025-01-01"}))
    assert [e.reference for e in snap.entries] == ["os-person-1"]


def test_bad_json_names_its_line(list_fixtures: Path) -> None:
    text = (list_fixtures / SAMPLE).read_text("utf-8").splitlines()
    text.insert(3, '{"id": "broken", "schema": ')
    with pytest.raises(ListError, match="line 4 of the FtM file is not valid JSON") as caught:
        read_ftm("\n".join(text))
    assert "\n" not in caught.value.message


@pytest.mark.parametrize(
    "data, message",
    [
        ("", "empty"),
        ("[1, 2]\n", "line 1 of the FtM file is not a JSON object"),
        (lines({"schema": "Person", "properties": {"name": ["A"]}}), "line 1 .* without id"),
        (lines({"id": "a", "properties": {}}), "line 1 .* without schema"),
        (lines(PERSON), "no publication date"),
        (lines({**PERSON, "last_change": "last week"}), "unreadable publication date"),
        (lines({**VESSEL, "properties": {}}), "line 1 .* os-vessel-1 has no name"),
        (lines(SANCTION), "holds no records"),
        (lines(VESSEL, VESSEL), "duplicate reference os-vessel-1"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_bad_input_is_refused(data: str | bytes, message: str) -> None:
    with pytest.raises(ListError, match=message) as caught:
        read_ftm(data)
    assert "\n" not in caught.value.message


def test_truncated_file_is_refused(list_fixtures: Path) -> None:
    raw = (list_fixtures / SAMPLE).read_bytes()
    with pytest.raises(ListError, match="not valid JSON"):
        read_ftm(raw[: len(raw) - 100])


def test_size_limit(list_fixtures: Path) -> None:
    with pytest.raises(ListError, match="larger than 1000 bytes"):
        read_ftm(list_fixtures / SAMPLE, max_bytes=1000)
