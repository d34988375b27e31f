"""Reading OFAC's sdnList XML (SDN and Consolidated non-SDN lists), and refusing bad input."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from service.parties.errors import ListError
from service.parties.lists import read_list, read_ofac_cons_xml, read_ofac_sdn_xml
from service.parties.model import ListSnapshot

SAMPLE = "ofac-consolidated-nonsdn-2026-01-08.xml.gz"
NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"
# Hand-made, in the published sdnList schema: a vessel as sdn.xml writes one (the
# Consolidated sample has no vessel), in another namespace.
VESSEL = """<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="http://tempuri.org/sdnList.xsd">
  <publshInformation><Publish_Date>12/31/2025</Publish_Date><Record_Count>1</Record_Count>
  </publshInformation>
  <sdnEntry>
    <uid>40716</uid><lastName>IRIS MAKRAN</lastName><sdnType>Vessel</sdnType>
    <remarks>Additional Sanctions Information - Subject to Secondary Sanctions</remarks>
    <programList><program>IRAN</program></programList>
    <idList><id><uid>1</uid><idType>Vessel Registration Identification</idType>
      <idNumber>IMO 9486910</idNumber></id>
      <id><uid>2</uid><idType>MMSI</idType><idNumber>422031300</idNumber></id></idList>
    <akaList><aka><uid>3</uid><type>a.k.a.</type><category>weak</category>
      <lastName>MAKRAN</lastName></aka></akaList>
    <vesselInfo><vesselType>Naval Auxiliary Vessel</vesselType><vesselFlag>Iran</vesselFlag>
    </vesselInfo>
  </sdnEntry>
