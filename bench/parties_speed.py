"""Latency and build cost of the party matcher, on the UN list and on synthetic lists.

Synthetic lists of 10k, 100k and 1M names are drawn from the UN names' token statistics
(name lengths, token frequencies, plus one token in eight respelled by one letter so that the
vocabulary grows with the list as real lists do). Queries are listed names and their variants, and unrelated
names. Peak RSS comes from resource.getrusage (the process's high-water mark so far).

Run: .venv/bin/python bench/parties_speed.py [--max-size 100000] [--queries 2000]
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import string
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from parties_quality import VARIANTS, common_names  # noqa: E402

from service.parties.lists import load_bundled_un  # noqa: E402
from service.parties.matcher import Matcher  # noqa: E402
from service.parties.model import ListEntry, ListName, ListSnapshot  # noqa: E402
from service.ruletree import load_tree  # noqa: E402

NAMES_PER_ENTRY = 4
SIZES = (10_000, 100_000, 1_000_000)


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def listed_names(lst: ListSnapshot) -> list[str]:
    return [n.full for e in lst.entries for n in e.names if n.full.isascii()]


def queries_for(names: list[str], rng: random.Random, count: int) -> list[str]:
    """Half listed names or their variants, half unrelated real-world names."""
    kinds = list(VARIANTS.values())
    unrelated = common_names(rng)
    out = []
    while len(out) < count:
        if rng.random() < 0.5:
            out.append(rng.choice(unrelated))
            continue
        name = rng.choice(names)
        out.append(rng.choice(kinds)(name, rng) or name)
    return out


def latencies(matcher: Matcher, queries: list[str]) -> list[float]:
    """Milliseconds per query, after a short warm-up."""
    for q in queries[:50]:
        matcher.match(q)
    out = []
    for q in queries:
        t0 = time.perf_counter()
        matcher.match(q)
        out.append((time.perf_counter() - t0) * 1000)
    return sorted(out)


def pct(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def synthetic_list(names: list[str], size: int, rng: random.Random) -> ListSnapshot:
    """``size`` names (in entries of four) drawn from the token statistics of ``names``."""
    lengths = Counter(len(n.split()) for n in names)
    tokens = Counter(t for n in names for t in n.split())
    vocab, weights = list(tokens), list(tokens.values())
    length_pool, length_w = list(lengths), list(lengths.values())
    entries = []
    for i in range(0, size, NAMES_PER_ENTRY):
        made = []
        for _ in range(NAMES_PER_ENTRY):
            k = rng.choices(length_pool, length_w)[0]
            parts = [_respell(t, rng) for t in rng.choices(vocab, weights, k=k)]
            made.append(" ".join(parts))
        kind = "individual" if rng.random() < 0.7 else "entity"
        names_ = tuple(ListName(n, "primary" if j == 0 else "alias", "primary" if j == 0 else "good")
                       for j, n in enumerate(made))  # fmt: skip
        entries.append(ListEntry(f"SYN.{i // NAMES_PER_ENTRY:07d}", kind, "SYN", "synthetic",
                                 made[0], names_))  # fmt: skip
    return ListSnapshot("2026-01-01T00:00:00Z", "synthetic", tuple(entries))


def _respell(token: str, rng: random.Random) -> str:
    """Keep the token, or (one time in eight) change one letter, growing the vocabulary."""
    if rng.random() > 1 / 8 or len(token) < 4:
        return token
    at = rng.randrange(1, len(token))
    return token[:at] + rng.choice(string.ascii_lowercase) + token[at + 1 :]


def report(label: str, names: int, build_s: float, lat: list[float]) -> None:
    print(f"{label:12} {names:>9,} {build_s:9.2f} {peak_rss_mib():10.0f} "
          f"{pct(lat, 50):8.3f} {pct(lat, 95):8.3f} {pct(lat, 99):8.3f} {lat[-1]:8.2f}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-size", type=int, default=SIZES[-1], help="largest synthetic list")
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lst = load_bundled_un().with_regimes(load_tree().list_regimes())
    names = listed_names(lst)
    print(f"{'list':12} {'names':>9} {'build s':>9} {'peakRSS MiB':>10} "
          f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")  # fmt: skip
    t0 = time.perf_counter()
    matcher = Matcher(lst)
    build = time.perf_counter() - t0
    count = sum(len(e.names) for e in lst.entries)
    report("UN list", count, build, latencies(matcher, queries_for(names, rng, args.queries)))
    for size in (s for s in SIZES if s <= args.max_size):
        del matcher
        gc.collect()
        synthetic = synthetic_list(names, size, rng)
        syn_names = [n.full for e in synthetic.entries[:5000] for n in e.names]
        t0 = time.perf_counter()
        matcher = Matcher(synthetic)
        build = time.perf_counter() - t0
        lat = latencies(matcher, queries_for(syn_names, rng, args.queries))
        report("synthetic", size, build, lat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
