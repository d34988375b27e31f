"""Officers' pages benchmark: server time to render a large case page and the queue page.

A case with 100 goods lines and 20 parties (target < 200 ms), and the queue's first and a
filtered page over 10,000 cases (target < 300 ms), each as the median and p95 of 30 requests
through the app in-process (no network), on SQLite; the baseline in the same run is
``GET /healthz`` through the same client.

    .venv/bin/python bench/cases.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import insert  # noqa: E402

from service.app import create_app  # noqa: E402
from service.cases import Actor  # noqa: E402
from service.settings import Settings  # noqa: E402
from service.store.models import Case  # noqa: E402

RUNS = 30
PASSWORD = "benchmark password"
GOODS = ["152 mm artillery shells", "diesel fuel", "rice", "laptop computers", "Rolex watches",
         "AK-47 assault rifles", "frozen crab", "anthracite coal", "steel bars", "insulin"]  # fmt: skip
NAMES = ["Korea Mining Development Trading Corporation", "Ministry of Defence of the Russian "
         "Federation", "Tanchon Commercial Bank", "Acme Trading LLC", "Kim Jong Un",
         "Ali Hassan", "Global Shipping Ltd", "Société Générale de Fret"]  # fmt: skip


def timed(client, path: str) -> tuple[float, float]:
    """Median and p95 in milliseconds of RUNS requests (after one warm-up)."""
    assert client.get(path).status_code == 200, path
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def big_case() -> dict:
    rng = random.Random(7)
    return {
        "reference": "BENCH-BIG",
        "date": "2024-05-01",
        "parties": [{"role": rng.choice(["seller", "buyer", "consignee", "broker"]),
                     "name": f"{rng.choice(NAMES)} {i}", "type": "organization",
                     "country": rng.choice(["KP", "RU", "CN", "IR", "FR"])} for i in range(20)],
        "goods": [{"description": rng.choice(GOODS), "quantity": rng.randint(1, 9999),
                   "unit": "pieces"} for _ in range(100)],
        "route": {"origin": "KP", "destination": "RU"},
    }  # fmt: skip


def many_cases(store, n: int) -> None:
    rng = random.Random(11)
    now = dt.datetime.now(dt.UTC)
    rows = [
        {"reference": f"PO-{i:06d}", "status": rng.choice(["open", "in_review", "cleared",
         "blocked", "escalated", "pending_approval"]),
         "outcome": rng.choice(["prohibited", "conditional", "review", "clear"]),
         "regimes": rng.choice([",DPRK,", ",IRAN,", ",LIBYA,DPRK,", ""]),
         "assignee": rng.choice([None, "alice", "bob"]),
         "transaction_date": dt.date(2020, 1, 1) + dt.timedelta(days=i % 2000),
         "created_at": now, "updated_at": now, "created_by": "bench"}
        for i in range(n)
    ]  # fmt: skip
    with store.db.session() as s:
        s.execute(insert(Case), rows)


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="bench-cases-"))
    settings = dataclasses.replace(Settings(), home=home,
                                   database_url=f"sqlite:///{home / 'bench.db'}",
                                   log_level="WARNING")  # fmt: skip
    app = create_app(settings)
    app.extensions["officers"].create("bench", "Bench", "approver", PASSWORD)
    client = app.test_client()
    login = client.get("/ui/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)  # type: ignore[union-attr]
    client.post("/ui/login", data={"csrf_token": csrf, "username": "bench", "password": PASSWORD})
    work = app.extensions["cases"]
    case = work.create(big_case(), Actor("officer:bench", "approver"))

    base = timed(client, "/healthz")
    page = timed(client, f"/ui/cases/{case['id']}")
    many_cases(work.store, 10_000)
    queue = timed(client, "/ui/cases")
    filtered = timed(client, "/ui/cases?status=open&outcome=prohibited&regime=DPRK")
    last = timed(client, "/ui/cases?page=200")
    print(f"baseline GET /healthz: median {base[0]:.2f} ms, p95 {base[1]:.2f} ms")
    for label, (median, p95), target in (
        ("case page, 100 goods lines, 20 parties", page, 200),
        ("queue, 10,001 cases, first page", queue, 300),
        ("queue, filtered by status, outcome and regime", filtered, 300),
        ("queue, page 200", last, 300),
    ):
        print(f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms "
              f"({median / base[0]:.0f}x healthz; target < {target} ms)")  # fmt: skip


if __name__ == "__main__":
    main()
