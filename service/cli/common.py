"""What several commands share: the settings and the rule tree, each failure one readable line."""

from __future__ import annotations

import click

from service.ruletree import RuleTree, check_pin, load_tree
from service.settings import Settings, SettingsError
from service.yamlsource import ProblemsError


def settings() -> Settings:
    """The SANCTIONS_* settings, or a click error naming the bad variable."""
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc


def load_rule_tree(settings: Settings) -> RuleTree:
    """The settings' rule tree, loaded strictly; a broken one, or one that is not the pinned
    SANCTIONS_RULES_VERSION, is a click error (exit 3)."""
    try:
        tree = load_tree(settings.rules)
        check_pin(tree, settings.rules_version)
        return tree
    except (ProblemsError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
