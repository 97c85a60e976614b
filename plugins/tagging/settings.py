"""The tagging plugin's settings (checked at start by contract/settings.py)."""

from __future__ import annotations

from dataclasses import dataclass

from contract.settings import PluginSettings, setting


@dataclass(frozen=True)
class TagSettings(PluginSettings):
    tag_vocabulary: list[str] = setting(
        ["tags.yml"],
        "where the tag vocabulary is looked for: the first file that exists, relative paths in the content"
        " folder (pelicanconf.py adds `<repo>/content/tags.yml`)",
    )
    tag_min_body_mentions: int = setting(2, "body mentions needed when the title does not name a tag")

    def data_files(self) -> list[str]:
        return list(self.tag_vocabulary)
