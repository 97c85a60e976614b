"""Shared fixtures: ingesting bytes with the built-in source profiles."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest.document import Document
from ingest.pipeline import ingest_bytes
from ingest.profiles import SourceProfiles


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
