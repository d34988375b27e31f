"""One party on several lists is one result (service.parties.merge)."""

from __future__ import annotations

from service.parties.merge import merge
from service.parties.model import DateOfBirth, ListEntry, ListName
from service.parties.result import PartyMatch


def entry(source: str, ref: str, name: str, **kw) -> ListEntry:
    kw.setdefault("kind", "individual")
    return ListEntry(ref, regime=kw.pop("regime", ""), list_type="", name=name,
                     names=(ListName(name, "primary", "primary"),), source=source, **kw)  # fmt: skip


def found(e: ListEntry, score: float) -> PartyMatch:
    return PartyMatch(e.reference, e.name, e.name, score, score >= 0.88, "match", e.regime, None,
                      "why", source=e.source)  # fmt: skip


def run(*pairs: tuple[ListEntry, float]) -> list[list[str]]:
    entries: dict[str, dict[str, ListEntry]] = {}
    for e, _ in pairs:
        entries.setdefault(e.source, {})[e.reference] = e
    matches = [found(e, s) for e, s in pairs]
    return [[f"{m.source}:{m.reference}" for m in g.matches] for g in merge(matches, entries)]


def test_a_uk_entry_citing_the_un_one_is_the_same_party() -> None:
    un = entry("un", "TAi.004", "Mohammed Omar GHULAM NABI")
    uk = entry("uk", "AFG0008", "GHULAM NABI Mohammed Omar", linked=("un:TAi.004",))
    assert run((un, 0.97), (uk, 0.95)) == [["un:TAi.004", "uk:AFG0008"]]


def test_two_entries_citing_the_same_un_reference_are_one_party() -> None:
    eu = entry("eu-fsf", "521", "Ahmed Jan Wazir", linked=("un:TAi.009",))
    uk = entry("uk", "AFG0014", "Ahmed Jan Akhundzada", linked=("un:TAi.009",))
    assert run((eu, 0.9), (uk, 0.8)) == [["eu-fsf:521", "uk:AFG0014"]]


def test_same_name_kind_and_compatible_details_are_one_party() -> None:
    ofac = entry("ofac-sdn", "1", "KIM Jong Ho", nationalities=("Korea, North",),
                 dates_of_birth=(DateOfBirth("year", year=1960),))  # fmt: skip
    eu = entry("eu-fsf", "2", "Jong Ho Kim", nationalities=("KP",),
               dates_of_birth=(DateOfBirth("approximately", year=1961),))  # fmt: skip
    assert run((ofac, 0.95), (eu, 0.93)) == [["ofac-sdn:1", "eu-fsf:2"]]


def test_a_birth_year_a_nationality_or_a_kind_tells_namesakes_apart() -> None:
    a = entry("ofac-sdn", "1", "KIM Jong Ho", dates_of_birth=(DateOfBirth("year", year=1960),))
    b = entry("eu-fsf", "2", "KIM Jong Ho", dates_of_birth=(DateOfBirth("year", year=1975),))
    c = entry("uk", "3", "KIM Jong Ho", nationalities=("France",))
    d = entry("eu-fsf", "4", "KIM Jong Ho", nationalities=("KP",), kind="entity")
    e = entry("un", "5", "KIM Jong Ho", nationalities=("North Korea",))
    assert run((a, 0.9), (b, 0.9)) == [["ofac-sdn:1"], ["eu-fsf:2"]]
    assert run((c, 0.9), (e, 0.9)) == [["uk:3"], ["un:5"]]
    assert run((d, 0.9), (e, 0.9)) == [["eu-fsf:4"], ["un:5"]]


def test_two_entries_of_one_list_stay_two_listings_and_order_is_kept() -> None:
    a = entry("un", "KPi.1", "RI Won Ho")
    b = entry("un", "KPi.2", "RI Won Ho")
    c = entry("uk", "DPR1", "RI Won Ho", linked=("un:KPi.2",))
    assert run((a, 0.99), (c, 0.98), (b, 0.9)) == [["un:KPi.1"], ["uk:DPR1", "un:KPi.2"]]


def test_the_result_names_every_list_with_its_programmes() -> None:
    un = entry("un", "KPe.001", "KOREA MINING", kind="entity", programmes=("DPRK",),
               regime="DPRK")  # fmt: skip
    uk = entry("uk", "DPR0001", "KOREA MINING", kind="entity", programmes=("The DPRK Regs",))
    entries = {"un": {"KPe.001": un}, "uk": {"DPR0001": uk}}
    [group] = merge([found(un, 1.0), found(uk, 0.99)], entries)
    out = group.to_dict()
    assert (out["list"], out["reference"], out["programmes"]) == ("un", "KPe.001", ["DPRK"])
    assert [(x["list"], x["reference"], x["programmes"]) for x in out["lists"]] == [
        ("un", "KPe.001", ["DPRK"]), ("uk", "DPR0001", ["The DPRK Regs"])
    ]  # fmt: skip
