"""Build the screener a process uses: rules, taxonomy and the sanctions list, failing closed."""

from __future__ import annotations

from pathlib import Path

from service.parties.matcher import DEFAULT_REVIEW_THRESHOLD, DEFAULT_THRESHOLD, Matcher
from service.parties.model import ConsolidatedList
from service.parties.parser import load_default_list, parse_list
from service.partyscreen import ListScreen
from service.screening import DEFAULT_RULES, Screener

CACHE_SIZE = 20_000  # remembered party queries and goods lines per process (both repeat)


def party_screen(
    list_data: bytes | Path | ConsolidatedList | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    review_threshold: float = DEFAULT_REVIEW_THRESHOLD,
    max_age_days: int | None = None,
    cache_size: int = CACHE_SIZE,
) -> ListScreen:
    """Screen parties against the given list, or the bundled UN snapshot when none is given."""
    if isinstance(list_data, ConsolidatedList):
        lst = list_data
    else:
        lst = parse_list(list_data) if list_data is not None else load_default_list()
    matcher = Matcher(lst, threshold=threshold, review_threshold=review_threshold)
    return ListScreen(matcher, max_age_days=max_age_days, cache_size=cache_size)


def build_screener(
    rules_dir: Path = DEFAULT_RULES,
    list_data: bytes | Path | ConsolidatedList | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    review_threshold: float = DEFAULT_REVIEW_THRESHOLD,
    max_age_days: int | None = None,
) -> Screener:
    """Load everything strictly: a broken rule set or list raises rather than half-loading."""
    parties = party_screen(
        list_data, threshold=threshold, review_threshold=review_threshold, max_age_days=max_age_days
    )
    return Screener.from_paths(rules_dir, parties, list_required=True, cache_size=CACHE_SIZE)
