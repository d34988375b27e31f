"""Re-screening after a list change, on the real UN lists: the older snapshot committed under
tests/fixtures/lists (2026-02-27) and the bundled one (2026-05-08).

Transactions are screened under the older snapshot and kept; the bundled one is loaded; the
shortcut (only screenings whose parties meet an entry of the delta) must end with exactly the
stored results that screening every transaction again gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from service.cases import Actor, Casework
from service.jobs import Owner
from service.parties.lists import bundled_un_bytes
from service.rescreen import Rescreens, keep, summary
from service.rescreen.delta import list_delta
from service.ruletree import load_tree
from service.screening import LiveScreener
from service.screening.lists import current_lists, read_version, store_version
from service.settings import Settings
from service.store import Store

OLD = Path(__file__).parents[2] / "fixtures" / "lists" / "un-consolidated-2026-02-27.xml.gz"
ADMIN = Owner(None, "test", admin=True)
OFFICER = Actor("alice", "officer", "Alice")


@pytest.fixture(scope="module")
def tree():
    return load_tree()


@pytest.fixture(scope="module")
def snapshots(tree):
    return read_version(OLD.read_bytes(), "un-xml", tree), read_version(
        bundled_un_bytes(), "un-xml", tree
    )


def _transactions(old, new) -> list[dict]:
    """Parties named after entries the delta touches (exactly, and with a typo), after listed
    entries it leaves alone, and after nobody; half of them on a route to the DPRK."""
    delta = list_delta(old, new)
    assert delta.added and delta.removed and delta.changed  # the real delta has all three
    touched = [e.name for e in delta.added[:25]] + [e.name for e in delta.removed[:25]]
    touched += [new_e.name for _, new_e, _ in delta.changed[:25]]
    kept = {e.reference for e in delta.entries()}
    untouched = [e.name for e in new.entries if e.reference not in kept][::40][:40]
    typos = [n[:-1] + ("X" if n[-1] != "X" else "Y") for n in touched[::3]]
    nobody = [f"Northwind Trading {i} Ltd" for i in range(20)] + ["Acme Logistics GmbH"]
    names = touched + typos + untouched + nobody
    out = []
    for i, name in enumerate(names):
        out.append({
            "reference": f"T-{i}", "date": "2026-06-01", "type": "goods",
            "goods": [{"description": "rice", "hs_code": "100630"}],
            "parties": [{"role": "buyer", "name": name},
                        {"role": "seller", "name": "Northwind Exports"}],
            "route": {"origin": "CN", "destination": "KP" if i % 2 else "FR"},
        })  # fmt: skip
    return out


def _world(tmp_path, tree, transactions, cases=()):
    settings = Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / 's.db'}")
    store = Store(settings.database_url)
    store.upgrade()
    store_version(store, OLD.read_bytes(), "un-xml", tree)
    live = LiveScreener(settings, store, tree)
    assert live.screener.versions["list"].startswith("un:2026-02-27")
    for tx in transactions:
        keep(store, settings, tx, live.screener.screen(tx).to_dict(), None)
    casework = Casework(store, settings, live, tree)
    opened = [casework.create(tx, OFFICER)["id"] for tx in cases]
    store_version(store, bundled_un_bytes(), "un-xml", tree)
    live.use(current_lists(store, tree))
    assert live.screener.versions["list"].startswith("un:2026-05-08")
    return settings, store, live, casework, opened


def _stored(store):
    return {
        s.id: (s.outcome, s.summary, s.list_version)
        for s in store.screenings.since(
            __import__("datetime").datetime(2000, 1, 1, tzinfo=__import__("datetime").UTC)
        )
    }


def test_shortcut_gives_what_screening_everything_again_gives(tmp_path, tree, snapshots):
    transactions = _transactions(*snapshots)
    settings, store, live, casework, _ = _world(tmp_path, tree, transactions)
    new = live.screener
    before = _stored(store)
    # the reference: every stored transaction screened again under the new list
    full = {}
    for sid in before:
        tx = store.screenings.get(sid).transaction
        decision = new.screen(tx).to_dict()
        full[sid] = (decision["outcome"], summary(decision))
    changed = {sid for sid in full if full[sid] != before[sid][:2]}
    assert len(changed) >= 10  # the delta changes real decisions here

    rescreens = Rescreens(store, settings, tree)
    plan = rescreens.plan(new)
    selected = {i["screening"] for i in plan.items}
    assert changed <= selected  # nothing that changes is left out
    assert len(selected) < len(before)  # and the shortcut skips some
    record = rescreens.start(plan, "list", ADMIN, enqueue=False)
    rescreens.run_here(record, live, casework)
    after = _stored(store)
    assert {sid: v[:2] for sid, v in after.items()} == full
    assert {v[2] for v in after.values()} == {new.versions["list"]}
    report = rescreens.report(record, items=1000)
    assert report["status"] == "done"
    assert report["counts"]["changed"] == len(changed)
    assert report["counts"]["unaffected"] == len(before) - len(selected)


def test_report_names_the_entries_and_the_decisions_they_changed(tmp_path, tree, snapshots):
    old, new = snapshots
    delta = list_delta(old, new)
    removed = delta.removed[0]
    added = next(e for e in delta.added if e.regime == "DPRK") if any(
        e.regime == "DPRK" for e in delta.added) else delta.added[0]  # fmt: skip
    transactions = _transactions(old, new)
    cases = [{"reference": "CASE-1", "date": "2026-06-01",
              "goods": [{"description": "rice", "hs_code": "100630"}],
              "parties": [{"role": "buyer", "name": removed.name}],
              "route": {"origin": "CN", "destination": "FR"}}]  # fmt: skip
    settings, store, live, casework, opened = _world(tmp_path, tree, transactions, cases)
    rescreens = Rescreens(store, settings, tree)
    record = rescreens.start(rescreens.plan(live.screener), "list", ADMIN, enqueue=False)
    rescreens.run_here(record, live, casework)
    report = rescreens.report(record, items=1000)

    named = {(e["reference"], e["change"]) for e in report["entries"]}
    assert (removed.reference, "removed") in named and (added.reference, "added") in named
    assert any(c == "changed" for _, c in named)
    by_ref = {e["reference"]: e for e in report["entries"]}
    assert by_ref[removed.reference]["decisions"] >= 2  # the transaction and the case
    gone = [i for i in report["items"]
            if any(m["reference"] == removed.reference
                   for m in i["disappeared"].get("matches", ()))]  # fmt: skip
    assert gone and all("delisted" in i["reason"] for i in gone)
    assert any(i.get("case") == opened[0] for i in gone)
    came = [
        i
        for i in report["items"]
        if any(m["reference"] == added.reference for m in i["appeared"].get("matches", ()))
    ]
    assert came and all(f"now matches un {added.reference}" in i["reason"] for i in came)
    assert f"no longer match un {removed.reference} after its delisting" in report["summary"]
    assert report["summary"].startswith(f"{report['counts']['changed']} decisions changed")
    # the case has a new decision, flagged as a re-screen
    decisions = store.cases.decisions(opened[0])
    assert [d.cause for d in decisions][-1] == "rescreen"
