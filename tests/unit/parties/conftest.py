"""Shared fixtures for the parties tests: the real UN lists, parsed and indexed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.parties.matcher import Matcher
from service.parties.model import ConsolidatedList
from service.parties.parser import load_default_list, parse_list

UN_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "un"


@pytest.fixture(scope="session")
def un_data() -> Path:
    """Folder of the shared UN exports (/work/main/../shared/data/un)."""
    return UN_DATA


@pytest.fixture(scope="session")
def un_new() -> ConsolidatedList:
    """The 2026-05-08 export, read from the copy shipped inside the package."""
    return load_default_list()


@pytest.fixture(scope="session")
def un_old() -> ConsolidatedList:
    """The 2026-02-27 export, read from the shared data folder."""
    path = UN_DATA / "consolidated-2026-02-27.xml"
    if not path.exists():
        pytest.skip(f"{path} not available")
    return parse_list(path)


@pytest.fixture(scope="session")
def matcher(un_new: ConsolidatedList) -> Matcher:
    return Matcher(un_new)
