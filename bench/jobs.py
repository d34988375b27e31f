"""Jobs benchmark: N varied transactions through the API, Redis and 2 worker processes.

Baseline, measured in the same run: the in-process screening rate on one core (the same
``Screener.screen`` the workers call, same transactions). Target: the job's items/s is at least
60 % of twice that (two workers on two cores). Also: submit → 202 time, end-to-end time, time to
the first result, and the peak RSS (VmHWM) of the API and worker processes.

    .venv/bin/python bench/jobs.py [--items 100000] [--chunk-size 100]
    .venv/bin/python bench/jobs.py --submit-only [--database-url postgresql+psycopg://…]

``--submit-only`` times the submission alone (no workers, the job is cancelled after its 202)
against a baseline from the same run: reading and decoding the same body in-process, one
``json.loads`` per line, i.e. the least a submission that checked every item as JSON would do.

Needs Redis at 127.0.0.1:6379 (db 13, a queue of its own). The database is SQLite under a
temporary SANCTIONS_HOME unless --database-url is given (e.g. PostgreSQL).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from engine import transactions  # noqa: E402

from service.screening import build_screener  # noqa: E402
from service.settings import Settings  # noqa: E402

REDIS = "redis://127.0.0.1:6379/13"
CLI = [sys.executable, "-c", "from service.cli.main import main; main()"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tree(pid: int) -> list[int]:
    """The process and its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def peak_rss_mib(pid: int) -> float:
    """The largest peak RSS (VmHWM) of one process of the tree."""
    peaks = []
    for p in tree(pid):
        try:
            m = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{p}/status").read_text())
        except OSError:
            continue
        if m:
            peaks.append(int(m.group(1)) / 1024)
    return max(peaks, default=0.0)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process tree so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def get(url: str, key: str) -> dict:
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return json.loads(exc.read())


def baseline(items: list[dict], seconds: float = 10.0) -> tuple[float, float]:
    """In-process screening on one core over the job's own transactions: (per wall second,
    per CPU second). The machine may be shared: the job is compared on both clocks."""
    screener = build_screener(Settings.from_env())
    for tx in items[-200:]:
        screener.screen(tx)  # warm-up: lazy structures (other transactions than those timed)
    cpu, wall = time.process_time(), time.perf_counter()
    n = 0
    for tx in items:
        screener.screen(tx)
        n += 1
        if time.process_time() - cpu > seconds:
            break
    return n / (time.perf_counter() - wall), n / (time.process_time() - cpu)


def parse_baseline(body: Path) -> float:
    """Seconds to read the body and decode every line with ``json.loads`` (best of 3)."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        with body.open("rb") as f:
            for line in f:
                json.loads(line)
        best = min(best, time.perf_counter() - started)
    return best


def submit(port: int, key: str, body: Path) -> tuple[float, int, dict]:
    """POST the body as JSON Lines: (seconds to the answer, status, answer)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    with body.open("rb") as f:
        conn.request("POST", "/v1/screening-jobs", body=f,
                     headers={"Authorization": f"Bearer {key}",
                              "Content-Type": "application/x-ndjson",
                              "Content-Length": str(body.stat().st_size)})  # fmt: skip
        response = conn.getresponse()
        answer = json.loads(response.read())
    return time.perf_counter() - started, response.status, answer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--chunk-size", type=int, default=100)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--submit-only", action="store_true",
                        help="time POST -> 202 only (no workers), against reading the body")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="submissions with --submit-only")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="bench-jobs-"))
    items = transactions(args.items, seed=11)
    body = home / "items.jsonl"
    body.write_text("".join(json.dumps(t) + "\n" for t in items))
    print(f"{args.items} transactions, {body.stat().st_size / 2**20:.1f} MiB of JSON Lines, "
          f"chunks of {args.chunk_size}")  # fmt: skip

    with fresh_database(args.database_url) as url:
        args.database_url = url
        if args.submit_only:
            submit_only(args, home, body)
        else:
            full(args, home, items, body)


