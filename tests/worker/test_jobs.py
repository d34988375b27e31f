"""Screening jobs end to end: the API in this process, real `sanctions worker` processes, real
Redis (a queue of its own per run on 127.0.0.1:6379 db 13, or a private redis-server) and the
embedded broker (kombu's SQLAlchemy transport on SQLite, no server).

Workers are slow to start (they compile the rules and lists once), so one Redis worker serves
the module; tests that kill or restart things start their own.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from service.app import create_app
from service.jobs import run_chunk, screening
from service.jobs.webhooks import SIGNATURE, TIMESTAMP, secret_for, verify
from service.parties.lists import bundled_un_bytes
from service.rescreen.delta import list_delta
from service.screening import Screener
from service.screening.lists import read_version
from service.settings import Settings

REDIS = "redis://127.0.0.1:6379/13"
RICE = {"description": "rice", "hs_code": "100630"}


def items(n: int, bad: tuple[int, ...] = ()) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [
        {"reference": f"T-{i}", "date": "2024-01-10", "goods": [RICE],
         "parties": [{"role": "buyer", "name": "Acme Trading", "country": "BR"}]}
        for i in range(n)
    ]  # fmt: skip
    for i in bad:
        out[i] = {"reference": f"T-{i}", "goods": [{"description": "rice", "quantity": "many"}]}
    return out


class Env:
    """One deployment: a SQLite database and a broker queue of its own, its settings as the
    environment of worker processes and as the settings of an in-process app."""

    def __init__(self, home: Path, broker: str | None, **extra: str) -> None:
        self.home = home
        self.vars = {
            "SANCTIONS_HOME": str(home),
            "SANCTIONS_DATABASE_URL": f"sqlite:///{home / 'jobs.db'}",
            "SANCTIONS_JOB_QUEUE": f"test-jobs-{uuid.uuid4().hex[:8]}",
            "SANCTIONS_JOB_CHUNK_SIZE": "10",
            "SANCTIONS_JOB_RECONCILE_SECONDS": "2",
            "SANCTIONS_JOB_TIME_LIMIT": "8",
            "SANCTIONS_WEBHOOK_BACKOFF": "0.3",
            "SANCTIONS_LOG_LEVEL": "WARNING",
            **({"SANCTIONS_BROKER_URL": broker} if broker else {}),
            **extra,
        }
        self.settings = Settings.from_env(self.vars)
        self.workers: list[subprocess.Popen[bytes]] = []

    def start_worker(self, concurrency: int = 1) -> subprocess.Popen[bytes]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SANCTIONS_")}
        env.update(self.vars)
        log = open(self.home / f"worker-{len(self.workers)}.log", "wb")  # noqa: SIM115
        proc = subprocess.Popen(
            [sys.executable, "-c", "from service.cli.main import main; main()", "worker",
             "--concurrency", str(concurrency)],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.workers.append(proc)
        return proc

    def stop(self) -> None:
        for proc in self.workers:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.workers:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)


def kill9(proc: subprocess.Popen[bytes]) -> None:
    """kill -9 the worker and its pool processes: nothing acknowledges, nothing cleans up."""
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(5)


def make_client(
    env: Env, screener: Screener, **overrides: Any
) -> tuple[Flask, FlaskClient, dict[str, str]]:
    settings = dataclasses.replace(env.settings, **overrides)
    app = create_app(settings, screener=screener)
    secret = app.extensions["sanctions"].store.keys.create("screener", "jobs test")
    return app, app.test_client(), {"Authorization": f"Bearer {secret}"}


def submit(client: FlaskClient, headers: dict[str, str], body: str | bytes,
           content_type: str = "application/json", query: str = "") -> dict[str, Any]:  # fmt: skip
    r = client.post(f"/v1/screening-jobs{query}", data=body,
                    headers={**headers, "Content-Type": content_type})  # fmt: skip
    assert r.status_code == 202, r.get_json()
    return dict(r.get_json())


def wait_for(client: FlaskClient, headers: dict[str, str], job_id: str, until: Callable[[dict[str, Any]], bool],
             timeout: float = 60) -> dict[str, Any]:  # fmt: skip
    """Poll the job (each read may run the reconciler) until ``until`` holds."""
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/v1/screening-jobs/{job_id}", headers=headers).get_json()
        if until(job):
            return dict(job)
        assert time.monotonic() < deadline, f"job still {job['status']}: {job}"
        time.sleep(0.2)


def ended(job: dict[str, Any]) -> bool:
    return job["status"] in ("done", "failed", "cancelled")


def results(
    client: FlaskClient, headers: dict[str, str], job_id: str, query: str = ""
) -> list[dict[str, Any]]:
    r = client.get(f"/v1/screening-jobs/{job_id}/results{query}", headers=headers)
    assert r.status_code == 200 and r.mimetype == "application/x-ndjson"
    return [json.loads(line) for line in r.get_data(as_text=True).splitlines()]


def result_rows(env: Env, job_id: str) -> list[int]:
    import sqlite3

    with sqlite3.connect(env.home / "jobs.db") as conn:
        return [
            r[0]
            for r in conn.execute(
                "SELECT idx FROM job_results WHERE job_id = ? ORDER BY idx", (job_id,)
            )
        ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def redis_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    redis.Redis.from_url(REDIS).ping()
    env = Env(tmp_path_factory.mktemp("redis-jobs"), REDIS)
    env.start_worker(concurrency=2)
    yield env
    env.stop()
    redis.Redis.from_url(REDIS).delete(env.vars["SANCTIONS_JOB_QUEUE"])


# --- on Redis ------------------------------------------------------------------------------


def test_a_job_completes_on_redis_in_input_order_with_bad_items_as_errors(redis_env, screener):
    _app, client, headers = make_client(redis_env, screener)
    job = submit(client, headers, json.dumps(items(45, bad=(3, 40))))
    assert job["status"] == "queued" and job["total"] == 45
    job = wait_for(client, headers, job["id"], ended)
    assert (job["status"], job["done"], job["failed"]) == ("done", 45, 2)
    lines = results(client, headers, job["id"])
    assert [line["index"] for line in lines] == list(range(45))
    assert [line["reference"] for line in lines] == [f"T-{i}" for i in range(45)]
    assert "quantity" in lines[3]["error"]["errors"]["goods[0].quantity"] or lines[3]["error"]
    assert all("decision" in line for i, line in enumerate(lines) if i not in (3, 40))
    assert lines[0]["decision"]["outcome"] == "clear"
    # resumable: ?from=N gives exactly the rest
    assert results(client, headers, job["id"], "?from=30") == lines[30:]
    # CSV: a header and one row per item
    r = client.get(f"/v1/screening-jobs/{job['id']}/results?format=csv&from=2", headers=headers)
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
    assert r.mimetype == "text/csv" and len(rows) == 43
    assert rows[1]["index"] == "3" and rows[1]["outcome"] == "error"


def test_jsonl_and_csv_bodies_and_their_bad_items(redis_env, screener):
    _app, client, headers = make_client(redis_env, screener)
    jsonl = "\n".join(json.dumps(t) for t in items(3)) + "\nnot json\n[1]\n"
    a = submit(client, headers, jsonl, "application/x-ndjson")
    sample = (Path(__file__).resolve().parents[2] / "examples" / "jobs-sample.csv").read_text()
    b = submit(client, headers, sample, "text/csv")
    a = wait_for(client, headers, a["id"], ended)
    assert (a["total"], a["done"], a["failed"]) == (5, 5, 2)
    errors = [line["error"]["detail"] for line in results(client, headers, a["id"])[3:]]
    assert errors[0].startswith("not valid JSON") and "JSON object" in errors[1]
    b = wait_for(client, headers, b["id"], ended)
    outcomes = [
        line.get("decision", {}).get("outcome") for line in results(client, headers, b["id"])
    ]
    assert b["failed"] == 0 and outcomes[0] == "prohibited" and "clear" in outcomes


def test_keys_see_only_their_own_jobs_unless_admin(redis_env, screener):
    app, client, headers = make_client(redis_env, screener)
    job = submit(client, headers, json.dumps(items(1)))
    other = {"Authorization": "Bearer " + app.extensions["sanctions"].store.keys.create("screener")}
    admin = {"Authorization": "Bearer " + app.extensions["sanctions"].store.keys.create("admin")}
    assert client.get(f"/v1/screening-jobs/{job['id']}", headers=other).status_code == 404
    assert client.get(f"/v1/screening-jobs/{job['id']}/results", headers=other).status_code == 404
    assert job["id"] not in [
        j["id"] for j in client.get("/v1/screening-jobs", headers=other).get_json()["items"]
    ]
    assert job["id"] in [
        j["id"] for j in client.get("/v1/screening-jobs", headers=admin).get_json()["items"]
    ]
    assert client.get(f"/v1/screening-jobs/{job['id']}", headers=admin).status_code == 200


class Receiver:
    """A loopback HTTP receiver answering the given statuses in turn (then 204)."""

    def __init__(self, statuses: tuple[int, ...] = ()) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        statuses_left = list(statuses)
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append((dict(self.headers), body))
                self.send_response(statuses_left.pop(0) if statuses_left else 204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.5)  # a duplicate would arrive by now


def test_a_webhook_to_a_loopback_receiver_is_delivered_once_and_verifies(redis_env, screener):
    receiver = Receiver()
    try:
        _app, client, headers = make_client(redis_env, screener)
        job = submit(client, headers, json.dumps(items(12)), query=f"?callback_url={receiver.url}")
        wait_for(client, headers, job["id"], ended)
        receiver.wait(1)
    finally:
        receiver.server.shutdown()
    assert len(receiver.received) == 1
    got, body = receiver.received[0]
    secret = secret_for(headers["Authorization"].split(" ", 1)[1])
    assert verify(secret, got[TIMESTAMP], body, got[SIGNATURE])
    assert not verify(secret, got[TIMESTAMP], body + b" ", got[SIGNATURE])
    assert not verify(secret_for("another key"), got[TIMESTAMP], body, got[SIGNATURE])
    summary = json.loads(body)
    assert summary["event"] == "job.done" and summary["job"]["id"] == job["id"]
    assert summary["job"]["done"] == 12
    deliveries = client.get(
        f"/v1/screening-jobs/{job['id']}/deliveries", headers=headers
    ).get_json()
    assert [(d["attempt"], d["ok"], d["status_code"]) for d in deliveries["items"]] == [
        (1, True, 204)
    ]


def test_a_failed_webhook_is_retried_and_every_attempt_recorded(redis_env, screener):
    receiver = Receiver(statuses=(500, 503))
    try:
        _app, client, headers = make_client(redis_env, screener)
        job = submit(client, headers, json.dumps(items(3)), query=f"?callback_url={receiver.url}")
        wait_for(client, headers, job["id"], ended)
        receiver.wait(3)
    finally:
        receiver.server.shutdown()
    assert len(receiver.received) == 3
    deliveries = client.get(
        f"/v1/screening-jobs/{job['id']}/deliveries", headers=headers
    ).get_json()
    assert [(d["attempt"], d["ok"], d["status_code"]) for d in deliveries["items"]] == [
        (1, False, 500), (2, False, 503), (3, True, 204)
    ]  # fmt: skip


def test_cancel_stops_a_job(redis_env, screener):
    _app, client, headers = make_client(redis_env, screener)
    job = submit(client, headers, json.dumps(items(400)))
    r = client.delete(f"/v1/screening-jobs/{job['id']}", headers=headers)
    assert r.status_code == 200 and r.get_json()["status"] == "cancelled"
    time.sleep(2)
    job = client.get(f"/v1/screening-jobs/{job['id']}", headers=headers).get_json()
    assert job["status"] == "cancelled" and job["done"] < 400
    assert client.delete(f"/v1/screening-jobs/{job['id']}", headers=headers).status_code == 409


def test_a_chunk_delivered_twice_changes_nothing(redis_env, screener):
    """Run a finished chunk's task body again in this process: no result changes, none added."""
    app, client, headers = make_client(redis_env, screener)
    job = submit(client, headers, json.dumps(items(20)))
    wait_for(client, headers, job["id"], ended)
    store = app.extensions["sanctions"].store
    before = results(client, headers, job["id"])
    assert run_chunk(store, job["id"], 1, {"screening": screening(lambda: screener)}) is False
    # even with its chunk reopened (a redelivery racing the first run), the first result stays
    with store.db.session() as s:
        from sqlalchemy import update

        from service.store.models import Job, JobChunk

        s.execute(update(JobChunk).where(JobChunk.job_id == job["id"], JobChunk.number == 1)
                  .values(status="running"))  # fmt: skip
        s.execute(update(Job).where(Job.id == job["id"]).values(status="running"))
    assert run_chunk(store, job["id"], 1, {"screening": screening(lambda: screener)}) is True
    assert results(client, headers, job["id"]) == before
    assert result_rows(redis_env, job["id"]) == list(range(20))
    assert client.get(f"/v1/screening-jobs/{job['id']}", headers=headers).get_json()["done"] == 20


