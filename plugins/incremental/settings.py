"""The incremental plugin's settings (checked at start by contract/settings.py)."""

from __future__ import annotations

from dataclasses import dataclass

from contract.settings import PluginSettings, setting


@dataclass(frozen=True)
class IncrementalSettings(PluginSettings):
    build_lock_timeout: float = setting(
        600, "seconds a build waits for another build into the same output folder before giving up", pages=False
    )
