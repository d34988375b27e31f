"""Build the screener a process uses: rules, taxonomy and the sanctions list, failing closed."""

from __future__ import annotations

from pathlib import Path

from service.screening import DEFAULT_RULES, PartyScreen, Screener


def build_screener(rules_dir: Path = DEFAULT_RULES, parties: PartyScreen | None = None) -> Screener:
    """Load everything strictly; a broken rule set raises RuleSetError rather than half-loading."""
    return Screener.from_paths(rules_dir, parties, list_required=True)
