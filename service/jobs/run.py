"""Run one chunk: each item without a result gets one (a decision, or an error), then the chunk's
progress is recounted. Safe to run twice or concurrently: the first result written wins.

What an item becomes depends on the job's kind; a :data:`Processor` per kind is handed in by
the worker (``screening`` is :func:`screening`; re-screening adds its own).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from service.jobs.reader import decode_item
from service.screening import Screener, TransactionError
from service.store import Store, WorkItem

Processor = Callable[[dict[str, Any]], tuple[str, dict[str, Any]]]
log = logging.getLogger("service.jobs")


def error_line(idx: int, title: str, detail: str, errors: Mapping[str, str] | None = None,
               reference: Any = None) -> dict[str, Any]:  # fmt: skip
    """The result line of an item that got no decision (its ``outcome`` is ``error``)."""
    error: dict[str, Any] = {"title": title, "detail": detail}
    if errors:
        error["errors"] = dict(errors)
    line: dict[str, Any] = {"index": idx}
    if isinstance(reference, str):
        line["reference"] = reference
    line["error"] = error
    return line


def screening(screener: Callable[[], Screener]) -> Processor:
    """Screen an item as ``POST /v1/screenings`` does (:meth:`Screener.screen`)."""

    def process(body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        decision = screener().screen(body)
        return decision.outcome, {"decision": decision.to_dict()}

    return process


def decoded(item: WorkItem) -> WorkItem:
    """The item with its stored JSON text decoded (an error item if it is not an object)."""
    if item.raw is None:
        return item
    body, error = decode_item(item.raw)
    return WorkItem(item.idx, body, error)


def _result(item: WorkItem, process: Processor) -> tuple[int, str, dict[str, Any]]:
    """The result line of one decoded item (``decoded``)."""
    if item.body is None:
        return item.idx, "error", error_line(item.idx, "Unreadable item", item.error or "")
    reference = item.body.get("reference")
    try:
        outcome, body = process(item.body)
    except TransactionError as exc:
        line = error_line(item.idx, "Invalid transaction", "the transaction cannot be screened",
                          exc.errors, reference)  # fmt: skip
        return item.idx, "error", line
    except Exception:  # fail closed: an item that breaks the screener is an error, never clear
        log.exception("item failed", extra={"index": item.idx})
        line = error_line(item.idx, "Screening failed", "an internal error; the item was not "
                          "screened", None, reference)  # fmt: skip
        return item.idx, "error", line
    line = {"index": item.idx}
    if isinstance(reference, str):
        line["reference"] = reference
    return item.idx, outcome, {**line, **body}


# called with (job id, kind, the chunk's items, their new results) once they are saved
AfterChunk = Callable[
    [str, str, Sequence[WorkItem], Sequence[tuple[int, str, dict[str, Any]]]], None
]


def run_chunk(
    store: Store, job_id: str, number: int, processors: Mapping[str, Processor],
    after: AfterChunk | None = None,
) -> bool:  # fmt: skip
    """Give every item of the chunk a result; True when this run ended the job. ``after`` sees
    the results once saved (the worker keeps screenings for re-screening there)."""
    work = store.jobs.start_chunk(job_id, number)
    if work is None:
        return False  # cancelled, gone, or already done: nothing to do (a duplicate message)
    kind, items = work
    process = processors.get(kind)
    if process is None:
        raise LookupError(f"no processor for jobs of kind {kind!r}")
    items = [decoded(item) for item in items]  # stored undecoded; the hook sees the bodies
    results = [_result(item, process) for item in items]
    store.jobs.save_results(job_id, results)
    if after is not None:
        after(job_id, kind, items, results)
    return store.jobs.finish_chunk(job_id, number)
