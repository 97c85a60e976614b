"""The stories plugin's settings (checked at start by contract/settings.py): STORY_SETTINGS
overrides linking.py's numbers, each checked against the field it overrides."""

from __future__ import annotations

import difflib
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from contract.settings import PluginSettings, describe, setting, type_problem

from .linking import Settings as LinkSettings


@dataclass(frozen=True)
class StorySettings(PluginSettings):
    PREFIXES: ClassVar[tuple[str, ...]] = ("STORY_",)

    story_settings: dict[str, Any] = setting(
        {}, "overrides of the same-story numbers (`same_min`, `same_window_days` …) of plugins/stories/linking.py"
    )
    story_workers: int | None = setting(
        None, "same-story linking processes, the building one among them; `None`: one per CPU", pages=False
    )

    @classmethod
    def extra_problems(cls, settings: Mapping[str, Any]) -> list[str]:
        overrides = settings.get("STORY_SETTINGS")
        if not isinstance(overrides, dict):
            return []  # the type check says so
        hints = typing.get_type_hints(LinkSettings)
        problems = []
        for key, value in overrides.items():
            if key not in hints:
                close = difflib.get_close_matches(str(key), list(hints), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; one of {', '.join(hints)}"
                problems.append(f"STORY_SETTINGS: {key!r} is no same-story setting{hint}")
            elif type_problem(value, hints[key]):
                problems.append(f"STORY_SETTINGS[{key!r}]: expected {describe(hints[key])}, got {value!r}")
        return problems

    def linking(self) -> LinkSettings:
        return LinkSettings(**self.story_settings)
