"""The jobs use case's :class:`~service.jobs.Queue` over Celery: send by task name, ask depth."""

from __future__ import annotations

from collections.abc import Sequence

from celery import Celery
from kombu.exceptions import KombuError, OperationalError
from redis.exceptions import RedisError

from service.jobs import QueueDown
from service.settings import Settings
from service.worker.celery import CHUNK_TASK, WEBHOOK_TASK

# RedisError: a publish batch flushes its pipeline outside kombu's retries, so unwrapped
BROKER_ERRORS = (OperationalError, KombuError, OSError, ConnectionError, TimeoutError, RedisError)


class CeleryQueue:
    def __init__(self, app: Celery, settings: Settings) -> None:
        self.app = app
        self.name = settings.job_queue

    def _send(self, task: str, args: list[object]) -> None:
        try:
            self.app.send_task(task, args=args, queue=self.name)
        except BROKER_ERRORS as exc:
            raise QueueDown(str(exc)) from exc

    def enqueue_chunk(self, job_id: str, number: int) -> None:
        self._send(CHUNK_TASK, [job_id, number])

    def enqueue_chunks(self, job_id: str, numbers: Sequence[int]) -> None:
        """One message per chunk; on Redis they go in one pipeline (kombu's publish batch),
        elsewhere one by one."""
        try:
            with self.app.producer_or_acquire() as producer, producer.batch(len(numbers) or 1):
                for number in numbers:
                    self.app.send_task(CHUNK_TASK, args=[job_id, number], queue=self.name,
                                       producer=producer)  # fmt: skip
        except BROKER_ERRORS as exc:
            raise QueueDown(str(exc)) from exc

    def enqueue_webhook(self, job_id: str) -> None:
        self._send(WEBHOOK_TASK, [job_id])

    def ping(self) -> bool:
        try:
            with self.app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
                conn.default_channel  # noqa: B018 (opens the channel: the broker answers)
        except BROKER_ERRORS:
            return False
        return True

    def depth(self) -> int | None:
        """Messages waiting in the queue (not those a worker holds); raise QueueDown."""
        try:
            with self.app.connection_for_read() as conn:
                conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
                ok = conn.default_channel.queue_declare(queue=self.name, passive=True)
                return int(ok.message_count)
        except Exception as exc:  # kombu raises amqp's ChannelError for a queue never declared
            if "NOT_FOUND" in str(exc):
                return 0  # Redis drops an emptied queue's key: nothing waits
            raise QueueDown(str(exc)) from exc
