"""Shared fixtures: ingesting bytes with the built-in source profiles."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest.document import Document
from ingest.pipeline import ingest_bytes
from ingest.profiles import SourceProfiles


@pytest.fixture(scope="session", autouse=True)
def _ingest_cache_in_tmp(tmp_path_factory):
    """Builds the tests start with pelicanconf.py keep its ingestion cache in the session's temporary
    folder (pelicanconf reads INGEST_CACHE from the environment), not in the repository's cache/."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INGEST_CACHE", str(tmp_path_factory.mktemp("cache") / "ingest.sqlite"))
        yield


@pytest.fixture(scope="session")
def profiles() -> SourceProfiles:
    return SourceProfiles.load()


@pytest.fixture(scope="session")
def ingest(profiles):
    def run(data: bytes | Path, source: str | None = None) -> Document:
        if isinstance(data, Path):
            source = source or data.name
            data = data.read_bytes()
        return ingest_bytes(data, source or "test.txt", profiles)

    return run
