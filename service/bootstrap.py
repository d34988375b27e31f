"""Build the screener a process uses from its settings: rules, taxonomy and the sanctions list.

Everything loads strictly: a broken rule set or list raises rather than half-loading.
"""

from __future__ import annotations

from pathlib import Path

from service.engine.errors import Collector
from service.engine.loader import REGIMES_FILE, load_regimes
from service.parties.lists import load_bundled_un, read_un
from service.parties.matcher import Matcher
from service.parties.model import ListSnapshot
from service.partyscreen import ListScreen
from service.screening import Screener
from service.settings import Settings

CACHE_SIZE = 20_000  # remembered party queries and goods lines per process (both repeat)


def party_screen(
    list_data: bytes | Path | ListSnapshot | None = None, settings: Settings | None = None
) -> ListScreen:
    """Screen parties against the given list, or the bundled UN snapshot when none is given."""
    settings = settings or Settings()
    if isinstance(list_data, ListSnapshot):
        lst = list_data
    else:
        lst = read_un(list_data) if list_data is not None else load_bundled_un()
    lst = lst.with_regimes(un_regimes(settings.rules))
    matcher = Matcher(
        lst, threshold=settings.match_threshold, review_threshold=settings.review_threshold
    )
    return ListScreen(matcher, max_age_days=settings.list_max_age_days, cache_size=CACHE_SIZE)


def un_regimes(rules: Path) -> dict[str, str]:
    """UN_LIST_TYPE -> regime code, from the ``list_types`` of the rule tree's regimes.yaml."""
    regimes = load_regimes(rules / REGIMES_FILE, Collector())
    return {t: code for code, regime in regimes.items() for t in regime.list_types}


def build_screener(
    settings: Settings | None = None, list_data: bytes | Path | ListSnapshot | None = None
) -> Screener:
    """The screener for ``settings.rules`` and the given list (default: the bundled one)."""
    settings = settings or Settings()
    parties = party_screen(list_data, settings)
    return Screener.from_paths(settings.rules, parties, list_required=True, cache_size=CACHE_SIZE)
