"""The report of ``sanctions rules diff`` as text, Markdown, JSON, JUnit XML or GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree as ET

from service.authoring.rulediff import Change, DiffReport, RuleChange

FORMATS = ("text", "markdown", "json", "junit", "github")


def render(report: DiffReport, fmt: str) -> str:
    """The report in one of :data:`FORMATS`."""
    writers: dict[str, Callable[[DiffReport], str]] = {
        "text": _text, "markdown": _markdown, "json": _json, "junit": junit, "github": _github,
    }  # fmt: skip
    return writers[fmt](report)


def summary(report: DiffReport) -> str:
    flips, undeclared = len(report.flips), len(report.undeclared)
    cites = len(report.changes) - flips
    return (
        f"{report.replayed} transactions replayed, {len(report.changed_rules)} rules changed: "
        f"{flips} outcomes flipped ({undeclared} not declared by a rule test), "
        f"{cites} citations changed, {len(report.errors)} unreadable"
    )


def _cite(r: RuleChange) -> str:
    if not r.citations:
        return "no citation"
    return "; ".join(c.label for c in r.citations)


def _what(c: Change) -> str:
    if c.flipped:
        return f"{c.base} -> {c.head}"
    return f"{c.head} (citations changed)"


def _rule_line(r: RuleChange) -> str:
    return f"{r.rule}: {r.base or 'no finding'} -> {r.head or 'no finding'} [{_cite(r)}]"


def _status(c: Change) -> str:
    if not c.flipped:
        return "citation"
    return "declared" if c.declared else "UNDECLARED"


def _text(report: DiffReport) -> str:
    out = []
    for c in report.changes:
        out.append(f"{_status(c):<10} {c.item.source}:{c.item.key}: {_what(c)}")
        out += [f"           {_rule_line(r)}" for r in c.rules]
    out += [f"unreadable {i.source}:{i.key}: {why}" for i, why in report.errors]
    out.append(summary(report))
    return "\n".join(out)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(report: DiffReport) -> str:
    head = "### Rule changes: effect on decisions\n\n" + summary(report) + "\n"
    if not report.changes:
        return head + "\nNo decision changed.\n"
    rows = ["| | transaction | decision | rules responsible |", "|---|---|---|---|"]
    for c in report.changes:
        mark = {"UNDECLARED": ":x:", "declared": ":white_check_mark:", "citation": ":memo:"}[
            _status(c)
        ]
        rules = "<br>".join(_md(_rule_line(r)) for r in c.rules) or "—"
        rows.append(f"| {mark} | `{_md(c.item.key)}` ({c.item.source}) | {_what(c)} | {rules} |")
    legend = (
        "\n:x: flip not declared by a rule test · :white_check_mark: flip shown by a passing rule"
        " test of the changed rule · :memo: same outcome, other citations\n"
    )
    return head + "\n" + "\n".join(rows) + "\n" + legend


def _change_dict(c: Change) -> dict[str, Any]:
    return {
        "source": c.item.source,
        "key": c.item.key,
        "base": c.base,
        "head": c.head,
        "flipped": c.flipped,
        "declared": c.declared,
        "rules": [
            {"rule": r.rule, "base": r.base, "head": r.head, "location": r.location,
             "citations": [x.to_dict() for x in r.citations]}
            for r in c.rules
        ],
    }  # fmt: skip


def _json(report: DiffReport) -> str:
    return json.dumps(
        {
            "replayed": report.replayed,
            "changed_rules": list(report.changed_rules),
            "flipped": len(report.flips),
            "undeclared": len(report.undeclared),
            "changes": [_change_dict(c) for c in report.changes],
            "errors": [{"source": i.source, "key": i.key, "error": e} for i, e in report.errors],
        },
        indent=2,
    )


def junit(report: DiffReport) -> str:
    """One test case per changed decision; an undeclared flip is a failure."""
    suite = ET.Element(
        "testsuite", name="sanctions rules diff", tests=str(len(report.changes)),
        failures=str(len(report.undeclared)), errors="0", time=f"{report.seconds:.3f}",
    )  # fmt: skip
    for c in report.changes:
        case = ET.SubElement(suite, "testcase", classname=c.item.source, name=c.item.key)
        text = "\n".join(_rule_line(r) for r in c.rules)
        if c.flipped and not c.declared:
            ET.SubElement(case, "failure", message=f"undeclared flip {_what(c)}").text = text
        else:
            ET.SubElement(case, "system-out").text = f"{_what(c)}\n{text}"
    root = ET.Element(
        "testsuites", tests=suite.get("tests", "0"), failures=suite.get("failures", "0")
    )
    root.append(suite)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def _github(report: DiffReport) -> str:
    out = []
    for c in report.changes:
        level = "error" if c.flipped and not c.declared else "notice"
        for r in c.rules or ():
            file, line = _file_line(r.location)
            where = f"file={file},line={line}," if file else ""
            msg = f"{c.item.source} {c.item.key}: {_what(c)}; {_rule_line(r)}"
            out.append(f"::{level} {where}title=rules diff::{_escape(msg)}")
    out.append(summary(report))
    return "\n".join(out)


def _file_line(location: str | None) -> tuple[str | None, int]:
    if not location:
        return None, 1
    parts = location.rsplit(":", 2)
    return (parts[0], int(parts[1])) if len(parts) == 3 and parts[1].isdigit() else (None, 1)


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
