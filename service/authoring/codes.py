"""The table of every problem code, as rules/README.md shows it (a test keeps the two equal)."""

from __future__ import annotations

# Importing these registers their codes (each code is defined once, beside what reports it).
from service import ruletree
from service.authoring import checks
from service.engine import codes
from service.goods import taxonomy
from service.yamlsource import CODES

_REGISTERING = (checks, codes, ruletree, taxonomy)  # keep the imports: they register codes


def codes_table() -> str:
    """A Markdown table of every code with its meaning (warnings marked)."""
    rows = ["| code | meaning |", "|---|---|"]
    for name in sorted(CODES, key=lambda c: ("YRTCWMLG".find(c[0]), c)):
        kind = CODES[name]
        note = "warning: " if kind.severity == "warning" else ""
        rows.append(f"| {name} | {note}{kind.summary} |")
    return "\n".join(rows) + "\n"
