"""The feeds plugin's settings (checked at start by contract/settings.py)."""

from __future__ import annotations

from dataclasses import dataclass

from contract.settings import PluginSettings, setting


@dataclass(frozen=True)
class FeedSettings(PluginSettings):
    # Pelican's own setting (its default, 100, is always in Pelican's settings): read here, not
    # Pelican's feeds, which are off
    feed_max_items: int | None = setting(
        100, "newest items per feed (Pelican's own setting and default; pelicanconf.py: `50`); `None`: all"
    )
    feed_siteurl: str = setting("http://localhost:8000", "absolute base of feed links when `SITEURL` is not one")
