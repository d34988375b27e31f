"""Replay a stored decision with exactly the versions that made it, and show any difference.

The rules come from their snapshot (keyed by the rule-set hash), the lists from their stored
bytes (keyed by version), the thresholds, the day and the dismissed false positives from the
decision's parameters. A replay that differs means the engine changed (or something was altered).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from service import __version__
from service.cases import snapshots
from service.cases.errors import ReplayUnavailable
from service.parties.model import ListSnapshot
from service.ruletree import RuleTree
from service.screening import Screener, party_screen
from service.screening.lists import BUNDLED, read_stored, read_version
from service.settings import DEFAULT_BLOCKING_LISTS, Settings
from service.store import DecisionRecord, Store

MAX_DIFFERENCES = 100


def differences(stored: Any, replayed: Any, path: str = "") -> list[dict[str, Any]]:
    """Where two JSON values differ, by path (``findings[0].outcome``), at most 100.

    >>> differences({"a": [1, 2], "b": 1}, {"a": [1, 3], "c": 1})
    [{'path': 'a[1]', 'stored': 2, 'replayed': 3}, {'path': 'b', 'stored': 1, 'replayed': None}, {'path': 'c', 'stored': None, 'replayed': 1}]
    """
    out: list[dict[str, Any]] = []
    _diff(stored, replayed, path, out)
    return out[:MAX_DIFFERENCES]


def _diff(a: Any, b: Any, path: str, out: list[dict[str, Any]]) -> None:
    if len(out) >= MAX_DIFFERENCES:
        return
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        for key in sorted(set(a) | set(b), key=str):
            sub = f"{path}.{key}" if path else str(key)
            _diff(a.get(key), b.get(key), sub, out)
    elif isinstance(a, list) and isinstance(b, list):
        for i in range(max(len(a), len(b))):
            _diff(a[i] if i < len(a) else None, b[i] if i < len(b) else None, f"{path}[{i}]", out)
    elif a != b:
        out.append({"path": path, "stored": a, "replayed": b})


def rule_tree(store: Store, version: str, current: RuleTree | None = None) -> RuleTree:
    """The rule tree of a version: the one in use when it is that version, else its snapshot."""
    if current is not None and current.version == version:
        return current
    return snapshots.restore(store, version)


def list_snapshots(
    store: Store, versions: str, tree: RuleTree, current: Mapping[str, ListSnapshot] | None = None
) -> list[ListSnapshot]:
    """The list snapshots named by a decision's ``versions.list`` (space-separated)."""
    if versions in ("", "none"):
        return []
    stored = {info.version: info for info in store.lists.versions()}
    out = []
    for version in versions.split():
        if current and version in current:
            out.append(current[version])
            continue
        info = stored.get(version)
        raw = store.lists.raw(info.id) if info is not None else None
        if info is not None and raw is not None:
            out.append(read_stored(raw, info, tree))
            continue
        bundled = [read_version(blob(), fmt, tree) for fmt, blob in BUNDLED.values()]
        found = next((s for s in bundled if s.version == version), None)
        if found is None:
            raise ReplayUnavailable(f"the list version {version} is not stored")
        out.append(found)
    return out


def replay(
    store: Store,
    settings: Settings,
    decision: DecisionRecord,
    transaction: dict[str, Any],
    *,
    tree: RuleTree | None = None,
    lists: Mapping[str, ListSnapshot] | None = None,
) -> dict[str, Any]:
    """Re-run a stored decision; ``tree``/``lists`` are the ones in use (reused when they are
    the very versions of the decision)."""
    params = decision.params
    rules = rule_tree(store, decision.rules_version, tree)
    found = list_snapshots(store, decision.list_version, rules, lists)
    local = dataclasses.replace(
        settings,
        match_threshold=params.get("match_threshold", settings.match_threshold),
        review_threshold=params.get("review_threshold", settings.review_threshold),
        list_max_age_days=params.get("list_max_age_days", settings.list_max_age_days),
        # decisions made before the setting existed were made with the UN lists blocking
        blocking_lists=tuple(params.get("blocking_lists", DEFAULT_BLOCKING_LISTS)),
    )
    parties = party_screen(found, local, rules) if found else None
    screener = Screener.from_tree(rules, parties, list_required=True)
    suppressions = {(s[0], s[1], s[2], s[3]): s[4] for s in params.get("suppressions", [])}
    day = dt.date.fromisoformat(params["today"]) if params.get("today") else None
    body = screener.screen(transaction, today=day, suppressions=suppressions).to_dict()
    diffs = differences(decision.body, body)
    notes = []
    if decision.engine_version != __version__:
        notes.append(f"the decision was made by engine {decision.engine_version}; this is "
                     f"{__version__}")  # fmt: skip
    return {
        "case_id": decision.case_id,
        "decision_id": decision.id,
        "decision_sha256": decision.sha256,
        "identical": not diffs,
        "differences": diffs,
        "versions": {
            "rules": decision.rules_version,
            "list": decision.list_version,
            "engine": decision.engine_version,
        },  # fmt: skip
        "replayed_with": dict(body.get("versions", {})),
        "notes": notes,
        "replayed": body,
    }
