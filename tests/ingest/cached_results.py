"""Results as ingestion made them, also when they come from the cache (where bodies are kept apart)."""

from __future__ import annotations

import dataclasses

from ingest.batch import Cached, IngestCache, Result


def whole(cache: IngestCache | None):
    """An `ingest_many` keep that gives each cached document its body back, read from the cache."""

    def keep(result: Result, cached: Cached | None) -> Result:
        if cached is None:
            return result
        assert cache is not None
        return dataclasses.replace(result, body_html=cache.body(cached.key))

    return keep
