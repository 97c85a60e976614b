"""The start-of-build check, on Pelican's `initialized` signal (once per Pelican instance)."""

from __future__ import annotations

import logging

from pelican.settings import DEFAULT_CONFIG

from .settings import SettingsError, check, requirements_problems

logger = logging.getLogger(__name__)


def enabled_plugins(settings: dict) -> list[str]:
    """PLUGINS as names: a plugin may be given as a name (`"ingest"`) or as a module."""
    return [p if isinstance(p, str) else getattr(p, "__name__", str(p)) for p in settings.get("PLUGINS") or []]


def check_at_start(pelican) -> None:
    """Warnings for keys that look like misspelt settings; a SettingsError (the build stops with
    every problem listed) for mistyped values and plugins enabled without what they need."""
    settings = pelican.settings
    errors, warnings = check(settings, known=DEFAULT_CONFIG)
    for warning in warnings:
        logger.warning("settings: %s", warning)
    errors += requirements_problems(enabled_plugins(settings))
    if errors:
        raise SettingsError(errors)
