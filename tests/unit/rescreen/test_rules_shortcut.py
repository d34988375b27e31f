"""Re-screening after a rule change: the shortcut (only screenings a changed rule can decide
differently) ends with what screening everything again under the new rules gives.

The new rule set is the bundled one with two DPRK textiles rules moved in time: the ban starts
in 2020 instead of December 2017, and the grace period runs to the end of 2019 — findings
disappear (the ban) and appear (the grace period's conditions) for 2018–2019 exports."""

from __future__ import annotations

import itertools
import shutil

from service.cases import Casework
from service.jobs import Owner
from service.parties.lists import bundled_un_bytes
from service.rescreen import Rescreens, keep, summary
from service.ruletree import load_tree
from service.screening import LiveScreener
from service.screening.lists import store_version
from service.settings import Settings
from service.store import Store

GOODS = [{"description": "cotton t-shirts", "hs_code": "610910"},
         {"description": "rice", "hs_code": "100630"},
         {"description": "passenger cars", "hs_code": "870323"},
         {"description": "assault rifles", "hs_code": "930190"}]  # fmt: skip
ROUTES = [("KP", "CN"), ("CN", "KP"), ("IR", "SY"), ("FR", "DE"), ("LY", "IT")]
DATES = ["2016-05-02", "2017-10-01", "2018-03-15", "2019-07-01", "2021-02-10", "2025-01-20"]


def transactions() -> list[dict]:
    return [
        {"reference": f"R-{i}", "date": day, "goods": [goods],
         "parties": [{"role": "buyer", "name": f"Harbour Traders {i}"}],
         "route": {"origin": origin, "destination": destination}}
        for i, (goods, (origin, destination), day) in enumerate(itertools.product(GOODS, ROUTES, DATES))
    ]  # fmt: skip


def test_rule_change_shortcut_gives_what_screening_everything_again_gives(tmp_path):
    old_tree = load_tree()
    root = tmp_path / "rules"
    shutil.copytree(old_tree.root, root)
    path = root / "un" / "dprk" / "textiles.yaml"
    text = path.read_text()
    text = text.replace("in_force: {from: 2017-12-11}", "in_force: {from: 2020-01-01}")
    text = text.replace("in_force: {from: 2017-09-11, until: 2017-12-10}",
                        "in_force: {from: 2017-09-11, until: 2019-12-31}")  # fmt: skip
    path.write_text(text)
    new_tree = load_tree(root)
    assert new_tree.version != old_tree.version

    settings = Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / 's.db'}")
    store = Store(settings.database_url)
    store.upgrade()
    store_version(store, bundled_un_bytes(), "un-xml", old_tree)
    old = LiveScreener(settings, store, old_tree).screener
    for tx in transactions():
        keep(store, settings, tx, old.screen(tx).to_dict(), None, old_tree)
    live = LiveScreener(settings, store, new_tree)
    kept = {s.id: s for s in store.screenings.since(store_epoch())}
    full = {}
    for sid, s in kept.items():
        decision = live.screener.screen(s.transaction).to_dict()
        full[sid] = (decision["outcome"], summary(decision))
    changed = {sid for sid in full if full[sid] != (kept[sid].outcome, kept[sid].summary)}
    assert len(changed) >= 2  # the KP textiles exports of 2018 and 2019

    rescreens = Rescreens(store, settings, new_tree)
    plan = rescreens.plan(live.screener)
    selected = {i["screening"] for i in plan.items}
    assert changed <= selected and len(selected) < len(kept), plan.rules
    [rules] = plan.rules
    assert rules["before"] == old_tree.version
    assert rules["changed"] == ["unsc.dprk.textiles", "unsc.dprk.textiles.grace"]
    # what a worker starting with the new rules does; a second worker starting finds it done
    record = rescreens.after_rules_change(live.screener, Owner(None, "test", True), enqueue=False)
    assert record is not None and record.selected == len(selected)
    assert rescreens.after_rules_change(live.screener, Owner(None, "test", True)) is None
    rescreens.run_here(record, live, Casework(store, settings, live, new_tree))
    after = {s.id: (s.outcome, s.summary) for s in store.screenings.since(store_epoch())}
    assert after == full
    report = rescreens.report(store.rescreens.get(record.id), 1000)
    assert report["mode"] == "shortcut" and report["counts"]["changed"] == len(changed)
    assert report["trigger"] == "rules" and report["status"] == "done"
    # every kept screening now holds the new rules: nothing left to start
    assert not store.screenings.other_rules(store_epoch(), new_tree.version)
    assert any("no longer found: unsc.dprk.textiles" in i["reason"] for i in report["items"])
    assert any("now found: unsc.dprk.textiles.grace" in i["reason"] for i in report["items"])


def store_epoch():
    import datetime as dt

    return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
