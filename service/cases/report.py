"""The printable case report (HTML): decision, findings with links to the resolution texts,
matched entries with their explanations, goods evidence and the full history.

The templates live in this package so the API's report and the officers' pages share them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

LOADER = PackageLoader("service.cases", "templates")
_ENV = Environment(loader=LOADER, autoescape=select_autoescape(default=True), trim_blocks=True,
                   lstrip_blocks=True)  # fmt: skip


def render_report(case: dict[str, Any], audit: list[dict[str, Any]]) -> str:
    """The report of a case (as ``Casework.view`` gives it) and its audit entries."""
    printed = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")
    return _ENV.get_template("cases/report.html").render(
        case=case, tx=case.get("transaction") or {}, audit=audit, printed=printed
    )
