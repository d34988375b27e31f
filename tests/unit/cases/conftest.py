"""A Casework on a real SQLite file, screening with the bundled rules and UN list (loaded once)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from service.cases import Casework
from service.ruletree import RuleTree, load_tree
from service.screening import LiveScreener, Screener, build_screener
from service.settings import Settings
from service.store import Store

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(scope="session")
def tree() -> RuleTree:
    return load_tree()


@pytest.fixture(scope="session")
def screener(tree: RuleTree) -> Screener:
    return build_screener(Settings(), tree)


@pytest.fixture
def work(tmp_path: Path, tree: RuleTree, screener: Screener) -> Casework:
    settings = dataclasses.replace(Settings(), home=tmp_path)
    store = Store(f"sqlite:///{tmp_path / 'cases.db'}")
    store.upgrade()
    yield Casework(store, settings, LiveScreener(settings, store, tree, screener), tree)
    store.dispose()


@pytest.fixture
def seed() -> dict:
    return json.loads((FIXTURES / "seed.json").read_text())
