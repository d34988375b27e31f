"""Benchmark the HTTP API under gunicorn (2 workers) with wrk on loopback.

Measures, in one run against one server: ``GET /healthz`` req/s, ``POST /v1/screenings`` (the
seed transaction) req/s, and the p99 latency of POST at ~80% of its maximum rate (paced with a
per-connection delay, since wrk is closed-loop). Targets: POST >= 50% of healthz; p99 <= 20 ms.

    .venv/bin/python bench/api.py [--duration 10] [--connections 16] [--workers 2]

Needs ``wrk`` (Debian: ``apt-get install -y wrk``). Not part of the test run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed.json"

POST_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {key}"
wrk.body = [[{body}]]
{extra}
"""
DELAY_LUA = "function delay() return {ms} end"


def paced_post(key: str, body: str, delay_ms: float) -> str:
    return POST_LUA.format(key=key, body=body, extra=DELAY_LUA.format(ms=max(1, round(delay_ms))))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(home: Path, port: int, workers: int) -> tuple[subprocess.Popen[str], str]:
    env = {
        **os.environ,
        "SANCTIONS_HOME": str(home),
        "SANCTIONS_LOG_LEVEL": "WARNING",
        "SANCTIONS_RATE_LIMIT": "100000000/minute",
    }
    env.pop("SANCTIONS_DATABASE_URL", None)
    exe = Path(sys.executable).parent / "sanctions"
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    lines = [proc.stdout.readline() for _ in range(2)]
    key = lines[1].strip()
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).close()
            return proc, key
        except OSError:
            if time.monotonic() > deadline:
                proc.terminate()
                raise
            time.sleep(0.2)


def wrk(url: str, seconds: int, connections: int, script: str | None = None) -> dict[str, float]:
    """Run wrk; requests/s, p99 (ms) and non-2xx count."""
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        if script:
            f.write(script)
            cmd[1:1] = ["-s", f.name]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    os.unlink(f.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan"),
        "non2xx": float(errors.group(1)) if errors else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install -y wrk)", file=sys.stderr)
        return 2
    body = SEED.read_text().replace("]]", "] ]")
    with tempfile.TemporaryDirectory() as home:
        port = free_port()
        proc, key = start_server(Path(home), port, args.workers)
        base = f"http://127.0.0.1:{port}"
        try:
            post = POST_LUA.format(key=key, body=body, extra="")
            wrk(base + "/healthz", 2, args.connections)  # warm up both workers
            wrk(base + "/v1/screenings", 2, args.connections, post)
            health = wrk(base + "/healthz", args.duration, args.connections)
            screen = wrk(base + "/v1/screenings", args.duration, args.connections, post)
            # Pace: each connection waits between requests so that together they send ~80% of
            # the maximum POST rate; two short calibration runs correct the delay.
            target = 0.8 * screen["rps"]
            paced_conns = 8
            delay = max(1.0, paced_conns * 1000 / target - 1000 / screen["rps"])
            for _ in range(2):
                got = wrk(base + "/v1/screenings", 3, paced_conns, paced_post(key, body, delay))
                delay = max(1.0, delay * got["rps"] / target)
            paced = wrk(
                base + "/v1/screenings",
                args.duration,
                paced_conns,
                paced_post(key, body, delay),
            )
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    ratio = screen["rps"] / health["rps"]
    print(f"workers: {args.workers}, connections: {args.connections}, {args.duration}s per run")
    print(f"GET  /healthz        {health['rps']:9.0f} req/s  p99 {health['p99_ms']:.2f} ms")
    print(f"POST /v1/screenings  {screen['rps']:9.0f} req/s  p99 {screen['p99_ms']:.2f} ms")
    print(f"POST / healthz ratio {ratio:9.2%}  (target >= 50%)")
    print(
        f"POST paced at {paced['rps']:.0f} req/s ({paced['rps'] / screen['rps']:.0%} of max): "
        f"p99 {paced['p99_ms']:.2f} ms  (target <= 20 ms)"
    )
    bad = health["non2xx"] + screen["non2xx"] + paced["non2xx"]
    if bad:
        print(f"non-2xx responses: {bad:.0f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
