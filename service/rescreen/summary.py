"""What a re-screen compares: a decision's findings and list matches, as keys.

A finding is its rule, outcome and explanation; a match is the party, the list, the entry, the
name it met (case and punctuation aside) and its band (``match`` or ``review``). A delisting makes a match disappear, a dropped
alias changes the name met (one match disappears, maybe another appears); scores, notes (the
list's age) and versions are not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

FINDING_KEYS = ("rule", "outcome", "explanation")
_WORD = re.compile(r"\w+")
MATCH_KEYS = ("party", "list", "reference", "matched_name", "band")


def summary(decision: Mapping[str, Any]) -> dict[str, Any]:
    """The comparable part of a decision (``Decision.to_dict()``), with the entry names shown."""
    findings = {
        (str(f.get("rule")), str(f.get("outcome")), str(f.get("explanation") or ""))
        for f in decision.get("findings") or ()
    }
    matches: dict[tuple[str, ...], str] = {}
    for party in decision.get("parties") or ():
        for m in party.get("matches") or ():
            band = m.get("band") or ("match" if m.get("match") else "review")
            key = (str(party.get("index")), str(m.get("list")), str(m.get("reference")),
                   _plain(str(m.get("matched_name") or m.get("name"))), str(band))  # fmt: skip
            matches[key] = str(m.get("name") or "")
    return {
        "findings": [dict(zip(FINDING_KEYS, f, strict=True)) for f in sorted(findings)],
        "matches": [
            {**dict(zip(MATCH_KEYS, k, strict=True)), "name": matches[k]} for k in sorted(matches)
        ],
    }


def _plain(name: str) -> str:
    """A name as compared: "Kim Yong-Chol" and "KIM YONG CHOL" are the same name met (the one
    shown of two equal-scoring spellings of an entry may differ between list versions)."""
    return " ".join(_WORD.findall(name.casefold()))


def _keys(items: Iterable[Mapping[str, Any]], names: tuple[str, ...]) -> dict[tuple[str, ...], Any]:
    return {tuple(str(i.get(n)) for n in names): i for i in items}


def compare(
    before: Mapping[str, Any], outcome_before: str, after: Mapping[str, Any], outcome_after: str,
    delta: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """What changed between two summaries: the findings and matches that appeared or
    disappeared, and why in words. ``delta`` says what the list change did to an entry
    ((list, reference) -> ``added``, ``removed`` or ``changed``), for the reason."""
    out: dict[str, Any] = {"changed": False, "appeared": {}, "disappeared": {}, "reason": ""}
    for part, names in (("findings", FINDING_KEYS), ("matches", MATCH_KEYS)):
        old, new = _keys(before.get(part) or (), names), _keys(after.get(part) or (), names)
        appeared = [new[k] for k in sorted(new.keys() - old.keys())]
        gone = [old[k] for k in sorted(old.keys() - new.keys())]
        if appeared:
            out["appeared"][part] = appeared
        if gone:
            out["disappeared"][part] = gone
    out["changed"] = bool(out["appeared"] or out["disappeared"] or outcome_before != outcome_after)
    if out["changed"]:
        out["reason"] = reason(out, outcome_before, outcome_after, delta or {})
    return out


def reason(change: Mapping[str, Any], before: str, after: str,
           delta: Mapping[tuple[str, str], str]) -> str:  # fmt: skip
    """One line: the outcome's move, then each match that came or went and why, then the
    rules that now apply or no longer do."""
    parts = [f"{before} -> {after}" if before != after else f"still {after}"]
    why = {"added": "newly listed", "removed": "delisted", "changed": "its entry was amended"}
    for verb, side in (("now matches", "appeared"), ("no longer matches", "disappeared")):
        for m in change[side].get("matches", ()):
            what = delta.get((m["list"], m["reference"]))
            note = f" ({why[what]})" if what else ""
            band = "" if m["band"] == "match" else " (possible match)"
            parts.append(f"party {_party(m['party'])} {verb} {m['list']} {m['reference']} "
                         f"{m['name']!r}{band}{note}")  # fmt: skip
    rules_now = sorted({f["rule"] for f in change["appeared"].get("findings", ())
                        if f["outcome"] != "clear"})  # fmt: skip
    rules_gone = sorted({f["rule"] for f in change["disappeared"].get("findings", ())
                         if f["outcome"] != "clear"} - set(rules_now))  # fmt: skip
    if rules_now:
        parts.append("now found: " + ", ".join(rules_now))
    if rules_gone:
        parts.append("no longer found: " + ", ".join(rules_gone))
    return "; ".join(parts)


def _party(index: str) -> str:
    return "route vessel" if index == "route.vessel" else str(int(index) + 1)
