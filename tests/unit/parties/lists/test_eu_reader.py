"""Reading the EU Consolidated Financial Sanctions list XML, and refusing bad input."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from service.parties.errors import ListError
from service.parties.lists import read_eu, read_list
from service.parties.model import ListSnapshot

SAMPLE = "eu-fsf-2026-08-05-excerpt.xml"
NS = "http://eu.europa.ec/fpi/fsd/export"
MINIMAL = (
    f'<export xmlns="{NS}" generationDate="2026-01-02T10:00:00.000+01:00">'
    '<sanctionEntity designationDate="2022-03-01" unitedNationId="" logicalId="7">'
    '<regulation programme="RUS"/><subjectType code="enterprise" classificationCode="E"/>'
    '<nameAlias wholeName="Sovcomflot" nameLanguage="" strong="true"/>'
    '<identification number="IMO 9610808" identificationTypeCode="imo"/>'
    "</sanctionEntity></export>"
)


@pytest.fixture(scope="module")
def eu(list_fixtures: Path) -> ListSnapshot:
    return read_eu(list_fixtures / SAMPLE)


def test_counts_programmes_and_kinds(eu: ListSnapshot) -> None:
    assert [e.reference for e in eu.entries] == ["191", "521", "3822", "6106", "6177"]
    assert eu.counts() == {"TERR": 1, "AFG": 1, "IRN": 1, "LBY": 1, "TAQA": 1}
    assert [e.kind for e in eu.entries].count("entity") == 1


def test_date_and_version(eu: ListSnapshot) -> None:
    assert eu.date_generated == "2026-08-05T16:47:04.449+02:00"
    assert eu.version == "eu-fsf:2026-08-05T14:47:04Z#a05187aa"
    assert read_list(Path(__file__).parents[3] / "fixtures/lists" / SAMPLE, "eu-fsf-xml") == eu


def test_main_name_is_the_one_with_a_function(eu: ListSnapshot) -> None:
    asiri = eu.by_reference()["6177"]
    assert asiri.name == "Ibrahim Hassan Tali Al-Asiri"
    assert asiri.names[0].parts == ("Ibrahim", "Hassan Tali", "Al-Asiri")
    assert asiri.designations == (
        "Operative and principal bomb maker of Al-Qaida in the Arabian Peninsula (AQAP)",
    )
    qualities = {n.full: (n.kind, n.quality) for n in asiri.names}
    assert qualities["Abu-Salaah"] == ("alias", "low")
    assert qualities["Abu Saleh"] == ("alias", "low")  # remark: "low quality aliias"
    assert qualities["Ibrahim al-'Asiri"] == ("alias", "good")
    assert qualities["إبراهيم حسن طالع عسيري"] == ("original", "original")


def test_main_name_falls_back_to_one_with_name_parts(eu: ListSnapshot) -> None:
    ksm = eu.by_reference()["191"]
    assert ksm.name == "Khalid Sheikh MOHAMMED" and len(ksm.names) == 7
    assert [d.date for d in ksm.dates_of_birth] == ["1965-04-14", "1964-03-01"]
    assert ksm.listed_on is None and ksm.gender == "male"
    (passport,) = ksm.documents
    assert (passport.type, passport.number, passport.issuing_country) == (
        "National passport",
        "488555",
        "",
    )


def test_un_reference_documents_and_designation_date(eu: ListSnapshot) -> None:
    dorda = eu.by_reference()["6106"]
    assert (dorda.name, dorda.linked, dorda.listed_on) == (
        "Abu Zayd Umar DORDA",
        ("un:LYi.006",),
        date(2011, 2, 26),
    )
    assert dorda.dates_of_birth[0].date == "1944-04-04"
    (passport,) = dorda.documents
    assert (passport.number, passport.type2, passport.issuing_country) == (
        "FK117RK0",
        "passport",
        "LIBYA",
    )
    assert "EU reference EU.3886.3" in dorda.comments


def test_citizenship_id_card_and_calendars(eu: ListSnapshot) -> None:
    asiri = eu.by_reference()["6177"]
    assert asiri.nationalities == ("SAUDI ARABIA",)
    assert [(d.type, d.number) for d in asiri.documents] == [
        ("National identification card", "1028745097"),
        ("National passport", "F654645"),
    ]
    assert "knownExpired" in asiri.documents[1].note
    # the Hijri birthdate gives the same Gregorian day as another statement: kept once
    assert [d.date for d in asiri.dates_of_birth] == ["1982-04-18", "1982-04-19"]


def test_year_range_and_entity_aliases(eu: ListSnapshot) -> None:
    jan = eu.by_reference()["521"]
    assert jan.name == "Ahmed Jan Akhundzada Wazir" and jan.titles == ("Maulavi",)
    (dob,) = jan.dates_of_birth
    assert (dob.kind, dob.year_range()) == ("between", (1953, 1958))
    parchin = eu.by_reference()["3822"]
    assert parchin.name == "Parchin Chemical Industries (PCI)"
    assert {n.quality for n in parchin.names[1:] if n.kind == "alias"} == {"aka"}
    assert parchin.addresses[0].country == "IRAN (ISLAMIC REPUBLIC OF)"
    assert parchin.documents[0].type == "Registration Number"


def test_imo_identification_of_a_vessel_owner() -> None:
    (entry,) = read_eu(MINIMAL).entries
    assert (entry.kind, entry.imo_numbers, entry.documents) == ("entity", ("9610808",), ())
    assert entry.listed_on == date(2022, 3, 1)
    assert read_eu(gzip.compress(MINIMAL.encode())).entries == (entry,)


@pytest.mark.parametrize(
    "data, message",
    [
        ("", "empty"),
        (MINIMAL[:120], "malformed or truncated"),
        ("<WHOLE/>", "expected <export>"),
        ('<!DOCTYPE x [<!ENTITY a "b">]><export/>', "forbidden"),
        (f'<export xmlns="{NS}" generationDate="2026-01-02"/>', "no sanctionEntity"),
        (MINIMAL.replace(' logicalId="7"', ""), "has no reference"),
        (MINIMAL.replace('wholeName="Sovcomflot"', ""), "has no name"),
        (MINIMAL.replace(' generationDate="2026-01-02T10:00:00.000+01:00"', ""), "no publication"),
        (MINIMAL.replace("2026-01-02T10:00", "2026-13-02T10:00"), "unreadable publication date"),
        (
            MINIMAL.replace('code="enterprise" classificationCode="E"', 'code="x"'),
            "unknown subject",
        ),
    ],
)
def test_bad_input_is_refused(data: str, message: str) -> None:
    with pytest.raises(ListError, match=message) as caught:
        read_eu(data)
    assert "\n" not in caught.value.message


def test_duplicate_logical_id_is_refused() -> None:
    entity = MINIMAL[MINIMAL.index("<sanctionEntity") : MINIMAL.index("</export>")]
    with pytest.raises(ListError, match="duplicate reference 7"):
        read_eu(MINIMAL.replace("</export>", entity + "</export>"))


def test_truncated_real_file_is_refused(list_fixtures: Path) -> None:
    raw = (list_fixtures / SAMPLE).read_bytes()
    with pytest.raises(ListError, match="truncated"):
        read_eu(raw[: len(raw) // 2])


def test_size_limit(list_fixtures: Path) -> None:
    with pytest.raises(ListError, match="larger than 1000 bytes"):
        read_eu((list_fixtures / SAMPLE).read_bytes(), max_bytes=1000)
