"""The on-disk cache of parsed taxonomies (service/cache.py): a hit gives the same taxonomy and
its warnings, a changed file or broken file is never served from it, and a cache that cannot be
used is only a slower load."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from service import cache
from service.goods import taxonomy as taxonomy_module
from service.goods.taxonomy import TaxonomyError, load_taxonomy
from service.yamlsource import Collector

GOODS = Path(__file__).resolve().parents[2] / "rules" / "goods"


@pytest.fixture
def goods(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled goods folder and an empty cache folder of its own."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    folder = tmp_path / "goods"
    shutil.copytree(GOODS, folder)
    return folder


def _load(folder: Path, problems: Collector | None = None):
    return load_taxonomy(folder / "taxonomy.yaml", folder / "hs2022.csv", problems)


def _no_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("the taxonomy was parsed again")

    monkeypatch.setattr(taxonomy_module, "_build_taxonomy", refuse)


def test_a_second_load_is_read_from_the_cache_with_its_warnings(
    goods: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_problems = Collector()
    first = _load(goods, first_problems)
    assert first_problems.problems, "the bundled taxonomy has lint warnings to carry"
    _no_build(monkeypatch)
    again = Collector()
    second = _load(goods, again)
    assert second.version == first.version and second.terms == first.terms
    assert second.hs_glossary == first.hs_glossary
    assert again.problems == first_problems.problems


def test_a_changed_file_is_parsed_again(goods: Path) -> None:
    first = _load(goods)
    glossary = goods / "hs_glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    second = _load(goods)
    assert second.version != first.version


def test_a_broken_taxonomy_is_never_stored_and_always_reported(goods: Path) -> None:
    path = goods / "taxonomy.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("categories:", "categoriez:", 1))
    for _ in range(2):
        with pytest.raises(TaxonomyError) as err:
            _load(goods)
        assert "G401" in str(err.value)
    assert not list((goods.parent / "cache").glob("taxonomy-*.pickle"))


def test_a_corrupt_cache_file_is_ignored(goods: Path) -> None:
    first = _load(goods)
    [stored] = (goods.parent / "cache").glob("taxonomy-*.pickle")
    stored.write_bytes(b"not a pickle")
    assert _load(goods).version == first.version


def test_the_cache_can_be_turned_off(goods: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    _load(goods)
    assert not (goods.parent / "cache").exists()


def test_a_cache_folder_that_cannot_be_written_is_only_slower(
    goods: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = goods.parent / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    assert _load(goods).version.startswith("sha256:")


def test_only_the_newest_values_of_a_kind_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    for n in range(cache.KEEP + 3):
        cache.store("demo", f"{n:064x}", n)
        stamp = 1_000_000 + n  # distinct modification times, oldest first
        os.utime(tmp_path / f"demo-{n:064x}.pickle", (stamp, stamp))
    assert len(list(tmp_path.glob("demo-*.pickle"))) == cache.KEEP
    assert cache.load("demo", f"{cache.KEEP + 2:064x}") == cache.KEEP + 2
    assert cache.load("demo", f"{0:064x}") is None
