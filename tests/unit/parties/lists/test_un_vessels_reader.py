"""Reading the un-vessels source shipped in the package, and refusing bad input."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from service.parties.errors import ListError
from service.parties.lists import (
    bundled_un_vessels_bytes,
    load_bundled_un_vessels,
    read_list,
    read_un_vessels,
)
from service.parties.model import ListSnapshot

ONE = """source: un-vessels
date: '2018-10-16'
vessels:
- name: PETREL 8
  imo: '9562233'
  flag_at_designation: KM
  regime: DPRK
  measures: [port_entry_ban]
  instrument: 1718 Committee designation of 2017-10-03
  paragraph: 2371 (2017) op. 6
  designated_on: 2017-10-03
  delisted_on: null
  status: listed
  url: https://example.org/1718
  verified: true
"""


@pytest.fixture(scope="module")
def vessels() -> ListSnapshot:
    return load_bundled_un_vessels()


def test_only_listed_vessels_are_entries(vessels: ListSnapshot) -> None:
    data = yaml.safe_load(bundled_un_vessels_bytes())
    assert len(data["vessels"]) == 70
    assert sum(v["status"] == "delisted" for v in data["vessels"]) == 11
    assert len(vessels.entries) == 59 and vessels.counts() == {"DPRK": 59}
    assert {e.kind for e in vessels.entries} == {"vessel"}
    assert sum(1 for e in vessels.entries if e.imo_numbers) == 58


def test_date_and_version(vessels: ListSnapshot) -> None:
    assert vessels.date_generated == "2018-10-16"
    assert vessels.version == "un-vessels:2018-10-16T00:00:00Z#d951e44c"
    # the value recorded in service/parties/data/PROVENANCE.md
    assert vessels.sha256 == "d951e44c00f2bc210f7c7f2f84d20e04da946956c7f7141fe20e22e0ccd03efe"
    assert read_list(bundled_un_vessels_bytes(), "un-vessels-yaml") == vessels


def test_delisted_records_are_not_listed(vessels: ListSnapshot) -> None:
    names = {e.name for e in vessels.entries}
    assert not names & {"JH 86", "DAWNLIGHT", "EVER BRIGHT 88", "DISTYA AMEYA", "CAPRICORN"}
    # EVER BRIGHT 88 (delisted) and FAN KE (listed) share IMO 8914934: one entry only
    assert vessels.by_reference()["UNV-8914934"].name == "FAN KE"


def test_vessel_fields(vessels: ListSnapshot) -> None:
    ji_song = vessels.by_reference()["UNV-8898740"]
    assert (ji_song.name, ji_song.imo_numbers, ji_song.vessel_flag) == (
        "JI SONG 6",
        ("8898740",),
        "KP",
    )
    assert (ji_song.programmes, ji_song.listed_on, ji_song.measures) == (
        ("DPRK",),
        date(2018, 3, 30),
        ("asset_freeze", "port_entry_ban"),
    )
    assert "instrument: 1718 Committee designation of 2018-03-30" in ji_song.comments
    assert ji_song.basis.startswith("1718 Committee designation of 2018-03-30, ")
    assert "url: https://main.un.org/securitycouncil/en/sanctions/1718/" in ji_song.comments
    assert "verified: name and IMO seen in a UN text" in ji_song.comments


def test_other_names_and_vessel_without_imo(vessels: ListSnapshot) -> None:
    blue = vessels.by_reference()["UNV-8909575"]
    assert [(n.full, n.kind) for n in blue.names] == [
        ("BLUE NOUVELLE", "primary"),
        ("GREENLIGHT", "alias"),
        ("CHONG BONG", "alias"),
    ]
    assert blue.listed_on == date(2016, 3, 2) and blue.measures == ("asset_freeze",)
    min_ning = vessels.by_reference()["UNV-MIN-NING-DE-YOU-078"]
    assert min_ning.imo_numbers == () and "verified: no" in min_ning.comments


def test_no_is_norway_not_false() -> None:
    (entry,) = read_un_vessels(ONE.replace("tion: KM", "tion: NO")).entries
    assert entry.vessel_flag == "NO"


@pytest.mark.parametrize(
    "data, message",
    [
        ("", "empty"),
        ("vessels: [", "malformed"),
        ("- a\n- b\n", "needs a mapping with a 'vessels' list"),
        (ONE.replace("date: '2018-10-16'\n", ""), "no publication date"),
        (ONE.replace("'2018-10-16'", "'sometime'"), "unreadable publication date"),
        (ONE.replace("status: listed", "status: maybe"), "status 'maybe'"),
        (ONE.replace("delisted_on: null", "delisted_on: 2019-01-01"), "listed but has a delisted"),
        (ONE.replace("imo: '9562233'", "imo: 9562233"), "write seven digits in quotes"),
        (ONE.replace("imo: '9562233'", "imo: '956223'"), "has IMO '956223'"),
        (ONE.replace("designated_on: 2017-10-03", "designated_on: soon"), "designated_on"),
        (ONE.replace("name: PETREL 8", "name: ''"), "has no name"),
        (ONE.replace("regime: DPRK", "regime: ''"), "has no regime"),
        (ONE.replace("status: listed", "status: delisted"), "holds no records"),
        (ONE.replace("regime: DPRK", "regime: &r DPRK"), "anchors or aliases"),
        (ONE + "- *r\n", "anchors or aliases|malformed"),
    ],
)
def test_bad_input_is_refused(data: str, message: str) -> None:
    with pytest.raises(ListError, match=message) as caught:
        read_un_vessels(data)
    assert "\n" not in caught.value.message


def test_duplicate_reference_is_refused() -> None:
    item = ONE[ONE.index("- name:") :]
    with pytest.raises(ListError, match="duplicate reference UNV-9562233"):
        read_un_vessels(ONE + item)


def test_size_limit() -> None:
    with pytest.raises(ListError, match="larger than 1000 bytes"):
        read_un_vessels(bundled_un_vessels_bytes(), max_bytes=1000)
