"""End to end: ``sanctions serve`` as a subprocess on a free port, spoken to over HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed.json"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _request(url: str, body: bytes | None = None, headers: dict[str, str] | None = None):
    req = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, e.headers, json.loads(e.read())


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {**os.environ, "SANCTIONS_HOME": str(tmp_path / "home"), "SANCTIONS_DATABASE_URL": ""}
    exe = Path(sys.executable).parent / "sanctions"
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        lines = []
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("Create more with"):
                break
        key = lines[1].strip()
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.1)
        yield base, key, "".join(lines)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_fresh_start_seed_is_prohibited_and_anonymous_is_401(server):
    base, key, banner = server
    assert key.startswith("sk_")
    assert f'curl -H "Authorization: Bearer {key}"' in banner
    status, _, ready = _request(base + "/readyz")
    assert status == 200 and ready["checks"]["list"]["ok"]
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    status, _, decision = _request(base + "/v1/screenings", SEED.read_bytes(), headers)
    assert status == 200
    assert decision["outcome"] == "prohibited"
    assert any(f["citations"] for f in decision["findings"] if f["outcome"] == "prohibited")
    status, hdrs, problem = _request(
        base + "/v1/screenings", SEED.read_bytes(), {"Content-Type": "application/json"}
    )
    assert status == 401
    assert hdrs["Content-Type"] == "application/problem+json"
    assert problem["status"] == 401 and problem["title"]


def test_a_broken_rule_set_stops_the_server(tmp_path):
    import shutil

    from service.ruletree import default_rules

    rules = tmp_path / "rules"
    shutil.copytree(default_rules(), rules)
    (rules / "un" / "dprk" / "arms.yaml").write_text("rules:\n  - id: [unclosed\n")
    env = {**os.environ, "SANCTIONS_HOME": str(tmp_path / "home"), "SANCTIONS_RULES": str(rules)}
    exe = Path(sys.executable).parent / "sanctions"
    done = subprocess.run(
        [str(exe), "serve", "--port", str(_free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "rule set refused" in done.stderr
    assert "Bearer" not in done.stdout
