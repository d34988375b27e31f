"""rules/README.md lists every problem code exactly as the registry defines it."""

from __future__ import annotations

import re
from pathlib import Path

from service.authoring.codes import codes_table

README = Path(__file__).resolve().parents[2] / "rules" / "README.md"


def test_the_readme_table_is_the_registry() -> None:
    found = re.search(
        r"<!-- codes:start[^>]*-->\n(.*?)<!-- codes:end -->", README.read_text(), re.S
    )
    assert found, "rules/README.md lost its codes markers"
    assert found.group(1) == codes_table(), "run `sanctions rules codes` and paste the table"


def test_every_code_is_documented_once() -> None:
    rows = [line.split("|")[1].strip() for line in codes_table().splitlines()[2:]]
    assert len(rows) == len(set(rows)) and {"R202", "Y100", "C501", "G405"} <= set(rows)


def test_every_registered_predicate_is_documented() -> None:
    from service.engine.predicates import PREDICATES

    text = README.read_text()
    missing = [name for name in PREDICATES if f"| `{name}" not in text]
    assert not missing, f"rules/README.md's condition table lacks {missing}"
