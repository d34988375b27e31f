"""kombu's Redis transport, with acknowledgements that survive the loss of the broker.

kombu's Redis ``QoS.ack`` removes the delivery from the broker's unacked index and only then from
the channel's own count of messages in hand. When Redis is gone at that moment (restarted, it
keeps nothing on disk), the first step raises and the second never runs: the worker believes it
still holds a message, and with a prefetch of one it never asks for another (seen here as a job
stuck after a Redis restart, the reconciler re-sending chunks nobody fetched). Here the channel
forgets the delivery whatever the broker says; the broker's copy, if it still has one, comes back
after the visibility timeout, and a chunk run twice changes nothing (results are keyed by index).
"""

from __future__ import annotations

import time
from typing import Any

from kombu.transport import redis, virtual
from kombu.transport import sqlalchemy as _sqla
from sqlalchemy.exc import IntegrityError, OperationalError


class QoS(redis.QoS):  # type: ignore[misc]
    def ack(self, delivery_tag: Any) -> None:
        try:
            self._remove_from_indices(delivery_tag).execute()
        finally:
            virtual.QoS.ack(self, delivery_tag)

    def reject(self, delivery_tag: Any, requeue: bool = False) -> None:
        try:
            if requeue:
                self.restore_by_tag(delivery_tag, leftmost=True)
            else:
                self._remove_from_indices(delivery_tag).execute()
        finally:
            virtual.QoS.ack(self, delivery_tag)


class Channel(redis.Channel):  # type: ignore[misc]
    QoS = QoS


class Transport(redis.Transport):  # type: ignore[misc]
    Channel = Channel


TRANSPORT = f"{__name__}:Transport"


# --- the embedded broker --------------------------------------------------------------------


class SqlChannel(_sqla.Channel):  # type: ignore[misc]
    """kombu's SQLAlchemy channel, safe when several processes start on one SQLite broker.

    kombu guards the creation of its tables and of a queue's row with a lock of the process
    only; the API and a worker started together (``make run``) may both find no row and both
    insert it, and the loser's worker died at start ("UNIQUE constraint failed:
    kombu_queue.name"), leaving every job queued. Here the loser reads the row the winner made.
    """

    def _open(self) -> Any:
        for _ in range(19):
            try:
                return super()._open()
            except OperationalError:  # another process was creating the same tables
                time.sleep(0.05)
        return super()._open()

    def _get_or_create(self, queue: str) -> Any:
        try:
            return super()._get_or_create(queue)
        except IntegrityError:
            self.session.rollback()
            return self.session.query(self.queue_cls).filter(self.queue_cls.name == queue).one()


class SqlTransport(_sqla.Transport):  # type: ignore[misc]
    Channel = SqlChannel


SQL_TRANSPORT = f"{__name__}:SqlTransport"
