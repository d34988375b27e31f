"""The published JSON Schema is what the loader accepts: generated from its tables, and every
bundled rule file validates against it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from service.engine.schema import rule_file_schema
from service.yamlsource import Collector, load_file

REPO = Path(__file__).resolve().parents[2]
PUBLISHED = REPO / "rules" / "schema" / "rule-file.schema.json"


def test_published_schema_is_generated_from_the_loader() -> None:
    assert json.loads(PUBLISHED.read_text()) == rule_file_schema(), (
        "rules/schema/rule-file.schema.json is stale: run `sanctions rules schema > rules/schema/rule-file.schema.json`"
    )


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


RULE_FILES = sorted(p for p in (REPO / "rules" / "un").rglob("*.yaml") if p.name != "measures.yaml")


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_rule_files_validate_against_the_schema(path: Path) -> None:
    node = load_file(path, Collector())
    assert node is not None
    validator = jsonschema.Draft202012Validator(rule_file_schema())
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_plain(node.plain()))
    ]
    assert errors == []


def test_schema_rejects_what_the_loader_rejects() -> None:
    validator = jsonschema.Draft202012Validator(rule_file_schema())
    assert not validator.is_valid({"rules": [{"id": "x.y", "titel": "typo"}]})
    assert not validator.is_valid(
        {"tests": [{"name": "t", "transaction": {}, "expect": {"outcom": "clear"}}]}
    )
