"""What the jobs use case needs from a task queue; the Celery one is ``service.worker.queue``.

Kept as a protocol so this package imports no Celery, and tests of the use case can hand in a
list that records what was enqueued.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class QueueDown(RuntimeError):
    """The broker cannot take messages now (the caller answers 503 with Retry-After)."""


class Queue(Protocol):
    def enqueue_chunk(self, job_id: str, number: int) -> None:
        """Send one task message naming a job's chunk; raise :class:`QueueDown` if it cannot."""

    def enqueue_chunks(self, job_id: str, numbers: Sequence[int]) -> None:
        """Send one message per chunk, in as few round trips as the broker allows; raise
        :class:`QueueDown` if it cannot (some of them may have been sent)."""

    def enqueue_webhook(self, job_id: str) -> None:
        """Send the task that announces a finished job to its ``callback_url``."""

    def ping(self) -> bool:
        """Whether the broker answers (quickly: a status read or a submission waits on it)."""

    def depth(self) -> int | None:
        """Messages waiting in the jobs queue; None when the broker cannot say."""
