"""``sanctions rules init DIR``: a rule repository of one's own, ready for lint, test and CI.

The scaffold has one regime, one rule with a test that triggers it and one in which it must not
fire, the goods taxonomy and HS nomenclature of the bundled rules (so every category works), the
JSON Schema for editors, and a GitHub Actions workflow running lint and test with JUnit output.
"""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

from service.engine.schema import rule_file_schema
from service.ruletree import default_rules

TEMPLATES = "scaffold"  # package data under service/authoring/scaffold/


class ScaffoldError(Exception):
    """The target cannot take a scaffold (it exists and is not empty)."""


def init_rules(target: Path) -> list[Path]:
    """Write a new rule repository into ``target`` (created; must be empty); the files written."""
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(f"{target} exists and is not empty; choose a new folder")
    written: list[Path] = []
    templates = resources.files("service.authoring").joinpath(TEMPLATES)
    for name in ("README.md", "regimes.yaml", "un/example/rules.yaml",
                 "un/example/rules.tests.yaml", "un/example/measures.yaml",
                 ".github/workflows/rules.yml"):  # fmt: skip
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        template = name.lstrip(".").replace("/", "__")
        path.write_text(templates.joinpath(template).read_text("utf-8"), "utf-8")
        written.append(path)
    goods = target / "goods"
    goods.mkdir(parents=True, exist_ok=True)
    for name in ("taxonomy.yaml", "hs2022.csv", "PROVENANCE.md"):
        shutil.copyfile(default_rules() / "goods" / name, goods / name)
        written.append(goods / name)
    schema = target / "schema" / "rule-file.schema.json"
    schema.parent.mkdir(parents=True, exist_ok=True)
    schema.write_text(json.dumps(rule_file_schema(), indent=2) + "\n", "utf-8")
    written.append(schema)
    return written
