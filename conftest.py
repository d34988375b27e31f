"""Collect the YAML tests beside the rules (rules/**/*.tests.yaml) as pytest items.

Each rule test becomes one pytest test named after the test, so `pytest` and
`sanctions rules test` run the same tests; a failure prints the file, the test and the reason.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

RULES = Path(__file__).resolve().parent / "rules"


@cache
def _rulebook() -> Any:
    from service.engine.errors import RuleSetError
    from service.rulebook import lint
    from service.screening import Screener

    ruleset, taxonomy, problems = lint([RULES])
    if problems.has_errors or ruleset is None or taxonomy is None:
        raise RuleSetError(problems.problems)
    return ruleset, Screener(ruleset, taxonomy)


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.name.endswith(".tests.yaml") and RULES in file_path.parents:
        return RuleTestFile.from_parent(parent, path=file_path)
    return None


class RuleTestFile(pytest.File):
    def collect(self) -> Any:
        ruleset, _ = _rulebook()
        for test in ruleset.tests:
            if Path(test.location.file).resolve() == self.path.resolve():
                yield RuleTestItem.from_parent(self, name=test.name, test=test)


class RuleTestItem(pytest.Item):
    def __init__(self, *, test: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.test = test

    def runtest(self) -> None:
        from service.ruletests import run_test

        _, screener = _rulebook()
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
