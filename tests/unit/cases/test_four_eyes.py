"""Four eyes bound to one decision: a prohibited case is never cleared by one officer."""

from __future__ import annotations

import pytest

from service.cases import ActionRequest, Actor, Conflict, InvalidAction, NotAllowed, verify

ALICE = Actor("officer:alice", "officer", "Alice")
BOB = Actor("officer:bob", "approver", "Bob")
CAROL = Actor("officer:carol", "approver", "Carol")

AUTHORISED = {"reason_code": "authorized", "reason": "the Committee authorised this shipment",
              "reference": "1718/EXEMPTION/2023/12", "expires": "2099-12-31"}  # fmt: skip


def clear() -> ActionRequest:
    return ActionRequest("clear", **AUTHORISED)


def approve(case: dict, **kw) -> ActionRequest:
    return ActionRequest("approve", "four_eyes_agreed", "checked the authorisation",
                         decision_sha256=case["decision_sha256"], **kw)  # fmt: skip


def test_a_prohibited_case_waits_for_a_second_officer(work, seed):
    case = work.create(seed, ALICE)
    assert (case["status"], case["decision"]["outcome"]) == ("open", "prohibited")
    case = work.act(case["id"], clear(), ALICE)
    assert case["status"] == "pending_approval"
    pending = case["pending"]
    assert (pending["actor"], pending["decision_id"]) == (ALICE.id, case["decision_id"])
    assert pending["decision_sha256"] == case["decision_sha256"]
    case = work.act(case["id"], approve(case), BOB)
    assert case["status"] == "cleared" and case["pending"] is None
    states = [(a["action"], a["state"]) for a in case["actions"]]
    assert states == [("clear", "approved"), ("approve", "done")]
    assert case["actions"][1]["details"]["approves"]["action_id"] == pending["id"]
    assert verify(work.store).ok


def test_nobody_approves_their_own_request(work, seed):
    boss = Actor("officer:alice", "approver")  # same person, approver role: still refused
    case = work.act(work.create(seed, ALICE)["id"], clear(), ALICE)
    with pytest.raises(NotAllowed, match="own request"):
        work.act(case["id"], approve(case), boss)
    with pytest.raises(NotAllowed, match="approver role"):
        work.act(case["id"], approve(case), Actor("officer:dave", "officer"))
    assert work.view(case["id"])["status"] == "pending_approval"


def test_the_approval_names_the_decision_it_approves(work, seed):
    case = work.act(work.create(seed, ALICE)["id"], clear(), ALICE)
    wrong = ActionRequest("approve", "four_eyes_agreed", "checked it",
                          decision_sha256="sha256:" + "0" * 64)  # fmt: skip
    with pytest.raises(Conflict, match="another decision"):
        work.act(case["id"], wrong, BOB)
    with pytest.raises(InvalidAction) as missing:
        work.act(case["id"], ActionRequest("approve", "four_eyes_agreed", "checked it"), BOB)
    assert "decision_sha256" in missing.value.errors


def test_a_changed_decision_voids_the_pending_approval(work, seed):
    case = work.act(work.create(seed, ALICE)["id"], clear(), ALICE)
    old = dict(case)
    # the lists change: the seller is no longer matched (think: a delisting), so the decision does
    work.live.screener = work.live.screener.with_parties(_no_parties())
    result = work.rescreen(case["id"])
    assert result["changed"] and result["decision_id"] != old["decision_id"]
    case = work.view(case["id"])
    assert case["status"] == "open" and case["pending"] is None  # back where the request was made
    assert [a["state"] for a in case["actions"]] == ["void"]
    with pytest.raises(Conflict):
        work.act(case["id"], approve(old), BOB)  # the old approval cannot land on the new one
    trail = [e["action"] for e in work.audit(case["id"])]
    assert trail[-2:] == ["approval.voided", "decision.recorded"]


def test_an_unchanged_rescreen_records_nothing(work, seed):
    case = work.act(work.create(seed, ALICE)["id"], clear(), ALICE)
    assert work.rescreen(case["id"]) == {"case_id": case["id"], "changed": False,
                                         "outcome": "prohibited"}  # fmt: skip
    assert work.view(case["id"])["pending"]["state"] == "pending"


def test_a_review_case_is_cleared_by_one_officer(work):
    case = work.create({"goods": [{"description": "rice"}], "route": {"origin": "TH"}}, ALICE)
    assert case["decision"]["outcome"] == "clear"
    case = work.act(case["id"], ActionRequest("clear", "no_measure_applies", "rice from Thailand"),
                    ALICE)  # fmt: skip
    assert case["status"] == "cleared"


def test_workflow_moves_and_reasons(work, seed):
    cid = work.create(seed, ALICE)["id"]
    assert work.act(cid, ActionRequest("assign", "assigned", "for review", assignee="alice"),
                    ALICE)["status"] == "in_review"  # fmt: skip
    with pytest.raises(InvalidAction) as bad:
        work.act(cid, ActionRequest("block", "authorized", "no"), ALICE)
    assert set(bad.value.errors) == {"reason_code", "reason"}
    with pytest.raises(InvalidAction) as expired:
        work.act(cid, ActionRequest("clear", **{**AUTHORISED, "expires": "2020-01-01"}), ALICE)
    assert "expired" in expired.value.errors["expires"]
    case = work.act(cid, ActionRequest("escalate", "escalated_legal", "needs an opinion"), ALICE)
    assert case["status"] == "escalated"
    case = work.act(cid, ActionRequest("block", "confirmed_match", "KPe.001 is listed"), CAROL)
    assert case["status"] == "blocked"
    with pytest.raises(Conflict, match="cannot clear a case that is blocked"):
        work.act(cid, clear(), ALICE)
    case = work.act(cid, ActionRequest("reopen", "new_information", "a delisting"), ALICE)
    assert case["status"] == "in_review"
    case = work.act(cid, ActionRequest("comment", "note", "called the exporter"), ALICE)
    assert case["status"] == "in_review"
    actors = {e["actor"] for e in work.audit(cid)}
    assert actors == {ALICE.id, CAROL.id}
    assert verify(work.store).ok


def test_reject_returns_the_case_for_review(work, seed):
    case = work.act(work.create(seed, ALICE)["id"], clear(), ALICE)
    case = work.act(case["id"], ActionRequest("reject", "four_eyes_refused", "not covered"), BOB)
    assert case["status"] == "open" and case["actions"][0]["state"] == "rejected"


def _no_parties():
    from service.screening.parties import ListScreen

    return ListScreen(())
