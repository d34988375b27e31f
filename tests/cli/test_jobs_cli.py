"""``sanctions jobs …`` on the embedded broker, and ``sanctions serve`` running (and stopping)
the embedded worker that screens them."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from service.cli.main import cli

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "jobs-sample.csv"
EXE = Path(sys.executable).parent / "sanctions"


def _env(home: Path) -> dict[str, str]:
    return {"SANCTIONS_HOME": str(home), "SANCTIONS_DATABASE_URL": "", "SANCTIONS_BROKER_URL": ""}


def _run(home: Path, *args: str):
    return CliRunner().invoke(cli, list(args), env=_env(home), catch_exceptions=False)


def test_submit_show_results_cancel_without_a_worker(tmp_path):
    submitted = _run(tmp_path, "jobs", "submit", str(SAMPLE))
    assert submitted.exit_code == 0, submitted.output
    job_id = submitted.output.strip()
    shown = json.loads(_run(tmp_path, "jobs", "show", job_id).output)
    assert (shown["status"], shown["total"], shown["done"]) == ("queued", 2, 0)
    assert [
        json.loads(line)["id"] for line in _run(tmp_path, "jobs", "list").output.splitlines()
    ] == [job_id]
    assert _run(tmp_path, "jobs", "results", job_id).output == ""  # nothing screened yet
    assert json.loads(_run(tmp_path, "jobs", "cancel", job_id).output)["status"] == "cancelled"
    again = _run(tmp_path, "jobs", "cancel", job_id)
    assert again.exit_code != 0 and "already ended" in again.output
    missing = _run(tmp_path, "jobs", "show", "nope")
    assert missing.exit_code != 0 and "no job nope" in missing.output


def test_a_bad_file_is_one_line_and_exit_3(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("reference,colour\nA,red\n")
    proc = subprocess.run([str(EXE), "jobs", "submit", str(bad)], env={**os.environ, **_env(tmp_path)},
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 3 and "unknown CSV column(s) 'colour'" in proc.stderr
    assert "Traceback" not in proc.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry))
    return out


def test_serve_runs_an_embedded_worker_that_screens_cli_jobs_and_stops_with_it(tmp_path):
    env = {**os.environ, **_env(tmp_path)}
    serve = subprocess.Popen([str(EXE), "serve", "--port", str(_free_port()), "--workers", "1"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not (workers := [p for p in _children(serve.pid)
                               if b"worker" in Path(f"/proc/{p}/cmdline").read_bytes()]):  # fmt: skip
            assert time.monotonic() < deadline and serve.poll() is None, "no worker started"
            time.sleep(0.2)
        out = tmp_path / "results.csv"
        done = subprocess.run([str(EXE), "jobs", "submit", str(SAMPLE), "--wait", "--output", str(out)],
                              env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "2/2 done, 0 failed" in done.stderr and "items/s" in done.stderr
        assert "stored 2 items in" in done.stderr and "] 100% 2/2 done" in done.stderr
        assert f"2 results written to {out}" in done.stderr
        rows = list(csv.DictReader(out.open()))
        assert [(r["reference"], r["outcome"]) for r in rows] == [("PO-2022-0917", "prohibited"),
                                                                 ("BR-2024-0042", "clear")]  # fmt: skip
    finally:
        serve.terminate()
        serve.wait(timeout=30)
    time.sleep(0.5)
    assert not [p for p in workers if Path(f"/proc/{p}").exists()], "the worker outlived serve"


def test_the_progress_line_has_a_bar_counts_rate_and_time_left():
    import datetime as dt

    from service.cli.jobs import _progress
    from service.store import JobRecord

    now = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    job = JobRecord("j", "screening", "running", 100_000, 25_000, 3, 100, None, "cli", {}, None,
                    None, now, now - dt.timedelta(seconds=100), None, None, 0)  # fmt: skip
    line = _progress(job, now)
    assert line.startswith("[######------------------]  25% 25,000/100,000 done, 3 failed")
    assert "250.0 items/s" in line and "ETA 5m00s" in line  # 75,000 left at 250 a second
    line = _progress(dataclasses.replace(job, done=0, started_at=None), now)
    assert "- items/s, ETA -" in line and "  0%" in line


def test_without_wait_or_a_terminal_only_the_job_id_is_printed(tmp_path):
    body = tmp_path / "big.jsonl"
    line = json.dumps({"reference": "R", "goods": [{"description": "rice"}], "pad": "x" * 400})
    body.write_text((line + "\n") * 20_000)  # 8.6 MiB: read in many blocks
    proc = subprocess.run([str(EXE), "jobs", "submit", str(body)], env={**os.environ, **_env(tmp_path)},
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.strip()) == 32 and "\n" not in proc.stdout.strip()
    # not a terminal and no --wait: no progress drawn (scripts read the id from stdout)
    assert proc.stderr == ""
    shown = json.loads(_run(tmp_path, "jobs", "show", proc.stdout.strip()).output)
    assert shown["total"] == 20_000


def test_the_storing_line_counts_the_bytes_read_against_the_file_size():
    import io

    from service.cli.jobs import _Upload

    data = io.BytesIO(b"x" * 3 * 2**20)
    upload = _Upload(data.read, 4 * 2**20, show=False)
    while upload.read(2**20):
        pass
    assert upload.done == 3 * 2**20
    assert upload.line().startswith("storing: [##################------]  75% 3.0/4.0 MiB, ")
    assert "ETA" in upload.line()
    assert _Upload(data.read, None, show=False).line().startswith("storing: 0.0 MiB read")
