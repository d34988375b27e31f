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

from typing import Any

from kombu.transport import redis, virtual


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
