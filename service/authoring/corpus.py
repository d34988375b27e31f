"""Corpora of transactions that ``sanctions rules diff`` replays through two rule sets.

A source yields :class:`CorpusItem` s: a stable key, the transaction as the API takes it, and the
designations a rule test asserts. Three sources are built in: the rule tests beside the rules,
the ``examples/`` folder and a file of transactions (``--corpus``). A deployment's stored
decisions (job results and case decisions) plug in through :func:`deployment_sources`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from service.authoring.ruletests import test_transaction
from service.engine.model import RuleTest
from service.ruletree import RuleTree


class CorpusError(Exception):
    """A corpus file that cannot be read (not JSON, not transactions)."""


@dataclass(frozen=True)
class CorpusItem:
    """One transaction to replay: where it comes from, and what a rule test expects of it."""

    source: str  # "test", "example", "corpus", or a deployment's source name
    key: str  # stable within its source: "un/liberia/arms.tests.yaml::rifles 2005", "x.jsonl:17"
    transaction: Any  # as POST /v1/screenings takes it (validated when replayed)
    designated: dict[int, tuple[str, ...]] = field(default_factory=dict)
    test: RuleTest | None = None  # the rule test (of the head tree, when it has it)
    head_test: bool = False  # the test exists in the head tree (its expectations can declare flips)


class CorpusSource(Protocol):
    """Anything that yields transactions to replay."""

    @property
    def name(self) -> str: ...

    def items(self) -> Iterable[CorpusItem]: ...


@dataclass(frozen=True)
class RuleTests:
    """The rule tests of the head tree, and those of the base tree the head no longer has."""

    base: RuleTree
    head: RuleTree
    name: str = "test"

    def items(self) -> Iterator[CorpusItem]:
        seen = set()
        for tree, is_head in ((self.head, True), (self.base, False)):
            root = tree.root.resolve()
            files: dict[str, str] = {}  # file -> its path in the tree, resolved once per file
            for test in tree.ruleset.tests:
                file = test.location.file
                if file not in files:
                    files[file] = _relative(file, root)
                key = f"{files[file]}::{test.name}"
                if key in seen:
                    continue
                seen.add(key)
                raw = test_transaction(test)
                tx: Any = raw if raw is not None else test.transaction
                yield CorpusItem(self.name, key, tx, test.designated, test, is_head)


@dataclass(frozen=True)
class Examples:
    """Every ``*.json`` transaction of a folder (the repository's ``examples/``)."""

    folder: Path
    name: str = "example"

    def items(self) -> Iterator[CorpusItem]:
        for path in sorted(self.folder.glob("*.json")):
            for i, tx in enumerate(_transactions(path)):
                yield CorpusItem(self.name, path.name if i == 0 else f"{path.name}:{i + 1}", tx)


@dataclass(frozen=True)
class TransactionFile:
    """A file of transactions: a JSON array, one JSON object, or JSON Lines."""

    path: Path
    name: str = "corpus"

    def items(self) -> Iterator[CorpusItem]:
        for i, tx in enumerate(_transactions(self.path)):
            yield CorpusItem(self.name, f"{self.path.name}:{i + 1}", tx)


def deployment_sources() -> list[CorpusSource]:
    """The hook for a deployment's stored decisions: none yet.

    When the store keeps job results and case decisions, a source over them (key: the job item
    or case id, transaction: the stored request) is returned here, so that ``sanctions rules
    diff`` run against a deployment replays what it has actually decided.
    """
    return []


def _transactions(path: Path) -> list[Any]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read: {exc}") from exc
    stripped = text.lstrip()
    try:
        if stripped.startswith("["):
            data = json.loads(text)
            return list(data)
        if stripped.startswith("{") and "\n{" not in text.strip():
            return [json.loads(text)]
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{path}:{exc.lineno}: not JSON or JSON Lines: {exc.msg}") from exc


def _relative(file: str, root: Path) -> str:
    try:
        return Path(file).resolve().relative_to(root).as_posix()
    except ValueError:
        return file
