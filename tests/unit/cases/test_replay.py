"""A stored decision re-runs with exactly its rule set (from its snapshot), list version and
parameters, and comes out identical; a difference is shown by path."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from service.cases import ActionRequest, Actor, Casework, MatchRef, ReplayUnavailable
from service.cases.replay import replay
from service.cases.snapshots import archive, restore
from service.screening import LiveScreener
from service.screening.lists import store_version
from service.settings import Settings
from service.store import Store

ALICE = Actor("officer:alice", "officer", "Alice")


def test_a_replayed_decision_is_identical(work, seed):
    case = work.create(seed, ALICE)
    result = work.replay(case["id"], reuse=False)  # rules from the snapshot, list from its bytes
    assert result["identical"] and result["differences"] == []
    assert result["replayed"] == case["decision"]
    assert result["versions"] == case["decision"]["versions"] == result["replayed_with"]


def test_a_decision_with_a_dismissal_replays_with_it(work):
    tx = {"parties": [{"role": "buyer", "name": "Kim Jong Un", "type": "person"}],
          "goods": [{"description": "rice"}]}  # fmt: skip
    case = work.create(tx, ALICE)
    dismiss = ActionRequest("dismiss", "false_positive", "not him", evidence="born 1984",
                            match=MatchRef(0, "un", "KPi.021"))  # fmt: skip
    case = work.act(case["id"], dismiss, ALICE)
    assert case["decision"]["outcome"] == "clear"
    result = work.replay(case["id"], reuse=False)
    assert result["identical"] and result["replayed"]["outcome"] == "clear"
    first = work.replay(case["id"], case["decisions"][0]["id"])
    assert first["identical"] and first["replayed"]["outcome"] == "review"


def test_a_changed_stored_decision_shows_its_differences(work, seed):
    case = work.create(seed, ALICE)
    stored = work.store.cases.decision(case["decision_id"])
    body = {**stored.body, "outcome": "clear"}
    body["findings"] = [dict(stored.body["findings"][0], rule="made.up")]
    result = replay(work.store, work.settings, dataclasses.replace(stored, body=body),
                    work.store.cases.transaction(case["id"]), tree=work.tree)  # fmt: skip
    assert not result["identical"]
    paths = {d["path"] for d in result["differences"]}
    assert {"outcome", "findings[0].rule"} <= paths


def test_the_snapshot_is_the_rule_set(work, tree, seed):
    work.create(seed, ALICE)
    assert work.store.snapshots.has(tree.version)
    assert restore(work.store, tree.version).version == tree.version
    assert archive(tree.root) == archive(tree.root)  # reproducible: content-addressed
    with pytest.raises(ReplayUnavailable, match="no snapshot"):
        restore(work.store, "sha256:" + "0" * 64)


def test_a_decision_replays_with_the_lists_that_blocked_when_it_was_made(tmp_path, tree):
    store = Store(f"sqlite:///{tmp_path / 'blocking.db'}")
    store.upgrade()
    sdn = Path(__file__).resolve().parents[2] / "fixtures" / "lists" / "ofac-sdn-csv-sample.zip"
    store_version(store, sdn.read_bytes(), "ofac-sdn-csv", tree, published="2025-05-16")
    blocking = dataclasses.replace(Settings(), home=tmp_path,
                                   blocking_lists=("un", "un-vessels", "ofac-sdn"))  # fmt: skip
    work = Casework(store, blocking, LiveScreener(blocking, store, tree), tree)
    tx = {"parties": [{"role": "beneficiary", "type": "organization",
                       "name": "Gaddafi International Charity and Development Foundation"}],
          "type": "financial", "description": "payment for services"}  # fmt: skip
    case = work.create(tx, ALICE)
    assert case["decision"]["outcome"] == "prohibited"  # OFAC blocks here: LIBYA2 -> LIBYA
    stored = store.cases.decision(case["decision_id"])
    assert stored.params["blocking_lists"] == ["un", "un-vessels", "ofac-sdn"]
    # replayed by a process whose setting has changed back to the UN lists only: still the same
    result = replay(store, dataclasses.replace(blocking, blocking_lists=("un",)), stored,
                    store.cases.transaction(case["id"]), tree=tree)  # fmt: skip
    assert result["identical"], result["differences"]
    store.dispose()
