"""The jobs use case over the real store (SQLite and PostgreSQL), with a queue that records what
it is sent: chunking, idempotent chunks, the reconciler's three cases, giving up, cancelling."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import update

from service.jobs import JobError, Jobs, Owner, QueueDown, run_chunk
from service.jobs.service import MAX_ATTEMPTS
from service.settings import Settings
from service.store import Store
from service.store.models import JobChunk

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
OWNER = Owner(7, "key:test#7")


class RecordingQueue:
    def __init__(self) -> None:
        self.sent: list[tuple[str, int]] = []
        self.webhooks: list[str] = []
        self.depth_now: int | None = 0
        self.down = False

    def enqueue_chunk(self, job_id: str, number: int) -> None:
        if self.down:
            raise QueueDown("down")
        self.sent.append((job_id, number))

    def enqueue_chunks(self, job_id: str, numbers: Sequence[int]) -> None:
        for number in numbers:
            self.enqueue_chunk(job_id, number)

    def enqueue_webhook(self, job_id: str) -> None:
        self.webhooks.append(job_id)

    def ping(self) -> bool:
        return not self.down

    def depth(self) -> int | None:
        return self.depth_now


def clear(body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if body.get("boom"):
        raise RuntimeError("a bug")
    return "clear", {"decision": {"outcome": "clear"}}


PROCESSORS = {"screening": clear}


@pytest.fixture
def queue() -> RecordingQueue:
    return RecordingQueue()


@pytest.fixture
def jobs(store, queue) -> Jobs:
    settings = dataclasses.replace(Settings(), job_chunk_size=4, job_reconcile_seconds=60,
                                   job_time_limit=300, job_max_items=30)  # fmt: skip
    return Jobs(store, settings, queue)


def body(n: int) -> Any:
    return io.BytesIO(
        json.dumps([{"reference": f"R{i}", "boom": i == 5} for i in range(n)]).encode()
    ).read


def test_a_job_is_cut_into_chunks_each_sent_once_and_run_idempotently(jobs, queue, store):
    job = jobs.submit(body(10), "json", OWNER)
    assert (job.status, job.total) == ("queued", 10)
    assert queue.sent == [(job.id, 0), (job.id, 1), (job.id, 2)]
    assert [run_chunk(store, job.id, n, PROCESSORS) for n in (0, 1, 1, 2)] == [
        False,
        False,
        False,
        True,
    ]
    job = jobs.get(job.id, OWNER)
    assert (job.status, job.done, job.failed) == ("done", 10, 1)
    lines = list(jobs.results(job.id))
    assert [line["index"] for line in lines] == list(range(10))
    assert lines[5]["error"]["title"] == "Screening failed" and "decision" not in lines[5]
    assert list(jobs.results(job.id, 8)) == lines[8:]


def test_results_stop_at_the_first_item_without_one(jobs, store):
    job = jobs.submit(body(10), "json", OWNER)
    run_chunk(store, job.id, 0, PROCESSORS)
    run_chunk(store, job.id, 2, PROCESSORS)
    assert [line["index"] for line in jobs.results(job.id)] == [0, 1, 2, 3]
    assert jobs.get(job.id, OWNER).status == "running"


def test_limits_and_refusals_store_nothing(jobs, queue):
    with pytest.raises(JobError) as too_many:
        jobs.submit(body(31), "json", OWNER)
    assert too_many.value.kind == "too_large"
    with pytest.raises(JobError):
        jobs.submit(io.BytesIO(b"[]").read, "json", OWNER)
    queue.down = True
    with pytest.raises(JobError) as down:
        jobs.submit(body(2), "json", OWNER)
    assert down.value.kind == "unavailable"
    assert jobs.list(Owner(None, "admin", admin=True)) == [] and queue.sent == []


def test_another_key_sees_no_job_and_an_admin_sees_all(jobs):
    job = jobs.submit(body(2), "json", OWNER)
    with pytest.raises(JobError) as missing:
        jobs.get(job.id, Owner(8, "other"))
    assert missing.value.kind == "not_found"
    assert jobs.list(Owner(8, "other")) == []
    assert [j.id for j in jobs.list(Owner(8, "admin", admin=True))] == [job.id]


def _age(store: Store, job_id: str, **values: Any) -> None:
    with store.db.session() as s:
        s.execute(update(JobChunk).where(JobChunk.job_id == job_id).values(**values))


def test_the_reconciler_resends_lost_chunks_only(jobs, queue, store):
    now = dt.datetime.now(dt.UTC)
    job = jobs.submit(body(8), "json", OWNER)
    queue.sent.clear()
    assert jobs.reconcile() == 0  # just sent: nothing is lost
    _age(store, job.id, enqueued_at=now - dt.timedelta(minutes=5))
    queue.depth_now = 3  # the broker still holds messages: queued chunks are waiting, not lost
    assert jobs.reconcile() == 0
    queue.depth_now = 0  # an empty queue with queued chunks: their messages were lost
    assert jobs.reconcile() == 2 and queue.sent == [(job.id, 0), (job.id, 1)]
    assert jobs.reconcile() == 0  # claimed: sent once, not on every round
    # a chunk running far past the time limit: its worker died
    store.jobs.start_chunk(job.id, 0)
    _age(store, job.id, started_at=now - dt.timedelta(minutes=30))
    queue.depth_now, queue.sent = 5, []
    assert jobs.reconcile() == 1 and queue.sent == [(job.id, 0)]
    assert jobs.get(job.id, OWNER).reenqueued == 3


def test_a_chunk_never_sent_is_sent_by_the_reconciler(jobs, queue, store):
    job = jobs.submit(body(4), "json", OWNER)
    queue.sent.clear()
    with store.db.session() as s:  # as if the broker failed after the items were stored
        s.execute(update(JobChunk).values(enqueued_at=None, attempts=0))
    assert jobs.reconcile() == 0  # a submission may still be sending them
    assert jobs.reconcile(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)) == 1
    assert queue.sent == [(job.id, 0)]


def test_a_chunk_sent_too_often_is_given_up_and_the_job_fails(jobs, queue, store):
    job = jobs.submit(body(8), "json", OWNER)
    run_chunk(store, job.id, 0, PROCESSORS)
    store.jobs.start_chunk(job.id, 1)
    _age(store, job.id, attempts=MAX_ATTEMPTS,
         started_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))  # fmt: skip
    assert jobs.reconcile() == 0
    job = jobs.get(job.id, OWNER)
    assert (job.status, job.done, job.failed) == ("failed", 8, 4)
    assert "not screened after" in (job.error or "")
    assert list(jobs.results(job.id))[4]["error"]["title"] == "Not screened"


def test_cancel_skips_the_chunks_left(jobs, store):
    job = jobs.submit(body(8), "json", OWNER)
    assert jobs.cancel(job.id, OWNER).status == "cancelled"
    assert run_chunk(store, job.id, 0, PROCESSORS) is False
    assert list(jobs.results(job.id)) == []
    with pytest.raises(JobError) as again:
        jobs.cancel(job.id, OWNER)
    assert again.value.kind == "conflict"


def test_json_lines_are_stored_undecoded_and_bad_ones_become_one_error_result_each(jobs, store):
    """A line that looks like an object is stored as its text and decoded by the worker; one
    that is not valid JSON after all (or holds NaN, or what PostgreSQL refuses to store as JSON:
    a NUL, a lone surrogate) gets one error result and the items around it go on."""
    lines = ['{"reference": "A"}', '{"reference": "B", oops}', '{"reference": "C", "n": NaN}',
             '{"reference": "D\\ud800"}', '{"reference": "E\x00"}', "[1]",
             '  {"reference": "F", "s": "a\\tb"}  ', '{"reference": "G"}']  # fmt: skip
    job = jobs.submit(io.BytesIO("\n".join(lines).encode()).read, "jsonl", OWNER)
    assert job.total == 8
    for n in range(2):
        run_chunk(store, job.id, n, PROCESSORS)
    got = list(jobs.results(job.id))
    assert [line["index"] for line in got] == list(range(8))
    ok = [line.get("reference") for line in got if "decision" in line]
    assert ok[0] == "A" and ok[-2:] == ["F", "G"]
    for i in (1, 2, 4, 5):
        assert got[i]["error"]["title"] == "Unreadable item", got[i]
    assert "not valid JSON" in got[1]["error"]["detail"]
    assert "NaN" in got[2]["error"]["detail"]  # from the worker, or PostgreSQL's refusal
    # a lone surrogate is valid JSON text: decoded on SQLite, refused by PostgreSQL's json type
    assert ("decision" in got[3]) or got[3]["error"]["title"] == "Unreadable item"
    assert jobs.get(job.id, OWNER).failed == sum("error" in line for line in got)


def test_a_stored_item_reads_back_as_its_text(jobs, store):
    job = jobs.submit(io.BytesIO(b'{"reference": "R", "x": [1, 2.5]}\n').read, "jsonl", OWNER)
    item = store.jobs.item(job.id, 0)
    assert item is not None and json.loads(item.raw or "") == {"reference": "R", "x": [1, 2.5]}


def test_a_submission_cut_off_mid_body_is_never_visible_and_is_discarded_later(jobs, store):
    from service.jobs.service import ABANDONED

    store.jobs.create("cut", "screening", OWNER.name, OWNER.key_id, 4, {}, None, None)
    store.jobs.add_items("cut", 0, [('{"reference": "A"}', None)] * 3)
    with pytest.raises(JobError):
        jobs.get("cut", OWNER)
    assert jobs.list(OWNER) == []
    kept = jobs.submit(body(2), "json", OWNER)
    jobs.reconcile()
    assert store.jobs.item("cut", 0) is not None  # it may still be arriving
    jobs.reconcile(dt.datetime.now(dt.UTC) + ABANDONED + dt.timedelta(minutes=1))
    assert store.jobs.item("cut", 0) is None and store.jobs.get("cut") is None
    assert store.jobs.get(kept.id) is not None and store.jobs.item(kept.id, 1) is not None
