"""Latency, build time and memory of the party matcher, from the bundled lists up to 1M names.

Every list the project ships or keeps as a fixture is read and screened together: the bundled
UN Consolidated List and UN vessels, and the OFAC (Consolidated XML, SDN CSV), EU, UK and
FollowTheMoney samples under tests/fixtures/lists/. Synthetic names are then added to reach
10k, 100k and 1M names: Arabic, Slavic, East Asian romanised and Western personal names and
company names, drawn from syllables and name parts with a fixed seed (so the vocabulary grows
with the list as real lists' do).

Queries (the same kinds at every size): half are listed names (real or synthetic) turned into
variants of bench/parties_quality.py's kinds, half are negatives: common real-world names and
freshly generated names that are not listed.

Baseline, same run: a brute-force rapidfuzz ``process.extractOne`` (token_sort_ratio, choices
preprocessed once) over the first 10,000 names, for the same queries.

Build: the Matcher's whole build (normalising every list name, then the index) and, apart,
the index alone built again from the same tokens.

Memory: RSS after the build minus RSS before it (the matcher's own footprint, list snapshot
excluded), and the process's peak RSS so far (resource.getrusage, which includes the
snapshots and queries the bench itself holds).

Run: .venv/bin/python bench/parties_speed.py [--sizes 10000,100000,1000000] [--queries 2000]
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from parties_quality import VARIANTS, common_names  # noqa: E402
from rapidfuzz import fuzz, process, utils  # noqa: E402

from service.parties.index import NameIndex  # noqa: E402
from service.parties.lists import (  # noqa: E402
    load_bundled_un,
    load_bundled_un_vessels,
    read_eu,
    read_ftm,
    read_ofac_cons_xml,
    read_ofac_csv,
    read_uk,
)
from service.parties.matcher import Matcher  # noqa: E402
from service.parties.model import ListEntry, ListName, ListSnapshot  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "lists"
SIZES = (10_000, 100_000, 1_000_000)
BASELINE_NAMES = 10_000
NAMES_PER_ENTRY = 3


def bundled_lists() -> ListSnapshot:
    """Every bundled list and committed list fixture, as one snapshot."""
    snaps = [
        load_bundled_un(),
        load_bundled_un_vessels(),
        read_ofac_cons_xml(FIXTURES / "ofac-consolidated-nonsdn-2026-01-08.xml.gz"),
        read_ofac_csv(FIXTURES / "ofac-sdn-csv-sample.zip", published="2025-05-16"),
        read_eu(FIXTURES / "eu-fsf-2026-08-05-excerpt.xml"),
        read_uk(FIXTURES / "uk-sanctions-list-2026-03-26-excerpt.xml"),
        read_ftm(FIXTURES / "opensanctions-eu-fsf-2024-06-01.ftm.json"),
    ]
    entries = tuple(e for s in snaps for e in s.entries)
    return ListSnapshot("2026-01-01T00:00:00Z", "0" * 64, entries, "bench")


# --- synthetic names ---


def _words(text: str) -> list[str]:
    return text.split()


_ARABIC_GIVEN = _words(
    "muhammad ahmad ali hassan hussein omar umar khalid abdul abdullah abdulrahman ibrahim "
    "yusuf youssef mustafa mahmoud hamza bilal tariq saeed said salim salem nasser nasir "
    "faisal fahad jamal karim rashid hamid majid walid zaid ziad samir sami adel anwar "
    "mansour marwan mazen nabil qasim rami riyad talal usama osama yasin yassin aisha fatima "
    "khadija maryam zainab layla amina huda noor"
)
_ARABIC_FAMILY = _words(
    "al-masri al-baghdadi al-tikriti al-zahrani al-qahtani al-harbi al-shammari al-otaibi "
    "al-ghamdi al-dosari haddad khoury nasrallah hariri jaber mansour barakat saleh qureshi "
    "rahman sheikh siddiqui hashemi abbasi haqqani yousafzai karimi rahimi hosseini mousavi"
)
_SLAVIC_GIVEN = _words(
    "aleksandr alexei andrei anatoly boris dmitry evgeny fyodor gennady igor ivan kirill "
    "konstantin leonid maxim mikhail nikolai oleg pavel pyotr roman sergei stanislav vadim "
    "valery viktor vladimir vladislav yaroslav yuri anna ekaterina elena irina natalia olga "
    "svetlana tatiana yulia"
)
_SLAVIC_ROOTS = _words(
    "ivan petr sidor kuzn smirn pop volk sokol lebed kozl novik morozov pavl sem orlov "
    "makar zakhar fedor egor nikit tikhon bogdan dobr gor zhuk karp lys medved rybak "
    "shevch bondar kovalch tkach melnyk kravch moroz osip prokop"
)
_SLAVIC_ENDINGS = ("ov", "ev", "in", "sky", "enko", "chuk", "uk", "ovich", "ova", "eva", "ina")
_ASIAN_SYLLABLES = _words(
    "kim lee park choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song jeon "
    "hong wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo "
    "tanaka sato suzuki ito yamamoto nakamura kobayashi nguyen tran pham hoang vu dang bui"
)
_ASIAN_GIVEN = _words(
    "min jun seo yeon ji woo hyun su jin hae sung ho young chul kwang nam il dong wei fang "
    "jie ming hui lei tao xin yu hao chen jian ping hiroshi takeshi kenji yuki haruto sora "
    "thanh duc minh hung anh"
)
_WESTERN_GIVEN = _words(
    "james john robert michael william david richard joseph thomas charles daniel matthew "
    "anthony mark paul steven andrew george edward peter hans klaus jurgen pierre jean luc "
    "francois marco giovanni luca carlos jose luis miguel juan mary patricia jennifer linda "
    "elizabeth susan sarah maria sophie claire isabel"
)
_WESTERN_FAMILY = _words(
    "smith johnson williams brown jones miller davis wilson anderson taylor thomas moore "
    "martin jackson thompson white harris clark lewis walker young allen wright king scott "
    "green baker adams nelson hill campbell mitchell roberts carter phillips evans turner "
    "muller schmidt schneider fischer weber meyer wagner becker dubois moreau laurent "
    "rossi russo ferrari esposito bianchi garcia rodriguez martinez lopez gonzalez perez"
)
_COMPANY_WORDS = _words(
    "global trans ocean star east west north south united royal golden silver pacific "
    "atlantic eurasia orient delta alpha summit pioneer horizon crescent phoenix falcon "
    "emerald sapphire atlas titan nova prime apex vertex zenith meridian"
)
_COMPANY_TRADES = _words(
    "trading shipping petroleum logistics industries holdings investments energy marine "
    "chemicals metals electronics construction engineering import export finance capital "
    "technologies aviation mining textiles pharmaceuticals"
)
_COMPANY_FORMS = ("llc", "ltd", "co", "company", "fze", "gmbh", "sa", "jsc", "pte ltd", "inc")


def _syllable_word(rng: random.Random, pool: list[str] | tuple[str, ...], parts: int) -> str:
    return "".join(rng.choice(pool) for _ in range(parts))


def synthetic_name(rng: random.Random) -> tuple[str, str]:
    """One plausible (name, kind) of a random origin."""
    roll = rng.random()
    if roll < 0.3:  # Arabic: given, father's, grandfather's names, maybe a family name
        parts = [rng.choice(_ARABIC_GIVEN) for _ in range(rng.choice((2, 3, 3, 4)))]
        if rng.random() < 0.5:
            parts.append(rng.choice(_ARABIC_FAMILY))
        return " ".join(parts), "individual"
    if roll < 0.5:  # Slavic: given name, patronymic, family name from root + ending
        given = rng.choice(_SLAVIC_GIVEN)
        family = rng.choice(_SLAVIC_ROOTS) + rng.choice(_SLAVIC_ENDINGS)
        if rng.random() < 0.4:
            family = _syllable_word(rng, _SLAVIC_ROOTS, 2) + rng.choice(_SLAVIC_ENDINGS)
        if rng.random() < 0.5:
            return f"{given} {rng.choice(_SLAVIC_GIVEN)}ovich {family}", "individual"
        return f"{family} {given}", "individual"
    if roll < 0.7:  # East Asian romanised: family name, one or two given syllables
        given = _syllable_word(rng, _ASIAN_GIVEN, rng.choice((1, 2, 2)))
        if rng.random() < 0.3:
            given = f"{rng.choice(_ASIAN_GIVEN)} {rng.choice(_ASIAN_GIVEN)}"
        return f"{rng.choice(_ASIAN_SYLLABLES)} {given}", "individual"
    if roll < 0.85:  # Western
        middle = f" {rng.choice(_WESTERN_GIVEN)}" if rng.random() < 0.4 else ""
        family = rng.choice(_WESTERN_FAMILY)
        if rng.random() < 0.3:
            family = f"{family}-{rng.choice(_WESTERN_FAMILY)}"
        return f"{rng.choice(_WESTERN_GIVEN)}{middle} {family}", "individual"
    brand = rng.choice(_COMPANY_WORDS)
    if rng.random() < 0.5:  # coined brands grow the vocabulary
        brand = _syllable_word(rng, _COMPANY_WORDS, 2)
    trade = rng.choice(_COMPANY_TRADES)
    return f"{brand} {trade} {rng.choice(_COMPANY_FORMS)}", "entity"


def synthetic_entries(count: int, rng: random.Random) -> list[ListEntry]:
    """Entries holding ``count`` names in all: a primary name and two aliases, of which one
    is respelled one letter at a time (as list aliases are)."""
    entries = []
    made = 0
    while made < count:
        name, kind = synthetic_name(rng)
        aliases = [name, _respell(name, rng), synthetic_name(rng)[0]]
        aliases = aliases[: min(NAMES_PER_ENTRY, count - made)]
        names = tuple(ListName(n.title(), "primary" if j == 0 else "alias",
                               "primary" if j == 0 else "good")
                      for j, n in enumerate(aliases))  # fmt: skip
        entries.append(ListEntry(f"SYN.{len(entries):07d}", kind, "SYN", "synthetic",
                                 names[0].full, names))  # fmt: skip
        made += len(names)
    return entries


def _respell(name: str, rng: random.Random) -> str:
    """``name`` with one letter of one word of 4+ letters changed."""
    words = name.split()
    at = rng.randrange(len(words))
    word = words[at]
    if len(word) >= 4:
        i = rng.randrange(1, len(word))
        words[at] = word[:i] + rng.choice("aeiouyhkst") + word[i + 1 :]
    return " ".join(words)


def list_of(base: ListSnapshot, size: int, rng: random.Random) -> ListSnapshot:
    """The bundled lists plus synthetic entries up to ``size`` names in all."""
    have = sum(len(e.names) for e in base.entries)
    extra = synthetic_entries(max(0, size - have), rng)
    return ListSnapshot(base.date_generated, base.sha256, base.entries + tuple(extra), "bench")


# --- queries and timing ---


def queries_for(names: list[str], rng: random.Random, count: int) -> list[str]:
    """Half variants of listed names, half negatives (common names and unlisted names)."""
    kinds = list(VARIANTS.values())
    unrelated = common_names(random.Random(rng.random()))
    out = []
    while len(out) < count:
        roll = rng.random()
        if roll < 0.25:
            out.append(rng.choice(unrelated))
        elif roll < 0.5:
            out.append(synthetic_name(rng)[0].title())
        else:
            name = rng.choice(names)
            out.append(rng.choice(kinds)(name, rng) or name)
    return out


WARM_UP = 50


def timed(fn, queries: list[str]) -> tuple[list[float], int]:
    """Milliseconds per query, sorted, and how many queries found something. The first
    WARM_UP queries warm up and are not timed; every timed query is met once only (the
    matcher's caches of similar tokens are not warmed by the very queries timed)."""
    for q in queries[:WARM_UP]:
        fn(q)
    out, hits = [], 0
    for q in queries[WARM_UP:]:
        t0 = time.perf_counter()
        found = fn(q)
        out.append((time.perf_counter() - t0) * 1000)
        hits += bool(found)
    return sorted(out), hits


def pct(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def rss_mib() -> float:
    """Current resident set size of this process, in MiB."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def baseline(names: list[str]):
    """Brute-force best match over ``names``: rapidfuzz extractOne, choices preprocessed."""
    choices = [utils.default_process(n) for n in names]

    def best(query: str):
        return process.extractOne(utils.default_process(query), choices,
                                  scorer=fuzz.token_sort_ratio, processor=None)  # fmt: skip

    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="comma-separated list sizes in names")  # fmt: skip
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    base = bundled_lists()
    base_names = sum(len(e.names) for e in base.entries)
    print(f"bundled lists: {len(base.entries):,} entries, {base_names:,} names; "
          f"{args.queries} queries per size (half variants of listed names, half negatives)")  # fmt: skip
    print(f"{'what':10} {'names':>9} {'build s':>8} {'index s':>8} {'+RSS MiB':>9} {'peak MiB':>9} "
          f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'hits':>6} {'p50/base':>8}")  # fmt: skip
    ten_k = list_of(base, BASELINE_NAMES, random.Random(args.seed))
    ten_k_names = [n.full for e in ten_k.entries for n in e.names]
    lat, _ = timed(
        baseline(ten_k_names),
        queries_for(ten_k_names, random.Random(args.seed), args.queries + WARM_UP),
    )
    baseline_p50 = pct(lat, 50)
    _row("rapidfuzz", len(ten_k_names), 0.0, 0.0, lat, -1, baseline_p50, 0.0)
    del ten_k, ten_k_names
    for size in [base_names] + [s for s in sizes if s > base_names]:
        rng = random.Random(f"{args.seed}:{size}")
        lst = list_of(base, size, random.Random(args.seed))
        names = [n.full for e in lst.entries for n in e.names]
        queries = queries_for(names, rng, args.queries + WARM_UP)
        gc.collect()
        before = rss_mib()
        t0 = time.perf_counter()
        matcher = Matcher(lst)
        build = time.perf_counter() - t0
        grown = rss_mib() - before
        lat, hits = timed(matcher.match, queries)
        t0 = time.perf_counter()
        NameIndex(n.tokens for n in matcher._names)  # the index alone, from the same tokens
        index = time.perf_counter() - t0
        _row("matcher", len(names), build, grown, lat, hits, baseline_p50, index)
        del matcher, lst, names
        gc.collect()
    print(
        f"p50/base: the matcher's p50 over rapidfuzz extractOne's p50 on {BASELINE_NAMES:,} names"
    )
    return 0


def _row(
    label: str, names: int, build: float, grown: float, lat: list[float], hits: int, base: float,
    index: float,
) -> None:  # fmt: skip
    print(f"{label:10} {names:>9,} {build:8.2f} {index:8.2f} {grown:9.0f} {peak_rss_mib():9.0f} "
          f"{pct(lat, 50):8.3f} {pct(lat, 95):8.3f} {pct(lat, 99):8.3f} {lat[-1]:8.2f} "
          f"{hits if hits >= 0 else '':>6} {pct(lat, 50) / base:8.3f}")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
