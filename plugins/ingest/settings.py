"""The ingest plugin's settings: each one's default and meaning, in one place (contract/settings.py
checks them when the build starts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from contract.settings import PluginSettings, setting

from .language import SUPPORTED


@dataclass(frozen=True)
class IngestSettings(PluginSettings):
    PREFIXES: ClassVar[tuple[str, ...]] = ("INGEST_",)

    ingest_languages: list[str] = setting(list(SUPPORTED), "candidate languages for identification")
    ingest_source_profiles: str = setting(
        "sources.yml", "extra source profiles, relative to the content folder (optional)"
    )
    ingest_data_files: list[str] = setting(["sources.yml", "tags.yml"], "content files that are data, not articles")
    ingest_ignored_labels: list[str] = setting(
        ["新闻", "新媒体", "news", "uncategorized", "未分类"], "generic front-matter categories not kept as tags"
    )
    ingest_report: str = setting("ingest-report.json", "report file name in the output folder")
    ingest_strict: bool = setting(
        False, "any rejection fails the build (pelicanconf.py: on when the `STRICT` environment variable is set)"
    )
    ingest_cache: str | None = setting(
        None,
        "path of the ingestion cache (SQLite); `None`: no cache (pelicanconf.py: `cache/ingest.sqlite`,"
        " unless `INGEST_CACHE=off` in the environment)",
        pages=False,
    )
    ingest_workers: int | None = setting(None, "ingestion processes; `None`: one per CPU", pages=False)
    ingest_max_file_size: int | None = setting(
        20 * 1024**2, "bytes; larger files are rejected unread; `None`: no limit"
    )
    ingest_time_limit: float | None = setting(60, "seconds one file may take to ingest; `None`: no limit")

    def data_files(self) -> list[str]:
        return [*self.ingest_data_files, self.ingest_source_profiles or "sources.yml"]

    def own_outputs(self) -> list[str]:
        return [self.ingest_report] if self.ingest_report else []
