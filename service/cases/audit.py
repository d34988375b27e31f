"""Verify and export the hash-chained audit log.

``verify`` recomputes every hash from the first entry and names the first entry that does not
hold (changed, removed or inserted rows), then checks the head row, and optionally a head
exported earlier and kept elsewhere (which catches the newest rows being cut off together with
the head row). ``export`` writes the chain as JSON Lines, ending with its head.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from service.store import Store
from service.store.audit import GENESIS, canonical, entry_hash


@dataclass(frozen=True)
class Verdict:
    ok: bool
    entries: int
    head: tuple[int, str]
    problem: str | None = None
    broken_seq: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ok": self.ok, "entries": self.entries,
                               "head": {"seq": self.head[0], "hash": self.head[1]}}  # fmt: skip
        if self.problem:
            out["problem"] = self.problem
            out["broken_seq"] = self.broken_seq
        return out


def verify(store: Store, kept_head: tuple[int, str] | None = None) -> Verdict:
    """Walk the chain; the first broken entry is named in ``problem`` and ``broken_seq``."""
    prev, expected, count = GENESIS, 1, 0
    for e in store.audit.entries():
        if e.seq != expected:
            return _broken(count, (expected - 1, prev), expected,
                           f"entry {expected} is missing (the next one is {e.seq})")  # fmt: skip
        if e.prev_hash != prev:
            return _broken(count, (e.seq, prev), e.seq,
                           f"entry {e.seq} does not follow entry {e.seq - 1} (prev_hash differs)")  # fmt: skip
        digest = entry_hash(prev, e.seq, e.at, e.actor, e.action, e.case_id, e.data)
        if digest != e.hash:
            return _broken(count, (e.seq, prev), e.seq,
                           f"entry {e.seq} ({e.action} on case {e.case_id}) was changed: its "
                           f"content does not hash to its stored hash")  # fmt: skip
        prev, expected, count = e.hash, e.seq + 1, count + 1
    head = (expected - 1, prev)
    recorded = store.audit.head()
    if recorded != head:
        return _broken(count, head, head[0] + 1,
                       f"the head names entry {recorded[0]} but the chain ends at entry {head[0]}: "
                       f"entries were removed or the head was altered")  # fmt: skip
    if kept_head is not None:
        seq, digest = kept_head
        if seq > head[0]:
            return _broken(count, head, head[0] + 1,
                           f"the kept head names entry {seq} but the chain ends at entry "
                           f"{head[0]}: the newest entries were removed")  # fmt: skip
        found = store.audit.entry(seq) if seq else None
        if seq and (found is None or found.hash != digest):
            return _broken(count, head, seq, f"entry {seq} differs from the kept head")
    return Verdict(True, count, head)


def _broken(count: int, head: tuple[int, str], seq: int, problem: str) -> Verdict:
    return Verdict(False, count, head, problem, seq)


def export_lines(store: Store) -> Iterator[str]:
    """The chain as JSON Lines, one entry a line, and a last line with the head."""
    count, head = 0, (0, GENESIS)
    for e in store.audit.entries():
        count, head = count + 1, (e.seq, e.hash)
        yield canonical(e.to_dict())
    yield canonical({"head": {"seq": head[0], "hash": head[1], "entries": count,
                              "exported_at": dt.datetime.now(dt.UTC).isoformat()}})  # fmt: skip


def export(store: Store, out: IO[str]) -> tuple[int, str]:
    """Write the chain to ``out``; the head (number, hash) written last."""
    last = ""
    for line in export_lines(store):
        out.write(line + "\n")
        last = line
    head = json.loads(last)["head"]
    return head["seq"], head["hash"]


def read_head(lines: IO[str]) -> tuple[int, str]:
    """The head of an exported chain (its last line)."""
    last = None
    for line in lines:
        if line.strip():
            last = line
    if last is None:
        raise ValueError("the export is empty")
    head = json.loads(last).get("head")
    if not isinstance(head, dict):
        raise ValueError("the export does not end with its head line")
    return int(head["seq"]), str(head["hash"])
