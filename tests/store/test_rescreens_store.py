"""Kept screenings and re-screenings on both backends."""

from __future__ import annotations

import datetime as dt

from service.store import RescreenRecord

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _row(source: str, lists: str = "un:A") -> dict:
    return {"source": source, "kind": "job", "reference": "R", "key_id": 7,
            "transaction": {"date": "2026-06-01"}, "outcome": "clear",
            "summary": {"findings": [], "matches": []}, "rules_version": "r1",
            "list_version": lists}  # fmt: skip


def test_a_screening_is_kept_once_per_source_and_updated_only_from_its_versions(store):
    store.screenings.record([_row("job:j:0"), _row("job:j:1")])
    store.screenings.record([_row("job:j:0")])  # a chunk run twice
    kept = list(store.screenings.since(EPOCH))
    assert [s.source for s in kept] == ["job:j:0", "job:j:1"] and store.screenings.count() == 2
    first, second = kept
    summ = {"findings": [{"rule": "x", "outcome": "prohibited", "explanation": ""}], "matches": []}
    assert store.screenings.update(first.id, ("r1", "un:A"), "prohibited", summ, ("r1", "un:B"))
    # a second re-screen that started from the old versions writes nothing over it
    assert not store.screenings.update(first.id, ("r1", "un:A"), "clear", {}, ("r1", "un:C"))
    store.screenings.advance([second.id], ("r1", "un:A"), ("r1", "un:B"))
    after = {s.id: s for s in store.screenings.since(EPOCH)}
    assert after[first.id].outcome == "prohibited" and after[first.id].summary == summ
    assert {s.list_version for s in after.values()} == {"un:B"}
    assert list(store.screenings.since(dt.datetime.now(dt.UTC) + dt.timedelta(days=1))) == []
    assert store.screenings.prune(dt.datetime.now(dt.UTC) + dt.timedelta(days=1)) == 2


def test_rescreens_are_found_by_owner_newest_first(store):
    now = dt.datetime.now(dt.UTC)
    for i, key in enumerate((1, 2, 1)):
        store.rescreens.create(RescreenRecord(
            f"r{i}", None, "list", "shortcut", "done", key, f"key {key}",
            now + dt.timedelta(seconds=i), now, {"versions": {}}, {"list": "un:B"},
            {"lists": []}, 3, 1, None))  # fmt: skip
    assert [r.id for r in store.rescreens.find(1)] == ["r2", "r0"]
    assert [r.id for r in store.rescreens.find(None)] == ["r2", "r1", "r0"]
    store.rescreens.update("r1", status="failed", error="boom")
    got = store.rescreens.get("r1")
    assert got.status == "failed" and got.error == "boom" and got.created_at.tzinfo is not None
    assert store.rescreens.get("nope") is None


def test_a_claim_is_taken_once_and_hidden_until_filled(store):
    assert store.rescreens.claim("c1", "rules:r2:un:B", "worker:a")
    assert not store.rescreens.claim("c2", "rules:r2:un:B", "worker:b")  # another process
    assert store.rescreens.find(None) == [] and store.rescreens.get("c1").status == "planning"
    store.rescreens.create(RescreenRecord(
        "c1", None, "rules", "shortcut", "done", None, "worker:a", dt.datetime.now(dt.UTC),
        None, {"versions": {}}, {"rules": "r2"}, {"lists": [], "rules": []}, 4, 0, None))  # fmt: skip
    assert [r.id for r in store.rescreens.find(None)] == ["c1"]
    assert store.rescreens.get("c1").examined == 4
