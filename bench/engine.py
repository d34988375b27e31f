"""Engine benchmark: rule evaluation with goods classification, and rule-set loading.

Prints transactions/s on one core over 1,000 varied transactions (cold: no classification
cache, as every figure but the one marked warm), as a ratio to
``json.loads`` + ``json.dumps`` of the same transactions measured in the same run; the cost of
the full rule set against the DPRK pack alone; and the time to load and compile rules/ (with the
parsed taxonomy read from its on-disk cache, and the first time, when it is parsed).

    .venv/bin/python bench/engine.py
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from service.screening import Screener  # noqa: E402
from service.screening.transaction import parse_transaction  # noqa: E402

DESCRIPTIONS = [
    "152 mm artillery shells", "diesel fuel", "AK-47 assault rifles", "frozen crab", "anthracite coal",
    "cotton T-shirts", "Mercedes-Maybach S680", "Rolex watches", "jet fuel", "iron ore",
    "obus de 122 mm", "gazole", "sawn timber", "lathe", "laptop computers", "rice", "wheat flour",
    "insulin", "Shahed-136 drones", "charcoal", "steel bars", "crude oil", "gold bars",
    "assorted spare parts", "toy gun", "fishing vessel", "helicopter", "textile fabrics",
    "7.62x39 cartridges", "snowmobile",
]  # fmt: skip
HS = [None, None, "930690", "271019", "030614", "270111", "620520", "870323", "910211", "440711"]
COUNTRIES = [
    "KP",
    "RU",
    "CN",
    "IR",
    "LY",
    "SO",
    "FR",
    "DE",
    "US",
    "BR",
    "IN",
    "TR",
    "AE",
    "YE",
    "HT",
]


def transactions(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        goods = [
            {
                "description": rng.choice(DESCRIPTIONS),
                "hs_code": rng.choice(HS),
                "quantity": rng.randint(1, 10**6),
                "unit": rng.choice(["t", "bbl", "pieces", "kg"]),
            }
            for _ in range(rng.randint(1, 3))
        ]
        goods = [{k: v for k, v in g.items() if v is not None} for g in goods]
        out.append({
            "reference": f"TX-{i}", "date": f"{rng.randint(2005, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "parties": [{"role": "seller", "name": f"Seller {i}", "country": rng.choice(COUNTRIES)},
                        {"role": "buyer", "name": f"Buyer {i}", "country": rng.choice(COUNTRIES), "category": rng.choice(["company", "military", "government"])}],
            "goods": goods,
            "route": {"origin": rng.choice(COUNTRIES), "destination": rng.choice(COUNTRIES), "transit": rng.sample(COUNTRIES, rng.randint(0, 2))},
        })  # fmt: skip
    return out


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def dprk_only() -> Path:
    tmp = Path(tempfile.mkdtemp())
    shutil.copytree(REPO / "rules", tmp / "rules", ignore=shutil.ignore_patterns("*.tests.yaml"))
    for folder in (tmp / "rules" / "un").iterdir():
        if folder.name != "dprk":
            shutil.rmtree(folder)
    # The manifest in regimes.yaml names every regime's files: keep the DPRK's rule files only.
    manifest = tmp / "rules" / "regimes.yaml"
    doc = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    doc["regimes"] = [r for r in doc["regimes"] if r.get("folder") == "un/dprk"]
    for regime in doc["regimes"]:
        regime["files"] = [f for f in regime["files"] if not f.endswith(".tests.yaml")]
    kept = {r["code"] for r in doc["regimes"]}
    doc["mandates"] = {k: v for k, v in (doc.get("mandates") or {}).items() if k in kept}
    doc["entry_measures"] = [e for e in doc.get("entry_measures") or [] if e["regime"] in kept]
    for source in doc.get("lists") or []:  # other lists' programmes of a dropped regime: unmapped
        programmes = source["programmes"]
        source["programmes"] = {k: v if v in kept else None for k, v in programmes.items()}
    manifest.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return tmp / "rules"


def main() -> None:
    txs = transactions(1000)
    texts = [json.dumps(t) for t in txs]
    baseline = best_of(lambda: [json.dumps(json.loads(t)) for t in texts])
    # the parsed taxonomy is cached on disk (service/cache.py): a first load in a fresh cache
    # folder parses it, the next ones (every later process) read it back
    os.environ["SANCTIONS_CACHE_DIR"] = tempfile.mkdtemp(prefix="engine-cache-")
    start = time.perf_counter()
    full = Screener.from_paths(REPO / "rules")
    load_cold = time.perf_counter() - start
    start = time.perf_counter()
    full = Screener.from_paths(REPO / "rules")
    load = time.perf_counter() - start
    parsed = [parse_transaction(t) for t in txs]
    screen_full = best_of(lambda: [full.screen(t) for t in parsed])
    # the two halves of a screening: classifying the goods lines, and the rules on the facts
    classify = full.classifier.classify
    lines = [(g.description, g.hs_code) for t in parsed for g in t.goods]
    goods = best_of(lambda: [classify(d, h) for d, h in lines])
    dprk = Screener.from_paths(dprk_only())
    screen_dprk = best_of(lambda: [dprk.screen(t) for t in parsed])
    with_parse = best_of(lambda: [full.screen(t) for t in txs])
    cached = Screener(full.ruleset, full.classifier.taxonomy, cache_size=20_000)
    warm = best_of(lambda: [cached.screen(t) for t in parsed])
    n = len(txs)
    outcomes: dict[str, int] = {}
    for t in parsed:
        o = full.screen(t).outcome
        outcomes[o] = outcomes.get(o, 0) + 1
    print(
        f"rules: {len(full.ruleset.rules)} (DPRK pack: {len(dprk.ruleset.rules)}); outcomes over {n}: {outcomes}"
    )
    print(f"json.loads+json.dumps baseline : {n / baseline:12,.0f} tx/s")
    print(
        f"screen (parsed tx, full rules) : {n / screen_full:12,.0f} tx/s  = {baseline / screen_full:.2f}x the baseline's speed"
    )
    print(
        f"  of which goods classification: {goods * 1000:.1f} ms per {n} tx ({len(lines)} lines, "
        f"{goods / len(lines) * 1e6:.1f} us a line); rules, facts and decision: "
        f"{(screen_full - goods) * 1000:.1f} ms"
    )
    print(
        f"screen (from dict, full rules) : {n / with_parse:12,.0f} tx/s  = {baseline / with_parse:.2f}x the baseline's speed"
    )
    print(f"screen (parsed tx, DPRK only)  : {n / screen_dprk:12,.0f} tx/s")
    print(
        f"screen (parsed, warm LRU cache): {n / warm:12,.0f} tx/s  (goods lines repeat in this set)"
    )
    print(f"full rule set / DPRK pack cost : {screen_full / screen_dprk:.2f}x (target <= 2x)")
    print(f"load + compile rules/          : {load * 1000:.0f} ms (target < 500 ms); "
          f"{load_cold * 1000:.0f} ms the first time (taxonomy parsed, not yet cached)")  # fmt: skip


if __name__ == "__main__":
    main()
