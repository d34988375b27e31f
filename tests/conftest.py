"""Shared fixtures: a small rule tree written inline, so each test shows its whole setup."""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from service.screening import Screener, build_screener
from service.settings import Settings

REPO = Path(__file__).resolve().parent.parent
# parsed taxonomies are cached on disk (service/cache.py): the suite's own folder, not ~/.cache
os.environ.setdefault(
    "SANCTIONS_CACHE_DIR", str(Path(tempfile.gettempdir()) / "sanctions-tests-cache")
)


@pytest.fixture(scope="session")
def screener() -> Screener:
    """The bundled rules and list, compiled once per test process (api/ and hostile/ share it)."""
    return build_screener(Settings.from_env())


REGIMES = """\
regimes:
  - {code: DPRK, name: DPRK, committee: "1718 Committee", targets: [KP], list_types: [DPRK]}
  - {code: LIBYA, name: Libya, committee: "1970 Committee", targets: [LY]}
"""

TAXONOMY = """\
version: 1
categories:
  - {id: arms, title: Arms, hs: ["93"], terms: {en: [weapon, arms], fr: [arme]}, exclude: {en: [toy gun, water pistol]}}
  - {id: arms.small_arms, title: Small arms, hs: ["9302"], terms: {en: [rifle, pistol, "ak-47"], ru: ["винтовк*"], zh: [步枪]}}
  - {id: arms.ammunition, title: Ammunition, hs: ["9306"], terms: {en: [ammunition, cartridge]}}
  - {id: arms.ammunition.artillery, title: Artillery ammunition, terms: {en: [artillery shell, <calibre> shell], fr: [obus de <calibre>, obus]}}
  - {id: arms.ammunition.small_arms, title: Small-arms ammunition}
  - {id: petroleum, title: Petroleum}
  - {id: petroleum.refined, title: Refined petroleum, hs: ["2710"], terms: {en: [diesel, gasoline], ko: [경유]}}
  - {id: food, title: Food, hs: ["10"], terms: {en: [rice, wheat]}}
  - {id: toys, title: Toys, hs: ["9503"]}
"""

HS = """\
section,hscode,description,parent,level
IV,10,Cereals,TOTAL,2
IV,1006,Rice,10,4
V,27,Mineral fuels,TOTAL,2
V,2710,Petroleum oils,27,4
V,271019,Other,2710,6
XIX,93,Arms and ammunition,TOTAL,2
XIX,9302,Revolvers and pistols,93,4
XIX,930200,Revolvers and pistols,9302,6
XIX,9306,Ammunition,93,4
XIX,930690,Other,9306,6
XX,95,Toys,TOTAL,2
XX,9503,Toys,95,4
XX,950300,Toys,9503,6
"""


@pytest.fixture
def rule_tree(tmp_path: Path) -> Callable[..., Path]:
    """Write a rule tree: regimes, a tiny taxonomy and HS list, and the given rule files."""

    def make(files: dict[str, str], taxonomy: str = TAXONOMY) -> Path:
        root = tmp_path / "rules"
        (root / "goods").mkdir(parents=True, exist_ok=True)
        (root / "regimes.yaml").write_text(REGIMES)
        (root / "goods" / "taxonomy.yaml").write_text(taxonomy)
        (root / "goods" / "hs2022.csv").write_text(HS)
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text))
        return root

    return make
