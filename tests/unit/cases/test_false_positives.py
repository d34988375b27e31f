"""False-positive memory: a dismissed match stays dismissed, per query and entry content, until
the entry changes; dismissed matches never crowd out new ones."""

from __future__ import annotations

import dataclasses

from service.cases import ActionRequest, Actor, MatchRef
from service.parties.model import ListName
from service.screening.lists import StoredList, current_lists
from service.screening.parties import MAX_MATCHES, fingerprint
from service.screening.transaction import parse_transaction

ALICE = Actor("officer:alice", "officer", "Alice")
BOB = Actor("officer:bob", "approver", "Bob")
KIM = {"parties": [{"role": "buyer", "name": "Kim Jong Un", "type": "person"}],
       "goods": [{"description": "rice"}]}  # fmt: skip


def dismiss(party, reference, evidence="born 1984, not 1950 as listed") -> ActionRequest:
    return ActionRequest("dismiss", "false_positive", "not the listed person", evidence=evidence,
                         match=MatchRef(party, "un", reference))  # fmt: skip


def matches(case, index=0):
    block = next(b for b in case["decision"]["parties"] if b["index"] == index)
    return [m["reference"] for m in block["matches"]], block.get("suppressed", [])


def test_a_dismissed_review_match_stays_dismissed_until_the_entry_changes(work, tree):
    first = work.create(KIM, ALICE)
    assert first["decision"]["outcome"] == "review"
    assert matches(first) == (["KPi.021"], [])
    case = work.act(first["id"], dismiss(0, "KPi.021"), ALICE)  # review band: no second officer
    assert case["status"] == "in_review" and case["decision"]["outcome"] == "clear"
    shown, hidden = matches(case)
    assert shown == [] and hidden[0]["reference"] == "KPi.021"
    assert "false positive" in hidden[0]["suppressed"] and "born 1984" in hidden[0]["suppressed"]
    assert [d["cause"] for d in case["decisions"]] == ["created", "dismissal"]

    later = work.create(KIM, ALICE)  # another case, the same query: dismissed with a note
    assert later["decision"]["outcome"] == "clear"
    assert matches(later)[1][0]["reference"] == "KPi.021"
    other = work.create({**KIM, "parties": [{**KIM["parties"][0], "nationality": "KP"}]}, ALICE)
    assert other["decision"]["outcome"] == "review"  # a different query is not covered

    # the entry gains an alias in a new list version: the dismissal no longer applies
    un, vessels = current_lists(None, tree)  # the bundled UN list and un-vessels
    entries = tuple(
        dataclasses.replace(e, names=(*e.names, ListName("KIM JONG UN", "alias", "good")))
        if e.reference == "KPi.021"
        else e
        for e in un.snapshot.entries
    )
    work.live.use([StoredList(None, dataclasses.replace(un.snapshot, entries=entries)), vessels])
    back = work.create(KIM, ALICE)
    assert matches(back) == (["KPi.021"], [])  # back, and now a full match on the new alias
    assert back["decision"]["outcome"] == "prohibited"


def test_dismissing_a_match_at_the_threshold_needs_an_approver(work, seed):
    case = work.create(seed, ALICE)
    assert "KPe.001" in matches(case)[0]
    case = work.act(case["id"], dismiss(0, "KPe.001", "a different company"), ALICE)
    assert case["status"] == "pending_approval" and case["pending"]["action"] == "dismiss"
    assert "KPe.001" in matches(case)[0]  # not dismissed yet
    approval = ActionRequest("approve", "four_eyes_agreed", "agreed, different registration",
                             decision_sha256=case["decision_sha256"])  # fmt: skip
    case = work.act(case["id"], approval, BOB)
    assert case["status"] == "open"  # back where it was; the clearance is a separate decision
    shown, hidden = matches(case)
    assert "KPe.001" not in shown and hidden[0]["reference"] == "KPe.001"
    assert [d["cause"] for d in case["decisions"]] == ["created", "dismissal"]


def test_dismissed_matches_never_take_the_place_of_new_ones(screener):
    parties = screener.parties
    tx = parse_transaction({"parties": [{"name": "Ali Hassan", "type": "person"}],
                            "goods": [{"description": "rice"}]})  # fmt: skip
    every = parties._match("Ali Hassan", "person", None, None, None, None)
    assert len(every) > MAX_MATCHES  # more candidates than are shown
    plain = parties.screen_parties(tx).block[0]["matches"]
    assert len(plain) == MAX_MATCHES
    print_ = fingerprint("Ali Hassan", "person", None, None, None, None)
    hidden = {(print_, m.source, m.reference, parties.entry_hash(m.source, m.reference)): "fp"
              for m in every[:3]}  # fmt: skip
    block = parties.screen_parties(tx, hidden).block[0]
    assert [m["reference"] for m in block["matches"]] == [
        m.reference for m in every[3 : 3 + MAX_MATCHES]
    ]
    assert [m["reference"] for m in block["suppressed"]] == [m.reference for m in every[:3]]
