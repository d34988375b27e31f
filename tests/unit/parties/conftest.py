"""Shared fixtures for the parties tests: the real UN lists, parsed and indexed once.

Everything comes from the repository: the 2026-05-08 export shipped in the package and the
2026-02-27 one under tests/fixtures/lists/ (see its PROVENANCE.md). Entries get their regime
from the ``list_types`` of rules/regimes.yaml, as in the service.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from service.parties.lists import load_bundled_un, read_un
from service.parties.matcher import Matcher
from service.parties.model import ListSnapshot

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "fixtures" / "lists"
UN_REGIMES = {
    t: r["code"]
    for r in yaml.safe_load((REPO / "rules" / "regimes.yaml").read_text("utf-8"))["regimes"]
    for t in r.get("list_types", [])
}


@pytest.fixture(scope="session")
def un_regimes() -> dict[str, str]:
    """UN_LIST_TYPE -> regime code, from rules/regimes.yaml."""
    return dict(UN_REGIMES)


@pytest.fixture(scope="session")
def list_fixtures() -> Path:
    """tests/fixtures/lists/: committed list exports with their PROVENANCE.md."""
    return FIXTURES


@pytest.fixture(scope="session")
def un_new() -> ListSnapshot:
    """The 2026-05-08 export, read from the copy shipped inside the package."""
    return load_bundled_un().with_regimes(UN_REGIMES)


@pytest.fixture(scope="session")
def un_old() -> ListSnapshot:
    """The 2026-02-27 export, committed under tests/fixtures/lists/."""
    return read_un(FIXTURES / "un-consolidated-2026-02-27.xml.gz").with_regimes(UN_REGIMES)


@pytest.fixture(scope="session")
def matcher(un_new: ListSnapshot) -> Matcher:
    return Matcher(un_new)