def full(args: argparse.Namespace, home: Path, items: list[dict], body: Path) -> None:
    rate_in_process, cpu_rate_in_process = baseline(items)
    print(f"baseline: in-process screening on one core: {rate_in_process:,.0f} tx/s "
          f"({cpu_rate_in_process:,.0f} per CPU second)")  # fmt: skip

    queue = f"bench-{uuid.uuid4().hex[:8]}"
    env = environment(args, home, queue)
    port = free_port()
    api, key = start_api(env, port)
    procs = [api]
    try:
        base = f"http://127.0.0.1:{port}"
        workers = [subprocess.Popen(CLI + ["worker", "--concurrency", "1"], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    start_new_session=True) for _ in range(2)]  # fmt: skip
        procs += workers
        deadline = time.monotonic() + 120
        while True:
            try:
                ready = get(f"{base}/readyz", key)
                if ready.get("checks", {}).get("workers", {}).get("alive", 0) >= 2:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "API or workers did not start"
            time.sleep(0.5)

        cpu_before = sum(cpu_seconds(w.pid) for w in workers)
        started = time.perf_counter()
        accepted, status, job = submit(port, key, body)
        assert status == 202, job
        first = None
        while True:
            job = get(f"{base}/v1/screening-jobs/{job['id']}", key)
            if first is None and job["done"] > 0:
                first = time.perf_counter() - started
            if job["status"] not in ("queued", "running"):
                break
            time.sleep(0.2)
        end_to_end = time.perf_counter() - started
        worker_cpu = sum(cpu_seconds(w.pid) for w in workers) - cpu_before
        rss_api = peak_rss_mib(api.pid)
        rss_workers = [peak_rss_mib(w.pid) for w in workers]
    finally:
        stop(procs, queue)

    target = 0.6 * 2 * rate_in_process
    print(f"job {job['status']}: {job['done']} done, {job['failed']} failed")
    print(
        f"submit -> 202:          {accepted:8.2f} s  ({args.items / accepted:,.0f} items/s stored)"
    )
    print(f"time to first result:   {first or 0:8.2f} s after submitting")
    print(f"end to end:             {end_to_end:8.2f} s")
    print(f"job rate (workers):     {job['rate'] or 0:8,.0f} items/s  "
          f"= {100 * (job['rate'] or 0) / (2 * rate_in_process):.0f} % of 2x in-process "
          f"(target >= 60 %: {target:,.0f} items/s)")  # fmt: skip
    print(f"end-to-end rate:        {args.items / end_to_end:8,.0f} items/s")
    per_cpu = job["done"] / worker_cpu if worker_cpu else 0.0
    print(
        f"workers' CPU:           {worker_cpu:8.1f} s = {per_cpu:,.0f} items per CPU second "
        f"({100 * per_cpu / cpu_rate_in_process:.0f} % of in-process per CPU second)"
    )
    print(f"load average:           {os.getloadavg()[0]:8.1f} on {os.cpu_count()} cores")
    print(
        f"peak RSS: API {rss_api:.0f} MiB, workers {', '.join(f'{r:.0f}' for r in rss_workers)} MiB"
    )


@contextlib.contextmanager
def fresh_database(url: str | None) -> Iterator[str | None]:
    """A new, empty PostgreSQL database on the server ``url`` names (dropped after), so the
    API creates its first key there; SQLite (None) needs nothing."""
    if not url or not url.startswith("postgresql"):
        yield url
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"bench_jobs_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def environment(args: argparse.Namespace, home: Path, queue: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SANCTIONS_")}
    env.update({
        "SANCTIONS_HOME": str(home), "SANCTIONS_BROKER_URL": REDIS, "SANCTIONS_JOB_QUEUE": queue,
        "SANCTIONS_JOB_CHUNK_SIZE": str(args.chunk_size), "SANCTIONS_LOG_LEVEL": "WARNING",
        "SANCTIONS_RATE_LIMIT": "100000/minute",
        "SANCTIONS_DATABASE_URL": args.database_url or f"sqlite:///{home / 'jobs.db'}",
    })  # fmt: skip
    return env


def start_api(env: dict[str, str], port: int) -> tuple[subprocess.Popen[str], str]:
    """``sanctions serve`` with one gunicorn worker, and the admin key it prints."""
    api = subprocess.Popen(CLI + ["serve", "--port", str(port), "--workers", "1"], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           start_new_session=True, text=True)  # fmt: skip
    assert api.stdout is not None
    for line in api.stdout:
        m = re.search(r"(sk_[A-Za-z0-9_-]+)", line)
        if m:
            return api, m.group(1)
    raise SystemExit("the API printed no key (a database already holding one?)")


def stop(procs: list[subprocess.Popen], queue: str) -> None:
    for p in procs:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    for p in procs:
        try:
            p.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
    import redis

    redis.Redis.from_url(REDIS).delete(queue)


def submit_only(args: argparse.Namespace, home: Path, body: Path) -> None:
    """POST -> 202 of the body, ``--repeat`` times (each job then cancelled), against the
    in-process time to read and decode the same body."""
    read = parse_baseline(body)
    print(f"baseline: read + json.loads of every line in-process: {read:.2f} s "
          f"({args.items / read:,.0f} items/s)")  # fmt: skip
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    env = environment(args, home, queue)
    port = free_port()
    api, key = start_api(env, port)
    times = []
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                get(f"{base}/readyz", key)
                break
            except OSError:
                assert time.monotonic() < deadline, "the API did not start"
                time.sleep(0.5)
        for _ in range(args.repeat):
            seconds, status, job = submit(port, key, body)
            assert status == 202 and job["total"] == args.items, job
            times.append(seconds)
            req = urllib.request.Request(f"{base}/v1/screening-jobs/{job['id']}",
                                         method="DELETE",
                                         headers={"Authorization": f"Bearer {key}"})  # fmt: skip
            urllib.request.urlopen(req, timeout=30).read()
            load = os.getloadavg()[0]
            print(f"submit -> 202: {seconds:6.2f} s ({args.items / seconds:,.0f} items/s) "
                  f"= {seconds / read:.1f}x the in-process read; load {load:.1f}")  # fmt: skip
        rss = peak_rss_mib(api.pid)
    finally:
        stop([api], queue)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{database}: best {min(times):.2f} s, median {sorted(times)[len(times) // 2]:.2f} s "
          f"for {args.items} items; API peak RSS {rss:.0f} MiB; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip


if __name__ == "__main__":
    main()