</sdnList>"""


@pytest.fixture(scope="module")
def cons(list_fixtures: Path) -> ListSnapshot:
    return read_ofac_cons_xml(list_fixtures / SAMPLE)


def sample_bytes(list_fixtures: Path) -> bytes:
    return gzip.decompress((list_fixtures / SAMPLE).read_bytes())


def test_counts_and_programmes(cons: ListSnapshot) -> None:
    assert len(cons.entries) == 442
    kinds = [e.kind for e in cons.entries]
    assert (kinds.count("entity"), kinds.count("individual")) == (363, 79)
    assert cons.counts()["UKRAINE-EO13662"] == 281
    assert cons.counts()["NS-PLC"] == 78


def test_date_and_version(cons: ListSnapshot) -> None:
    assert cons.date_generated == "2026-01-08"
    assert cons.version == "ofac-cons:2026-01-08T00:00:00Z#00d16d5f"
    assert cons.source == "ofac-cons"


def test_individual_names_and_birth_year(cons: ListSnapshot) -> None:
    haniya = cons.by_reference()["9639"]
    assert (haniya.kind, haniya.name, haniya.programmes) == (
        "individual",
        "Ismail Abdul Salah HANIYA",
        ("NS-PLC",),
    )
    assert haniya.names[0].parts == ("Ismail Abdul Salah", "HANIYA")
    assert [(n.full, n.kind, n.quality) for n in haniya.names[1:]] == [
        ("Ismail HANIYA", "alias", "aka"),
        ("Ismaeel HANIYYA", "alias", "aka"),
    ]
    (dob,) = haniya.dates_of_birth
    assert (dob.kind, dob.year, dob.year_range()) == ("year", 1962, (1962, 1962))
    assert haniya.listed_on is None and haniya.linked == ()


def test_exact_birth_date_and_nationality(cons: ListSnapshot) -> None:
    entry = next(e for e in cons.entries if e.nationalities == ("Haiti",))
    assert entry.dates_of_birth[0].date == "1961-02-12"


def test_alias_qualities(cons: ListSnapshot) -> None:
    qualities = [n.quality for e in cons.entries for n in e.names]
    assert (qualities.count("aka"), qualities.count("fka"), qualities.count("low")) == (
        931,
        141,
        72,
    )


def test_documents_keep_their_issuing_country(cons: ListSnapshot) -> None:
    docs = [d for e in cons.entries for d in e.documents]
    assert len(docs) == 595
    national = next(d for d in docs if d.type == "National ID No.")
    assert national.number and national.issuing_country
    assert not any(d.type in ("Website", "Email Address", "ISIN") for d in docs)
    assert all(e.reference.isdigit() for e in cons.entries)


def test_same_schema_read_as_sdn_list(list_fixtures: Path) -> None:
    sdn = read_ofac_sdn_xml(list_fixtures / SAMPLE)
    assert sdn.source == "ofac-sdn" and sdn.version.startswith("ofac-sdn:2026-01-08T00:00:00Z#")
    assert read_list(list_fixtures / SAMPLE, "ofac-cons-xml").source == "ofac-cons"


def test_vessel_imo_flag_and_weak_alias() -> None:
    (vessel,) = read_ofac_sdn_xml(VESSEL).entries
    assert (vessel.kind, vessel.name, vessel.imo_numbers, vessel.vessel_flag) == (
        "vessel",
        "IRIS MAKRAN",
        ("9486910",),
        "IR",
    )
    assert vessel.names[1].quality == "low"
    assert vessel.documents == ()
    assert "MMSI 422031300" in vessel.comments and "Naval Auxiliary Vessel" in vessel.comments


@pytest.mark.parametrize(
    "data, message",
    [
        ("", "empty"),
        (f'<sdnList xmlns="{NS}"><publshInformation>', "malformed or truncated"),
        ("<CONSOLIDATED_LIST/>", "expected <sdnList>"),
        ('<!DOCTYPE x [<!ENTITY a "b">]><sdnList/>', "forbidden"),
        ("<sdnList><publshInformation/></sdnList>", "no sdnEntry"),
        (VESSEL.replace("<uid>40716</uid>", ""), "has no reference"),
        (VESSEL.replace("<Publish_Date>12/31/2025</Publish_Date>", ""), "no publication date"),
        (VESSEL.replace("12/31/2025", "31/12/2025"), "unreadable publication date"),
        (VESSEL.replace("12/31/2025", "soon"), "unreadable publication date '"),
        (VESSEL.replace("<Record_Count>1<", "<Record_Count>2<"), "Record_Count 2 but holds 1"),
        (VESSEL.replace("<sdnType>Vessel<", "<sdnType>Boat<"), "unknown type 'Boat'"),
        (VESSEL.replace("<lastName>IRIS MAKRAN</lastName>", ""), "has no name"),
    ],
)
def test_bad_input_is_refused(data: str, message: str) -> None:
    with pytest.raises(ListError, match=message) as caught:
        read_ofac_sdn_xml(data)
    assert "\n" not in caught.value.message


def test_duplicate_uid_is_refused() -> None:
    entry = VESSEL[VESSEL.index("<sdnEntry>") : VESSEL.index("</sdnList>")]
    doubled = VESSEL.replace("<Record_Count>1</Record_Count>", "").replace(
        "</sdnList>", entry + "</sdnList>"
    )
    with pytest.raises(ListError, match="duplicate reference 40716"):
        read_ofac_sdn_xml(doubled)


def test_truncated_real_file_is_refused(list_fixtures: Path) -> None:
    raw = sample_bytes(list_fixtures)
    with pytest.raises(ListError, match="truncated"):
        read_ofac_cons_xml(raw[: len(raw) // 2])


def test_cut_at_a_record_boundary_is_refused_by_the_count(list_fixtures: Path) -> None:
    raw = sample_bytes(list_fixtures)
    cut = raw[: raw.rindex(b"<sdnEntry>")] + b"</sdnList>"
    with pytest.raises(ListError, match="Record_Count 442 but holds 441"):
        read_ofac_cons_xml(cut)


def test_size_limit(list_fixtures: Path) -> None:
    with pytest.raises(ListError, match="larger than 1000 bytes"):
        read_ofac_cons_xml(list_fixtures / SAMPLE, max_bytes=1000)
