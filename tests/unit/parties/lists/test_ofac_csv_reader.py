"""Reading OFAC's legacy SDN CSV files from a ZIP, and refusing bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from service.parties.errors import ListError
from service.parties.lists import read_list, read_ofac_csv
from service.parties.model import ListSnapshot

SAMPLE = "ofac-sdn-csv-sample.zip"
PUBLISHED = "2025-05-16"


def members(list_fixtures: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(list_fixtures / SAMPLE) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def sdn(list_fixtures: Path) -> ListSnapshot:
    return read_ofac_csv(list_fixtures / SAMPLE, published=PUBLISHED)


def test_counts_and_kinds(sdn: ListSnapshot) -> None:
    kinds = [e.kind for e in sdn.entries]
    assert len(kinds) == 17
    assert {k: kinds.count(k) for k in set(kinds)} == {
        "individual": 4,
        "vessel": 4,
        "aircraft": 2,
        "entity": 7,
    }
    assert sdn.counts()["CYBER2"] == 3


def test_date_comes_from_the_caller(sdn: ListSnapshot, list_fixtures: Path) -> None:
    assert sdn.date_generated == PUBLISHED
    assert sdn.version == "ofac-sdn:2025-05-16T00:00:00Z#b7f6a177"
    again = read_list(list_fixtures / SAMPLE, "ofac-sdn-csv", published=PUBLISHED)
    assert again.version == sdn.version


def test_individual_name_dob_passport_and_weak_alias(sdn: ListSnapshot) -> None:
    logan = sdn.by_reference()["10278"]
    assert (logan.name, logan.names[0].parts, logan.programmes) == (
        "Elvis Angus LOGAN MOREY",
        ("Elvis Angus", "LOGAN MOREY"),
        ("SDNT",),
    )
    assert logan.dates_of_birth[0].date == "1963-07-28"
    passport = logan.documents[0]
    assert (passport.type, passport.number, passport.issuing_country) == (
        "Passport",
        "P0017003",
        "Belize",
    )
    assert [(n.full, n.quality) for n in logan.names[1:]] == [("BURTON BURGESS", "low")]


def test_aliases_from_alt_csv_and_remarks(sdn: ListSnapshot) -> None:
    khoroshev = sdn.by_reference()["48603"]
    names = [(n.full, n.quality) for n in khoroshev.names]
    assert names[0] == ("Dmitry Yuryevich KHOROSHEV", "primary")
    assert ("Dmitriy Yurevich KHOROSHEV", "aka") in names and ("LOCKBITSUPP", "low") in names
    assert [d.number for d in khoroshev.documents if d.type == "Passport"] == [
        "2018278055",
        "2006801524",
    ]
    assert (khoroshev.nationalities, khoroshev.gender) == (("Russia",), "Male")


def test_vessels_imo_and_flag(sdn: ListSnapshot) -> None:
    vessels = {e.reference: e for e in sdn.entries if e.kind == "vessel"}
    assert {r: (e.imo_numbers, e.vessel_flag) for r, e in vessels.items()} == {
        "40716": (("9486910",), "IR"),
        "47371": (("9339301",), "GA"),
        "50972": (("9263643",), "CK"),
        "52327": (("9313149",), "PA"),
    }
    assert "call sign A8LU7" in vessels["47371"].comments
    assert vessels["47371"].documents == ()


def test_programmes_split_and_addresses(sdn: ListSnapshot) -> None:
    iami = sdn.by_reference()["11195"]
    assert iami.programmes == ("NPWMD", "IFSR", "IRAN-CON-ARMS-EO")
    assert len(iami.addresses) == 5 and iami.addresses[0].country == "Iran"
    assert (iami.documents[0].type, iami.documents[0].number) == ("National ID No.", "10100722073")


def test_comments_continue_from_sdn_comments_csv(sdn: ListSnapshot) -> None:
    suex = sdn.by_reference()["33151"]
    assert "1B64QRxfaa35MVkf7sDjuGUYAP5izQt7Qi" in suex.comments
    assert ("SUCCESSFUL EXCHANGE", "low") in [(n.full, n.quality) for n in suex.names]
    assert suex.listed_on is None and suex.linked == ()


def test_rows_of_unknown_entries_in_add_and_alt_are_ignored(sdn: ListSnapshot) -> None:
    assert "10416" not in sdn.by_reference() and "12562" not in sdn.by_reference()


def test_sdn_comments_is_optional(list_fixtures: Path) -> None:
    files = members(list_fixtures)
    del files["sdn_comments.csv"]
    snapshot = read_ofac_csv(zipped(files), published=PUBLISHED)
    assert "1B64QRxfaa35" not in snapshot.by_reference()["33151"].comments


@pytest.mark.parametrize("published", [None, "", "16/05/2025", "yesterday"])
def test_missing_or_garbage_date_is_refused(list_fixtures: Path, published: str | None) -> None:
    with pytest.raises(ListError, match="published|publication date") as caught:
        read_ofac_csv(list_fixtures / SAMPLE, published=published)
    assert "\n" not in caught.value.message


def test_read_list_without_published_is_refused(list_fixtures: Path) -> None:
    with pytest.raises(ListError, match="carry no date: give published="):
        read_list(list_fixtures / SAMPLE, "ofac-sdn-csv")


@pytest.mark.parametrize("missing", ["sdn.csv", "alt.csv", "add.csv"])
def test_zip_missing_a_required_file_is_refused(list_fixtures: Path, missing: str) -> None:
    files = members(list_fixtures)
    del files[missing]
    with pytest.raises(ListError, match=f"archive has no {missing}"):
        read_ofac_csv(zipped(files), published=PUBLISHED)


def test_member_names_are_matched_without_case_or_folder(list_fixtures: Path) -> None:
    files = {f"data/{n.upper()}": d for n, d in members(list_fixtures).items()}
    assert len(read_ofac_csv(zipped(files), published=PUBLISHED).entries) == 17


def edited(list_fixtures: Path, name: str, text: str) -> bytes:
    files = members(list_fixtures)
    files[name] = text.encode()
    return zipped(files)


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("sdn.csv", "", "sdn.csv holds no records"),
        ("sdn.csv", '1,"A","individual","SDGT",-0- ,-0-', "row 1 of sdn.csv has 6 fields"),
        (
            "sdn.csv",
            '1,"A","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB',
            "truncated",
        ),
        ("sdn.csv", '-0- ,"A",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-', "no ent_num"),
        ("sdn.csv", '1,-0- ,-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-', "has no name"),
        ("sdn.csv", '1,"A","boat","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-', "unknown type"),
        ("alt.csv", "1,2,aka", "row 1 of alt.csv has 3 fields"),
    ],
)
def test_malformed_files_are_refused(
    list_fixtures: Path, name: str, text: str, message: str
) -> None:
    with pytest.raises(ListError, match=message) as caught:
        read_ofac_csv(edited(list_fixtures, name, text), published=PUBLISHED)
    assert "\n" not in caught.value.message


def test_duplicate_ent_num_is_refused(list_fixtures: Path) -> None:
    text = members(list_fixtures)["sdn.csv"].decode()
    first = text.splitlines()[0]
    with pytest.raises(ListError, match="duplicate reference 10278"):
        read_ofac_csv(edited(list_fixtures, "sdn.csv", text + first + "\n"), published=PUBLISHED)


@pytest.mark.parametrize(
    "data, message",
    [(b"", "empty"), (b"sdn.csv,not a zip", "not a ZIP"), (b"PK\x03\x04trunc", "not a ZIP")],
)
def test_not_a_zip_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ListError, match=message):
        read_ofac_csv(data, published=PUBLISHED)


def test_truncated_zip_is_refused(list_fixtures: Path) -> None:
    raw = (list_fixtures / SAMPLE).read_bytes()
    with pytest.raises(ListError, match="ZIP|damaged"):
        read_ofac_csv(raw[: len(raw) - 40], published=PUBLISHED)


def test_size_limits(list_fixtures: Path) -> None:
    with pytest.raises(ListError, match="larger than 1000 bytes"):
        read_ofac_csv(list_fixtures / SAMPLE, published=PUBLISHED, max_bytes=1000)
    bomb = zipped({"sdn.csv": b"x" * 200_000, "add.csv": b"", "alt.csv": b""})
    assert len(bomb) < 10_000
    with pytest.raises(ListError, match="unpacks to more than 100000 bytes"):
        read_ofac_csv(bomb, published=PUBLISHED, max_bytes=100_000)


def test_windows_1252_and_end_of_file_mark_are_read(list_fixtures: Path) -> None:
    files = members(list_fixtures)
    row = '99,"CAF\xc9 NOIR",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a'
    files["sdn.csv"] = row.encode("cp1252")
    entry = read_ofac_csv(zipped(files), published="2025-05-16T12:00:00Z").entries[0]
    assert (entry.name, entry.kind, entry.listed_on) == ("CAF\xc9 NOIR", "entity", None)


def test_remarks_cut_at_a_space_are_joined_as_written(list_fixtures: Path) -> None:
    files = members(list_fixtures)
    files["sdn.csv"] = (
        b'7,"DOE, John","individual","SDGT",' + b"-0- ," * 7 + b'"DOB 1970; Passport"\n'
    )
    files["sdn_comments.csv"] = b'7," X123 (Iran)."\n'
    (entry,) = read_ofac_csv(zipped(files), published=PUBLISHED).entries
    assert [(d.type, d.number, d.issuing_country) for d in entry.documents] == [
        ("Passport", "X123", "Iran")
    ]
    assert entry.name == "John DOE" and entry.dates_of_birth[0].year == 1970


def test_an_option_the_reader_does_not_take_is_refused(list_fixtures: Path) -> None:
    with pytest.raises(ListError, match="format 'ofac-sdn-csv' takes no option source"):
        read_list(list_fixtures / SAMPLE, "ofac-sdn-csv", published=PUBLISHED, source="x")
