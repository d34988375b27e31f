"""What several commands share: the settings (a bad SANCTIONS_* value is one readable line)."""

from __future__ import annotations

import click

from service.settings import Settings, SettingsError


def settings() -> Settings:
    """The SANCTIONS_* settings, or a click error naming the bad variable."""
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc
