"""Result lines as the API and the CLI write them: JSON Lines, or a flat CSV row per item."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

CSV_COLUMNS = ("index", "reference", "outcome", "rules", "regimes", "error")


def jsonl(lines: Iterable[dict[str, Any]]) -> Iterator[str]:
    for line in lines:
        yield json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"


def _row(line: dict[str, Any]) -> list[Any]:
    decision = line.get("decision") or {}
    findings = decision.get("findings") or []
    error = line.get("error")
    detail = ""
    if error:
        parts = [error.get("detail") or error.get("title") or ""]
        parts += [f"{path}: {message}" for path, message in (error.get("errors") or {}).items()]
        detail = "; ".join(p for p in parts if p)
    return [
        line.get("index"),
        line.get("reference") or "",
        "error" if error else decision.get("outcome", ""),
        ";".join(sorted({str(f.get("rule")) for f in findings if f.get("rule")})),
        ";".join(sorted({str(f.get("regime")) for f in findings if f.get("regime")})),
        detail,
    ]


def csv_rows(lines: Iterable[dict[str, Any]], header: bool = True) -> Iterator[str]:
    """CSV text, a header row then one row per result (rules and regimes ``;``-separated)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow(_row(line))
        if buf.tell() > 64 * 1024:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
