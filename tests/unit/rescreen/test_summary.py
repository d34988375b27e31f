"""What a re-screen compares and how it says why; what is kept and for how long."""

from __future__ import annotations

import datetime as dt

from service.rescreen import compare, keep, summary
from service.settings import Settings
from service.store import Store


def decision(outcome: str, matches: list[dict], findings: list[dict]) -> dict:
    return {"outcome": outcome, "as_of": "2026-06-01", "findings": findings,
            "parties": [{"index": 0, "matches": matches}],
            "versions": {"rules": "r1", "list": "un:A"}}  # fmt: skip


FREEZE = {"rule": "unsc.dprk.asset_freeze", "outcome": "prohibited", "explanation": "party 1"}


def match(name: str, band: str = "match", ref: str = "KPi.024") -> dict:
    return {"list": "un", "reference": ref, "name": "KIM YONG CHOL", "matched_name": name,
            "score": 0.97, "band": band, "match": band == "match"}  # fmt: skip


def test_the_same_name_written_otherwise_and_another_score_are_no_change():
    a = summary(decision("prohibited", [match("Kim Yong-Chol")], [FREEZE]))
    b = summary(decision("prohibited", [{**match("KIM YONG CHOL"), "score": 0.91}], [FREEZE]))
    assert compare(a, "prohibited", b, "prohibited")["changed"] is False


def test_a_dropped_alias_and_a_delisting_are_changes_with_their_reason():
    before = summary(decision("prohibited", [match("KIM YONG CHOL"), match("Ri Su", ref="KPi.9")],
                              [FREEZE]))  # fmt: skip
    after = summary(decision("review", [match("KIM YONG CHOL", band="review")], []))
    change = compare(before, "prohibited", after, "review",
                     {("un", "KPi.9"): "removed", ("un", "KPi.024"): "changed"})  # fmt: skip
    assert change["changed"]
    assert [m["reference"] for m in change["disappeared"]["matches"]] == ["KPi.024", "KPi.9"]
    assert change["appeared"]["matches"][0]["band"] == "review"
    reason = change["reason"]
    assert reason.startswith("prohibited -> review")
    assert "party 1 no longer matches un KPi.9 'KIM YONG CHOL' (delisted)" in reason
    assert (
        "now matches un KPi.024 'KIM YONG CHOL' (possible match) (its entry was amended)" in reason
    )
    assert "no longer found: unsc.dprk.asset_freeze" in reason


def test_keep_stores_the_resolved_date_and_nothing_when_disabled(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    store.upgrade()
    tx = {"reference": "X", "goods": [{"description": "rice"}]}
    keep(store, Settings(home=tmp_path, rescreen_days=0), tx, decision("clear", [], []), 3)
    assert store.screenings.count() == 0
    keep(store, Settings(home=tmp_path), tx, decision("clear", [], []), 3)
    [kept] = store.screenings.since(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    assert kept.transaction["date"] == "2026-06-01" and kept.key_id == 3
    assert (kept.rules_version, kept.list_version, kept.outcome) == ("r1", "un:A", "clear")
