"""A pytest plugin, installed with the package: the YAML tests beside rules are pytest items.

Any ``*.tests.yaml`` file inside a rule tree (a folder with ``regimes.yaml`` in it or above it)
is collected; each rule test becomes one pytest test named after it, so ``pytest`` and
``sanctions rules test`` run the same tests, and a failure prints the file, the test and the
reason. A user's own rule repository gets this by installing the package (entry point
``pytest11``); ``-p no:sanctions_rules`` turns it off.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

TESTS_SUFFIX = ".tests.yaml"


@cache
def _tree(root: Path) -> tuple[Any, Any]:
    from service.ruletree import load_tree
    from service.screening import Screener

    tree = load_tree(root, with_tests=True)  # RuleSetError: the collection error names all
    return tree, Screener.from_tree(tree)


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if not file_path.name.endswith(TESTS_SUFFIX):
        return None
    from service.ruletree import tree_root

    root = tree_root([file_path])
    if root is None:
        return None
    return RuleTestFile.from_parent(parent, path=file_path, root=root.resolve())


class RuleTestFile(pytest.File):
    def __init__(self, *, root: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.root = root

    def collect(self) -> Any:
        tree, _ = _tree(self.root)
        for test in tree.ruleset.tests:
            if Path(test.location.file).resolve() == self.path.resolve():
                yield RuleTestItem.from_parent(self, name=test.name, test=test)


class RuleTestItem(pytest.Item):
    def __init__(self, *, test: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.test = test

    def runtest(self) -> None:
        from service.authoring.ruletests import run_test

        assert isinstance(self.parent, RuleTestFile)
        _, screener = _tree(self.parent.root)
        result = run_test(screener, self.test)
        if not result.passed:
            raise RuleTestFailure(result)

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, RuleTestFailure):
            result = excinfo.value.result
            return "\n".join(f"{self.test.location}: {f}" for f in result.failures)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.test.location.line - 1, f"rule test: {self.name}"


class RuleTestFailure(Exception):
    def __init__(self, result: Any) -> None:
        self.result = result
