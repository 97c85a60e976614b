"""Shared fixtures: the sample archive (content/) and the duty-machine corpus beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.document import Document
from ingest.pipeline import ingest_bytes
from ingest.profiles import SourceProfiles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "content"
CORPUS = ROOT.parent / "shared" / "corpus" / "duty-machine"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.md") if p.name != "SOURCE.md")


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
