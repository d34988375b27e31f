"""Lists: a well-formed list of one entry, a list older than the current one and a list with a
garbage dateGenerated all became current, and the one-entry list carried the full one's label.
A version is checked before it becomes current; an admin may force it with a recorded reason."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

SANCTIONS = str(Path(sys.executable).parent / "sanctions")
XML = {"Content-Type": "application/xml"}


@pytest.fixture(scope="module")
def full() -> bytes:
    data = resources.files("service.parties").joinpath("data", "consolidated-2026-05-08.xml.gz")
    return gzip.decompress(data.read_bytes())


def dated(xml: bytes, stamp: str) -> bytes:
    start = xml.index(b'dateGenerated="') + len(b'dateGenerated="')
    return xml[:start] + stamp.encode() + xml[xml.index(b'"', start) :]


def one_entry(xml: bytes, stamp: str = "2026-06-01T00:00:00Z") -> bytes:
    """The same list, newer, holding its first individual only."""
    first = xml.index(b"</INDIVIDUAL>") + len(b"</INDIVIDUAL>")
    tail = xml.index(b"</INDIVIDUALS>")
    entities = xml.index(b"<ENTITIES>") + len(b"<ENTITIES>")
    end = xml.index(b"</ENTITIES>")
    return dated(xml[:first] + b"\n  " + xml[tail:entities] + xml[end:], stamp)


@pytest.fixture
def admin(client, auth, full):
    headers = {**auth("admin"), **XML}
    assert client.post("/v1/lists", data=full, headers=headers).status_code == 201
    return headers


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("one entry", "fewer than the current"),
        ("older", "older"),
        ("garbage date", "cannot be read"),
    ],
)
def test_suspicious_versions_are_409_and_the_current_one_stays(client, admin, full, name, reason):
    body = {"one entry": lambda: one_entry(full), "older": lambda: dated(full, "2025-01-01T00:00:00Z"),
            "garbage date": lambda: dated(full, "yesterday-ish")}[name]()  # fmt: skip
    before = client.get("/v1/lists", headers=admin).get_json()["current"]
    r = client.post("/v1/lists", data=body, headers=admin)
    assert r.status_code == 409, r.get_json()
    problem = r.get_json()
    assert problem["title"] == "List version refused" and any(
        reason in x for x in problem["reasons"]
    )
    assert client.get("/v1/lists", headers=admin).get_json()["current"] == before


def test_an_admin_may_force_a_refused_version_with_a_recorded_reason(client, admin, full):
    small = one_entry(full)
    r = client.post("/v1/lists?force=true", data=small, headers=admin)
    assert r.status_code == 400 and "reason" in r.get_json()["errors"]
    r = client.post("/v1/lists?force=true&reason=UN+withdrew+the+others", data=small, headers=admin)
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert (
        "UN withdrew the others" in body["forced_reason"] and body["loaded_by"] == "hostile admin"
    )
    current = client.get("/v1/lists", headers=admin).get_json()["current"]
    assert current["id"] == body["id"] and sum(current["counts"].values()) == 1


def test_the_label_tells_two_versions_of_one_date_apart(client, admin, full):
    same_date = one_entry(full, "2026-05-08T23:00:06.922Z")
    r = client.post("/v1/lists?force=1&reason=test", data=same_date, headers=admin)
    versions = [v["version"] for v in client.get("/v1/lists", headers=admin).get_json()["versions"]]
    assert r.status_code == 201 and len(set(versions)) == 2
    assert all("#" in v and v.startswith("un:2026-05-08T23:00:06Z#") for v in versions)


def test_the_share_of_entries_a_version_may_lose_is_a_setting(make_app, full):
    app = make_app(list_max_loss=1.0)
    store = app.extensions["sanctions"].store
    headers = {"Authorization": "Bearer " + store.keys.create("admin"), **XML}
    client = app.test_client()
    assert client.post("/v1/lists", data=full, headers=headers).status_code == 201
    assert client.post("/v1/lists", data=one_entry(full), headers=headers).status_code == 201


def test_the_cli_refuses_and_forces_with_a_reason(tmp_path, full):
    env = {**os.environ, "SANCTIONS_HOME": str(tmp_path), "SANCTIONS_DATABASE_URL": ""}
    env.pop("SANCTIONS_DATABASE_URL")
    (tmp_path / "full.xml").write_bytes(full)
    (tmp_path / "small.xml").write_bytes(one_entry(full))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([SANCTIONS, "lists", "load", *args], capture_output=True,
                              text=True, env=env, timeout=300)  # fmt: skip

    assert run(str(tmp_path / "full.xml")).returncode == 0
    refused = run(str(tmp_path / "small.xml"))
    assert refused.returncode == 3 and "fewer than the current" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    forced = run(str(tmp_path / "small.xml"), "--force", "the UN withdrew them")
    assert forced.returncode == 0, forced.stderr
    assert "forced" in forced.stderr and "the UN withdrew them" in forced.stderr
