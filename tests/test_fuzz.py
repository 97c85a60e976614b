"""A bounded, seeded fuzz of the whole build (the long run is `make fuzz`, tests/fuzz/run.py):
a few hundred mutated archive files and every hostile file, one Pelican build. No build may abort,
every file must be in the report, nothing may be written outside the output folder."""

from __future__ import annotations

import random

from fuzz.mutate import mutate, seed_files
from fuzz.run import run
from ingest.batch import ingest_file
from ingest.document import Document, IngestError
from ingest.pipeline import IngestOptions
from scripts import normalize_language


def test_mutated_files_never_escape_the_pipeline(tmp_path, profiles):
    rng, seeds = random.Random(7), seed_files()
    for i in range(150):
        path = tmp_path / f"{i}.md"
        path.write_bytes(mutate(rng, seeds))
        result = ingest_file(str(path), path.name, profiles, IngestOptions())
        assert isinstance(result, (Document, IngestError))
        if isinstance(result, Document):
            # a language it identified, as a well-formed code (Latin text may be English), or none
            assert result.title.strip() and (result.lang is None or normalize_language(result.lang) == result.lang)


def test_a_build_of_mutated_and_hostile_files(capsys):
    result = run(files=300, batch=300, seed=2026)
    summary = result.summary()
    assert result.builds == 1 and not result.aborted, summary
    assert not result.outside and not result.unreported, summary
    assert sum(result.statuses.values()) == result.files > 300  # the mutated files and the hostile ones
    assert result.statuses["published"] > 30 and result.statuses["rejected"] > 30, summary  # both kinds were made
