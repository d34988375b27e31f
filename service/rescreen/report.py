"""The impact of a re-screening, from its record and its job's results.

"312 decisions changed: 4 now prohibited, …; 9 no longer match un KPe.031 after its delisting"
— counts by outcome, the list entries added, changed and removed with the decisions each one
changed, and the changed items with the reason in words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from service.rescreen.summary import reason
from service.store import JobRecord, RescreenRecord

VERB = {"added": "now match", "removed": "no longer match", "changed": "changed with"}
AFTER = {"added": "(added to the list)", "removed": "after its delisting",
         "changed": "after its amendment"}  # fmt: skip
SHOWN = 8  # entries named in the one-line summary


def entries(record: RescreenRecord) -> dict[tuple[str, str], dict[str, Any]]:
    """(list, reference) -> the entry's change, from the stored delta."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for delta in record.delta.get("lists") or ():
        for change in ("added", "changed", "removed"):
            for e in delta.get(change) or ():
                out[(delta["source"], e["reference"])] = {
                    "list": delta["source"], "reference": e["reference"], "name": e["name"],
                    "change": change, **({"fields": e["fields"]} if "fields" in e else {}),
                    "decisions": 0,
                }  # fmt: skip
    return out


def report(record: RescreenRecord, job: JobRecord | None, results: Iterable[dict[str, Any]],
           limit: int = 100) -> dict[str, Any]:  # fmt: skip
    touched = entries(record)
    what = {k: v["change"] for k, v in touched.items()}
    moves: Counter[str] = Counter()
    now: Counter[str] = Counter()
    changed_items: list[dict[str, Any]] = []
    screened = errors = changed = 0
    for line in results:
        screened += 1
        if "error" in line:
            errors += 1
            continue
        if not line.get("changed"):
            continue
        changed += 1
        before, after = line["before"]["outcome"], line["after"]["outcome"]
        if before != after:
            moves[f"{before}->{after}"] += 1
            now[after] += 1
        refs = {(m["list"], m["reference"])
                for side in ("appeared", "disappeared")
                for m in line.get(side, {}).get("matches", ())}  # fmt: skip
        for ref in refs & touched.keys():
            touched[ref]["decisions"] += 1
        if len(changed_items) < limit:
            item: dict[str, Any] = {
                k: line[k] for k in ("index", "reference", "screening", "case") if k in line
            }
            item.update({"before": before, "after": after,
                         "appeared": line.get("appeared", {}),
                         "disappeared": line.get("disappeared", {}),
                         "reason": reason(line, before, after, what)})  # fmt: skip
            changed_items.append(item)
    status = job.status if job is not None else record.status
    finished = job.finished_at if job is not None else record.finished_at
    if status == "done" and errors:
        status = "done_with_errors"
    counts = {"examined": record.examined, "selected": record.selected, "screened": screened,
              "changed": changed, "errors": errors,
              "unaffected": record.examined - record.selected}  # fmt: skip
    return {
        "id": record.id,
        "status": status,
        "trigger": record.trigger,
        "mode": record.mode,
        "created_at": record.created_at.isoformat(),
        "finished_at": finished.isoformat() if finished else None,
        "job_id": record.job_id,
        "owner": record.owner,
        "versions": {"before": record.before.get("versions", {}), "after": record.after},
        "counts": counts,
        "outcomes": dict(sorted(moves.items())),
        "rules": record.delta.get("rules") or [],
        "entries": sorted(
            touched.values(), key=lambda e: (-e["decisions"], e["list"], e["reference"])
        ),  # fmt: skip
        "summary": sentence(changed, now, touched.values(), status),
        "items": changed_items,
    }


def sentence(changed: int, now: Counter[str], touched: Iterable[dict[str, Any]],
             status: str) -> str:  # fmt: skip
    """One line for a person: how many decisions changed, how, and through which entries."""
    word = "decision" if changed == 1 else "decisions"
    parts = [f"{n} now {o}" for o, n in sorted(now.items(), key=lambda kv: (-kv[1], kv[0]))]
    named = [e for e in touched if e["decisions"]]
    named.sort(key=lambda e: (-e["decisions"], e["reference"]))
    for e in named[:SHOWN]:
        parts.append(f"{e['decisions']} {VERB[e['change']]} {e['list']} {e['reference']} "
                     f"{AFTER[e['change']]}")  # fmt: skip
    if len(named) > SHOWN:
        parts.append(f"… {len(named) - SHOWN} more entries")
    text = f"{changed} {word} changed" + (": " + ", ".join(parts) if parts else "")
    return text if status in ("done", "done_with_errors") else f"{text} so far ({status})"
