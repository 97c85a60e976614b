"""Results as ingestion made them, also when they come from the cache (where bodies are kept apart)."""

from __future__ import annotations

import dataclasses

from ingest.batch import Cached, IngestCache, Result, ingest_many
from ingest.pipeline import IngestOptions
from ingest.profiles import SourceProfiles


def whole(cache: IngestCache | None):
    """An `ingest_many` keep that gives each cached document its body back, read from the cache."""

    def keep(result: Result, cached: Cached | None) -> Result:
        if cached is None:
            return result
        assert cache is not None
        return dataclasses.replace(result, body_html=cache.body(cached.key))

    return keep


def ingest_whole(jobs: list, profiles: SourceProfiles, cache: IngestCache | None, workers: int = 1) -> tuple[dict, int]:
    """`ingest_many` with default options, cached results whole (see `whole`)."""
    return ingest_many(
        jobs,
        profiles=profiles,
        profiles_files=(),
        options=IngestOptions(),
        cache=cache,
        version="v",
        workers=workers,
        keep=whole(cache),
    )
