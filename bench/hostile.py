"""Hostile benchmark: the worst request that the limits let through, and RSS over many
distinct transactions.

Prints the CPU time (``time.process_time``, one core) of the costliest requests we could build
under the limits of service.screening.transaction, screened cold (every name and description
new, so no cache helps), per request and per party name, against the seed transaction measured
in the same run; then the process's RSS every 10,000 of 100,000 distinct transactions (distinct
party names and goods descriptions, so the caches fill to their bound and stay there).

    .venv/bin/python bench/hostile.py [--transactions 100000]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from service.app import create_app  # noqa: E402
from service.screening import build_screener  # noqa: E402
from service.screening.transaction import (  # noqa: E402
    MAX_GOODS,
    MAX_NAME,
    MAX_NAME_WORDS,
    MAX_NAME_WORDS_TOTAL,
    MAX_PARTIES,
    MAX_TEXT,
)
from service.settings import Settings  # noqa: E402

TARGET_MS = 250.0
WORDS = ["abdul", "abu", "muhammad", "ibrahim", "mohammad", "ali", "abdullah", "mhmd", "rahman",
         "ahmed", "mohamed", "ahmad", "mohammed", "hassan", "islamic", "korea", "trading"]  # fmt: skip
GOODS = ["artillery shells", "diesel", "rifles", "obus de 122 mm", "luxury cars", "coal", "iron",
         "petroleum", "cartridges", "drones", "gold", "crab", "textiles", "machine tools"]  # fmt: skip
counter = itertools.count()


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def name(kind: str, size: int = MAX_NAME_WORDS) -> str:
    """A distinct name of ``size`` words, at most MAX_NAME characters."""
    n = next(counter)
    if kind == "repeat":
        words = [WORDS[n % 6]] * (size - 1)
    elif kind == "frequent":
        words = random.sample(WORDS, size - 1)
    else:  # long tokens that are near many listed ones
        words = [w + w[::-1] for w in random.sample(WORDS, size - 1)]
    return " ".join([*words, f"x{n}"])[:MAX_NAME]


def description(length: int) -> str:
    out = " ".join(random.choice(GOODS) + f" {next(counter)}" for _ in range(length // 10))
    return out[:length]


def worst(kind: str, words: int) -> dict:
    """The most parties the word budget allows, each name ``words`` long (plus the vessel)."""
    count = min(MAX_PARTIES, (MAX_NAME_WORDS_TOTAL - words) // words)
    parties = [{"role": "buyer", "name": name(kind, words), "country": "KP", "type": "person",
                "nationality": "KP", "date_of_birth": "1970-01-01"}
               for _ in range(count)]  # fmt: skip
    goods = [{"description": description(2000), "hs_code": "930690", "quantity": 1e9,
              "value": {"amount": 1e9, "currency": "USD"}, "origin": "RU"}
             for _ in range(MAX_GOODS)]  # fmt: skip
    return {"date": "2024-01-01", "description": description(MAX_TEXT), "parties": parties,
            "goods": goods, "route": {"origin": "RU", "destination": "KP", "transit": ["CN"] * 50,
            "vessel": {"name": name(kind, words), "imo": "9179842", "flag": "KP"}}}  # fmt: skip


def cpu_ms(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, (time.process_time() - start) * 1000)
    return best


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--transactions", type=int, default=100_000)
    n = args.parse_args().transactions
    random.seed(7)
    settings = Settings(database_url="sqlite://", log_level="WARNING", rate_limit="10000000/minute")
    screener = build_screener(settings)
    app = create_app(settings, screener=screener)
    client = app.test_client()
    headers = {"Authorization": "Bearer " + app.extensions["sanctions"].store.keys.create("admin")}
    seed = json.loads((REPO / "tests" / "fixtures" / "seed.json").read_text())
    base = cpu_ms(lambda: client.post("/v1/screenings", json=seed, headers=headers), 20)
    print(f"baseline: the seed transaction through the app: {base:.1f} ms CPU")
    print(f"limits: {MAX_PARTIES} parties, {MAX_NAME_WORDS_TOTAL} name words in all, {MAX_GOODS} "
          f"goods lines, names {MAX_NAME} chars / {MAX_NAME_WORDS} words, description "
          f"{MAX_TEXT} chars")  # fmt: skip
    cases = [(k, w) for k in ("repeat", "frequent", "glued") for w in (MAX_NAME_WORDS, 4)]
    for kind, words in cases:
        bodies = [json.dumps(worst(kind, words)) for _ in range(3)]
        sizes = max(len(b) for b in bodies)
        it = iter(bodies)

        def post(it=it) -> None:  # type: ignore[no-untyped-def]
            r = client.post("/v1/screenings", data=next(it), headers={**headers,
                            "Content-Type": "application/json"})  # fmt: skip
            assert r.status_code == 200, r.get_data(as_text=True)[:300]

        ms = cpu_ms(post)
        matcher = screener.parties.matchers[0]
        names = [name(kind, words) for _ in range(20)]
        per_name = cpu_ms(lambda m=matcher, ns=names: [m.match(x) for x in ns], 1) / len(names)
        verdict = "within" if ms <= TARGET_MS else "OVER"
        print(f"worst request ({kind} names of {words} words, {sizes // 1024} KiB): {ms:.0f} ms CPU "
              f"({ms / base:.0f}x the seed; {verdict} the {TARGET_MS:.0f} ms target); "
              f"{per_name:.1f} ms per party name")  # fmt: skip
    print(f"RSS over {n} distinct transactions (MiB):")
    line = []
    for i in range(1, n + 1):
        tx = {"date": "2024-01-01", "goods": [{"description": f"{random.choice(GOODS)} lot {i}"}],
              "parties": [{"name": f"{random.choice(WORDS)} {random.choice(WORDS)} {i}"}],
              "route": {"origin": "CN", "destination": random.choice(["KP", "RU", "IR", "FR"])}}  # fmt: skip
        screener.screen(tx)
        if i % (n // 10) == 0:
            line.append(f"{i // 1000}k: {rss_mib():.0f}")
            print("  " + ", ".join(line), flush=True)


if __name__ == "__main__":
    main()
