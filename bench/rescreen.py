"""Re-screening benchmark: N kept decisions re-screened after a list delta of 10 entries
(5 delisted, 5 renamed), full (every decision through the pipeline) vs the shortcut (only those
whose parties meet an entry of the delta).

Both runs start from the same database (a copy made after the new version is stored) and go
through the same code (plan, a job of kind ``rescreen``, its chunks run in this process as a
worker runs them); the full run is the baseline measured in the same run. The two databases
must end with the same stored results: the bench checks that too.

    .venv/bin/python bench/rescreen.py [--items 100000]

Transactions are bench/engine.py's generated ones; one in 50 has a buyer named after a listed
entry (some of them the entries the delta touches). SQLite under a temporary directory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from engine import transactions  # noqa: E402

from service.cases import Casework  # noqa: E402
from service.jobs import Owner  # noqa: E402
from service.parties.lists import bundled_un_bytes  # noqa: E402
from service.rescreen import Rescreens  # noqa: E402
from service.rescreen.record import row  # noqa: E402
from service.ruletree import load_tree  # noqa: E402
from service.screening import LiveScreener  # noqa: E402
from service.screening.lists import current_lists, read_version, store_version  # noqa: E402
from service.settings import Settings  # noqa: E402
from service.store import Store  # noqa: E402

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
ENTRY = re.compile(r"<(INDIVIDUAL|ENTITY)>.*?</\1>", re.S)


def delta_list(raw: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """The list with 5 entries removed and 5 renamed (first name gets a suffix), a day newer."""
    text = gzip.decompress(raw).decode()
    entries = list(ENTRY.finditer(text))
    picked = rng.sample(entries, 10)
    refs = [re.search(r"<REFERENCE_NUMBER>(.*?)</", m.group(0)).group(1) for m in picked]
    out, last = [], 0
    for i, m in enumerate(sorted(picked, key=lambda m: m.start())):
        out.append(text[last : m.start()])
        body = m.group(0)
        if i % 2:
            body = re.sub(r"<FIRST_NAME>(.*?)</FIRST_NAME>",
                          lambda f: f"<FIRST_NAME>{f.group(1).strip()} QWERTZ</FIRST_NAME>", body,
                          count=1)  # fmt: skip
            out.append(body)
        last = m.end()
    out.append(text[last:])
    new = "".join(out).replace('dateGenerated="2026-05-08', 'dateGenerated="2026-05-09')
    return gzip.compress(new.encode()), refs


def run(db: Path, settings: Settings, tree, full: bool) -> tuple[float, float, dict]:
    store = Store(f"sqlite:///{db}")
    live = LiveScreener(settings, store, tree)
    rescreens = Rescreens(store, settings, tree)
    start = time.perf_counter()
    plan = rescreens.plan(live.screener, full=full)
    record = rescreens.start(plan, "list", Owner(None, "bench", True), enqueue=False)
    planned = time.perf_counter() - start
    rescreens.run_here(record, live, Casework(store, settings, live, tree))
    total = time.perf_counter() - start
    report = rescreens.report(store.rescreens.get(record.id), 0)
    stored = {
        s.source: (s.outcome, s.summary, s.list_version) for s in store.screenings.since(EPOCH)
    }
    store.dispose()
    return planned, total, {"report": report, "stored": stored}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(11)
    tmp = Path(tempfile.mkdtemp(prefix="bench-rescreen-"))
    db = tmp / "s.db"
    settings = Settings(home=tmp, database_url=f"sqlite:///{db}", rescreen_days=30)
    tree = load_tree()
    store = Store(settings.database_url)
    store.upgrade()
    old_raw = bundled_un_bytes()
    store_version(store, old_raw, "un-xml", tree)
    live = LiveScreener(settings, store, tree)
    new_raw, refs = delta_list(old_raw, rng)
    names = [e.name for e in read_version(old_raw, "un-xml", tree).entries]
    touched = {e.reference: e.name for e in read_version(old_raw, "un-xml", tree).entries
               if e.reference in refs}  # fmt: skip
    txs = transactions(args.items)
    for i, tx in enumerate(txs):
        if i % 50 == 0:
            pool = list(touched.values()) if i % 100 == 0 else names
            tx["parties"][1]["name"] = rng.choice(pool)
    start = time.perf_counter()
    rows = []
    for i, tx in enumerate(txs):
        rows.append(row("job", f"bench:{i}", None, tx, live.screener.screen(tx).to_dict()))
        if len(rows) == 1000:
            store.screenings.record(rows)
            rows = []
    store.screenings.record(rows)
    initial = time.perf_counter() - start
    store_version(store, new_raw, "un-xml", tree)
    live.use(current_lists(store, tree))
    store.dispose()
    copy = tmp / "full.db"
    shutil.copy(db, copy)

    s_plan, s_total, shortcut = run(db, settings, tree, full=False)
    f_plan, f_total, full = run(copy, settings, tree, full=True)
    same = shortcut["stored"] == full["stored"]
    sr, fr = shortcut["report"], full["report"]
    print(f"kept decisions: {args.items} (first screening {initial:.1f} s, "
          f"{args.items / initial:.0f}/s)")  # fmt: skip
    print(f"list delta: {len(refs)} entries (5 removed, 5 renamed): {', '.join(sorted(refs))}")
    print(f"full:     {f_total:7.1f} s  (plan {f_plan:.1f} s)  screened {fr['counts']['selected']}"
          f"  changed {fr['counts']['changed']}")  # fmt: skip
    print(f"shortcut: {s_total:7.1f} s  (plan {s_plan:.1f} s)  screened {sr['counts']['selected']}"
          f"  changed {sr['counts']['changed']}")  # fmt: skip
    print(
        f"saving:   {1 - s_total / f_total:.1%} of the full time ({f_total / s_total:.1f}x faster)"
    )
    print(f"same stored results after both: {same}")
    print(f"summary: {sr['summary']}")
    shutil.rmtree(tmp, ignore_errors=True)
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