def test_kill_9_of_a_worker_mid_job_loses_and_duplicates_nothing(redis_env, screener):
    """A second worker on the module's queue is killed with SIGKILL mid-job; the job still
    completes (the reconciler sends the chunks it held again) with one result per item."""
    victim = redis_env.start_worker(concurrency=1)
    _app, client, headers = make_client(redis_env, screener)
    time.sleep(12)  # the victim compiles its rules and starts taking chunks
    job = submit(client, headers, json.dumps(items(300)))
    wait_for(client, headers, job["id"], lambda j: j["done"] >= 30, timeout=60)
    kill9(victim)
    job = wait_for(client, headers, job["id"], ended, timeout=90)
    assert (job["status"], job["done"], job["failed"]) == ("done", 300, 0)
    assert result_rows(redis_env, job["id"]) == list(range(300))


def serve(env: Env, port: int) -> subprocess.Popen[bytes]:
    """``sanctions serve`` (one gunicorn worker) on the env's database and queue, once it answers."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SANCTIONS_")}
    environ.update(env.vars)
    log = open(env.home / f"api-{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-c", "from service.cli.main import main; main()", "serve", "--port",
         str(port), "--workers", "1"],
        env=environ, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 240  # it loads the bundled lists, then compiles the rules
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                conn.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
                if conn.recv(64).split(b" ")[1:2] == [b"200"]:
                    return proc
        except OSError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, "the API did not start"
        time.sleep(0.2)


def post_job(port: int, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", "/v1/screening-jobs", body=body,
                 headers={**headers, "Content-Type": "application/x-ndjson"})  # fmt: skip
    response = conn.getresponse()
    return response.status, json.loads(response.read())


def test_the_api_killed_mid_submission_loses_no_accepted_item(redis_env, screener):
    """``sanctions serve`` is killed (SIGKILL, the whole process group) while a body is being
    uploaded: the job accepted before it (202) completes with every result, the half-received
    one is never visible, and the same body sent to the restarted API completes whole."""
    _app, client, headers = make_client(redis_env, screener)
    api = serve(redis_env, free_port())
    try:
        accepted = "".join(json.dumps(t) + "\n" for t in items(200)).encode()
        status, job = post_job(_port(api), headers, accepted)
        assert status == 202 and job["total"] == 200
        big = "".join(json.dumps(t) + "\n" for t in items(1500, bad=(700,))).encode()
        with socket.create_connection(("127.0.0.1", _port(api))) as conn:
            conn.sendall(
                f"POST /v1/screening-jobs HTTP/1.1\r\nHost: x\r\nAuthorization: "
                f"{headers['Authorization']}\r\nContent-Type: application/x-ndjson\r\n"
                f"Content-Length: {len(big)}\r\n\r\n".encode()
                + big[: len(big) // 2]
            )
            time.sleep(1)
            os.killpg(api.pid, signal.SIGKILL)
            api.wait(5)
        api = serve(redis_env, free_port())
        job = wait_for(client, headers, job["id"], ended, timeout=90)
        assert (job["status"], job["done"], job["failed"]) == ("done", 200, 0)
        assert result_rows(redis_env, job["id"]) == list(range(200))
        listed = client.get("/v1/screening-jobs", headers=headers).get_json()["items"]
        assert [j["id"] for j in listed] == [job["id"]]  # the half-received body is not a job
        status, again = post_job(_port(api), headers, big)
        assert status == 202 and again["total"] == 1500
        again = wait_for(client, headers, again["id"], ended, timeout=120)
        assert (again["done"], again["failed"]) == (1500, 1)
        assert [line["reference"] for line in results(client, headers, again["id"])] == [
            f"T-{i}" for i in range(1500)
        ]
    finally:
        if api.poll() is None:
            os.killpg(api.pid, signal.SIGTERM)
            api.wait(20)


def test_an_upload_longer_than_the_gunicorn_timeout_is_accepted(redis_env, screener):
    """A body sent slowly over 65 s (past gunicorn's 60 s worker timeout) still gets its 202:
    the worker is not killed as busy while it reads a long upload."""
    _app, client, headers = make_client(redis_env, screener)
    api = serve(redis_env, free_port())
    try:
        lines = [json.dumps(t) + "\n" for t in items(130)]
        body = "".join(lines).encode()
        with socket.create_connection(("127.0.0.1", _port(api))) as conn:
            conn.sendall(
                f"POST /v1/screening-jobs HTTP/1.1\r\nHost: x\r\nAuthorization: "
                f"{headers['Authorization']}\r\nContent-Type: application/x-ndjson\r\n"
                f"Content-Length: {len(body)}\r\n\r\n".encode()
            )
            started = time.monotonic()
            for line in lines:
                conn.sendall(line.encode())
                time.sleep(0.5)
            conn.settimeout(60)
            head = conn.recv(65536).decode()
        assert time.monotonic() - started > 62
        assert head.startswith("HTTP/1.1 202"), head[:200]
        job = json.loads(head.partition("\r\n\r\n")[2])
        job = wait_for(client, headers, job["id"], ended, timeout=90)
        assert (job["status"], job["done"]) == ("done", 130)
    finally:
        os.killpg(api.pid, signal.SIGTERM)
        api.wait(20)


def _port(api: subprocess.Popen[bytes]) -> int:
    args = list(api.args)  # type: ignore[arg-type]
    return int(args[args.index("--port") + 1])


# --- Redis down, Redis restarted -------------------------------------------------------------


def test_redis_down_refuses_jobs_with_retry_after_but_screening_works(tmp_path, screener):
    env = Env(tmp_path, f"redis://127.0.0.1:{free_port()}/0")
    _app, client, headers = make_client(env, screener)
    r = client.post("/v1/screening-jobs", data=json.dumps(items(2)),
                    headers={**headers, "Content-Type": "application/json"})  # fmt: skip
    assert r.status_code == 503 and r.mimetype == "application/problem+json"
    assert r.headers["Retry-After"] == str(env.settings.job_retry_after)
    r = client.post("/v1/screenings", json=items(1)[0], headers=headers)
    assert r.status_code == 200 and r.get_json()["outcome"] == "clear"


def test_redis_restarted_mid_job_the_reconciler_reenqueues_and_the_job_completes(
    tmp_path, screener
):
    port = free_port()
    cmd = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
           "--appendonly", "no", "--dir", str(tmp_path)]  # fmt: skip
    server = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL)]
    env = Env(tmp_path, f"redis://127.0.0.1:{port}/0")
    try:
        _wait_redis(port)
        env.start_worker(concurrency=1)
        _app, client, headers = make_client(env, screener)
        time.sleep(10)
        job = submit(client, headers, json.dumps(items(300)))
        wait_for(client, headers, job["id"], lambda j: j["done"] >= 20, timeout=60)
        server[0].kill()
        server[0].wait(5)
        server.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL))  # empty: messages lost
        _wait_redis(port)
        job = wait_for(client, headers, job["id"], ended, timeout=90)
        assert (job["status"], job["done"]) == ("done", 300)
        assert job["reenqueued"] > 0
        assert result_rows(env, job["id"]) == list(range(300))
    finally:
        env.stop()
        for proc in server:
            proc.kill()
            proc.wait(5)


def _wait_redis(port: int) -> None:
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis(port=port, socket_connect_timeout=0.5).ping()
            return
        except redis.ConnectionError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)


# --- embedded broker -------------------------------------------------------------------------


def test_a_job_completes_on_the_embedded_broker(tmp_path, screener):
    env = Env(tmp_path, None)
    assert env.settings.job_broker_url.startswith("sqla+sqlite:///")
    env.start_worker(concurrency=1)
    try:
        _app, client, headers = make_client(env, screener)
        job = submit(client, headers, json.dumps(items(25, bad=(7,))))
        job = wait_for(client, headers, job["id"], ended, timeout=90)
        assert (job["status"], job["done"], job["failed"]) == ("done", 25, 1)
        assert [line["index"] for line in results(client, headers, job["id"])] == list(range(25))
        ready = client.get("/readyz").get_json()
        assert ready["checks"]["workers"]["alive"] >= 1
        metrics = client.get("/metrics").get_data(as_text=True)
        assert "sanctions_job_items_done_total 25.0" in metrics
    finally:
        env.stop()


# --- re-screening: job items kept by the worker, re-screened by it after a list load ----------

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
OLD_UN = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "lists"
    / "un-consolidated-2026-02-27.xml.gz"
)


def test_a_list_load_rescreens_job_items_on_a_worker(tmp_path, screener):
    redis.Redis.from_url(REDIS).ping()
    env = Env(tmp_path, REDIS, SANCTIONS_LIST_CHECK_SECONDS="1")
    app, client, headers = make_client(env, screener)
    state = app.extensions["sanctions"]
    admin = {"Authorization": "Bearer " + state.store.keys.create("admin", "admin")}
    old = OLD_UN.read_bytes()
    removed = list_delta(read_version(old, "un-xml", state.tree),
                         read_version(bundled_un_bytes(), "un-xml", state.tree)).removed[0]  # fmt: skip
    assert client.post("/v1/lists", data=old, headers=admin,
                       content_type="application/gzip").status_code == 201  # fmt: skip
    env.start_worker()
    try:
        names = [removed.name if i % 4 == 0 else f"Acme Trading {i}" for i in range(12)]
        body = [{"reference": f"J-{i}", "date": "2026-06-01", "goods": [RICE],
                 "parties": [{"role": "buyer", "name": n}]} for i, n in enumerate(names)]  # fmt: skip
        job = wait_for(client, headers, submit(client, headers, json.dumps(body))["id"], ended, 120)
        assert job["status"] == "done"
        kept = {s.reference: s for s in state.store.screenings.since(EPOCH)}
        assert set(kept) == {f"J-{i}" for i in range(12)}
        assert all(s.list_version.startswith("un:2026-02-27") for s in kept.values())

        r = client.post("/v1/lists", data=bundled_un_bytes(), headers=admin,
                        content_type="application/gzip")  # fmt: skip
        started = r.get_json()["rescreen"]
        assert started["examined"] == 12 and started["selected"] == 3
        report = client.get(started["status_url"], headers=admin).get_json()
        wait_for(client, admin, report["job_id"], ended, 120)
        report = client.get(started["status_url"], headers=admin).get_json()
        assert report["status"] == "done" and report["counts"]["changed"] == 3
        assert {i["reference"] for i in report["items"]} == {"J-0", "J-4", "J-8"}
        assert f"3 no longer match un {removed.reference} after its delisting" in report["summary"]
        after = {s.reference: s for s in state.store.screenings.since(EPOCH)}
        assert {s.list_version.split()[0][:13] for s in after.values()} == {"un:2026-05-08"}
    finally:
        env.stop()
        redis.Redis.from_url(REDIS).delete(env.vars["SANCTIONS_JOB_QUEUE"])
