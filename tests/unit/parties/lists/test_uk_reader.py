"""Reading the UK Sanctions List XML (FCDO Designations export), and refusing bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from service.parties.errors import ListError
from service.parties.lists import read_list, read_uk
from service.parties.model import ListSnapshot

SAMPLE = "uk-sanctions-list-2026-03-26-excerpt.xml"
AFG = "The Afghanistan (Sanctions) (EU Exit) Regulations 2020"
DPRK = "The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019"
MINIMAL = (
    "<Designations><DateGenerated>01/02/2026</DateGenerated><Designation>"
    "<DateDesignated>03/10/2017</DateDesignated><UniqueID>DPR0075</UniqueID>"
    "<UNReferenceNumber>KPv.001</UNReferenceNumber><Names><Name><Name6>Petrel 8</Name6>"
    "<NameType>Primary Name</NameType></Name></Names><RegimeName>DPRK</RegimeName>"
    "<IndividualEntityShip>Ship</IndividualEntityShip>"
    "<SanctionsImposed>Prohibition of port entry</SanctionsImposed>"
    "<ShipDetails><Ship><IMONumbers><IMONumber>IMO9562233</IMONumber></IMONumbers>"
    "<CurrentBelievedFlagOfShips><CurrentBelievedFlagOfShip>Comoros</CurrentBelievedFlagOfShip>"
    "</CurrentBelievedFlagOfShips></Ship></ShipDetails></Designation></Designations>"
)


@pytest.fixture(scope="module")
def uk(list_fixtures: Path) -> ListSnapshot:
    return read_uk(list_fixtures / SAMPLE)


def test_counts_per_regime_and_kind(uk: ListSnapshot) -> None:
    assert len(uk.entries) == 15
    assert uk.counts() == {AFG: 6, DPRK: 6, "The Cyber (Sanctions) (EU Exit) Regulations 2020": 3}
    kinds = [e.kind for e in uk.entries]
    assert (kinds.count("individual"), kinds.count("entity"), kinds.count("vessel")) == (9, 2, 4)


def test_date_and_version(uk: ListSnapshot, list_fixtures: Path) -> None:
    assert uk.date_generated == "2026-03-26"
    assert uk.version == "uk:2026-03-26T00:00:00Z#bd3067bc"
    assert read_list(list_fixtures / SAMPLE, "uk-xml").version == uk.version


def test_un_derived_entity_links_to_its_un_reference(uk: ListSnapshot) -> None:
    haqqani = uk.by_reference()["AFG0003"]
    assert (haqqani.kind, haqqani.name, haqqani.linked) == (
        "entity",
        "HAQQANI NETWORK (HQN)",
        ("un:TAe.012",),
    )
    assert haqqani.names[1].full == "شبکه حقانی" and haqqani.names[1].kind == "original"
    assert (haqqani.listed_on, haqqani.programmes, haqqani.measures) == (
        date(2012, 11, 5),
        (AFG,),
        ("asset_freeze",),
    )


def test_individual_names_aliases_and_strength(uk: ListSnapshot) -> None:
    anwari = uk.by_reference()["AFG0009"]
    assert anwari.name == "Muhammad Taher Anwari"
    assert anwari.names[0].parts == ("Muhammad", "Taher", "Anwari")
    aliases = {n.full: n.quality for n in anwari.names if n.kind == "alias"}
    assert aliases == {
        "Mohammad Taher Anwari": "good",
        "Mohammad Tahre Anwari": "good",
        "Muhammad Tahir Anwari": "good",
        "Mudir": "low",
    }
    assert (anwari.titles, anwari.linked, anwari.measures) == (
        ("Mullah", "Haji"),
        ("un:TAi.005",),
        ("asset_freeze", "travel_ban"),
    )


def test_dates_of_birth_passports_and_national_ids(uk: ListSnapshot) -> None:
    mansur = uk.by_reference()["AFG0011"]
    assert [(d.kind, d.date, d.year) for d in mansur.dates_of_birth] == [
        ("year", None, 1968),
        ("exact", "1967-11-12", None),
    ]
    assert [(d.type, d.number) for d in mansur.documents] == [
        ("Passport", "D0009720"),
        ("Passport", "D0010442"),
    ]
    assert "diplomatic passport" in mansur.documents[0].note
    zahir = uk.by_reference()["AFG0012"]
    assert zahir.name == "Shams Ur-Rahman ABDUL ZAHIR"
    assert [d.number for d in zahir.documents if d.type == "National ID"] == ["2132370", "812673"]


def test_uk_only_designation(uk: ListSnapshot) -> None:
    minin = uk.by_reference()["CYB0005"]
    assert (minin.name, minin.linked, minin.gender, minin.nationalities) == (
        "Alexei Veleryevich MININ",
        (),
        "Male",
        ("Russia",),
    )
    assert minin.names[1].full == "Alexey Valeryevich MININ"  # "Primary name variation"
    assert minin.dates_of_birth[0].date == "1972-05-27"
    assert minin.documents[0].number == "120017582"
    assert "director_disqualification_sanction" in minin.measures


def test_ships_imo_flag_and_measures(uk: ListSnapshot) -> None:
    ships = {e.reference: e for e in uk.entries if e.kind == "vessel"}
    assert {r: e.imo_numbers for r, e in ships.items()} == {
        "DPR0105": ("8660313",),
        "DPR0106": ("8122347",),
        "DPR0107": ("8691702",),
        "DPR0108": ("8408595",),
    }
    chon = ships["DPR0105"]
    assert (chon.name, chon.vessel_flag, chon.measures) == (
        "Chon Ma San",
        "KP",
        ("asset_freeze", "port_entry_ban"),
    )
    assert [n.full for n in chon.names[1:]] == ["Go Mal San 4"]
    assert "owner/operator Korea Achim Shipping Co" in chon.comments
    assert "Phyongchon Shipping & Marine" in ships["DPR0108"].comments


def test_minimal_ship() -> None:
    (ship,) = read_uk(MINIMAL).entries
    assert (ship.reference, ship.imo_numbers, ship.vessel_flag, ship.linked) == (
        "DPR0075",
        ("9562233",),
        "KM",
        ("un:KPv.001",),
    )
    assert read_uk(MINIMAL).date_generated == "2026-02-01"


@pytest.mark.parametrize(
    "data, message",
    [
        ("", "empty"),
        (MINIMAL[:200], "malformed or truncated"),
        ("<ArrayOfFinancialSanctionsTarget/>", "expected <Designations>"),
        ('<!DOCTYPE x [<!ENTITY a "b">]><Designations/>', "forbidden"),
        (
            "<Designations><DateGenerated>01/02/2026</DateGenerated></Designations>",
            "no Designation",
        ),
        (MINIMAL.replace("<UniqueID>DPR0075</UniqueID>", ""), "has no reference"),
        (MINIMAL.replace("<Name6>Petrel 8</Name6>", ""), "DPR0075 has no name"),
        (MINIMAL.replace("<DateGenerated>01/02/2026</DateGenerated>", ""), "no publication"),
        (MINIMAL.replace("01/02/2026", "31/02/2026"), "unreadable publication date '31/02"),
        (MINIMAL.replace(">Ship<", ">Boat<"), "unknown type 'Boat'"),
    ],
)
def test_bad_input_is_refused(data: str, message: str) -> None:
    with pytest.raises(ListError, match=message) as caught:
        read_uk(data)
    assert "\n" not in caught.value.message


def test_duplicate_unique_id_is_refused() -> None:
    one = MINIMAL[MINIMAL.index("<Designation>") : MINIMAL.index("</Designations>")]
    with pytest.raises(ListError, match="duplicate reference DPR0075"):
        read_uk(MINIMAL.replace("</Designations>", one + "</Designations>"))


def test_truncated_real_file_is_refused(list_fixtures: Path) -> None:
    raw = (list_fixtures / SAMPLE).read_bytes()
    with pytest.raises(ListError, match="truncated"):
        read_uk(raw[: len(raw) // 2])


def test_size_limit(list_fixtures: Path) -> None:
    with pytest.raises(ListError, match="larger than 5000 bytes"):
        read_uk(list_fixtures / SAMPLE, max_bytes=5000)
