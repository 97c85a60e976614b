"""The real-world evaluation set stays read as well as it is now (make eval prints the details).

Floors are the accuracies measured when this test was written, rounded down: a change that reads
these real files worse fails here, not only in a report nobody runs."""

import tempfile
from pathlib import Path

import pytest
from ingest.profiles import SourceProfiles

from eval.run import REAL, build, compare, load_labels

FLOORS = {
    "title": 1.0,
    "date": 0.97,
    "lang": 1.0,
    "dir": 1.0,
    "outlet": 0.97,
    "url": 0.97,
    "status": 1.0,
    "body": 0.85,
}


@pytest.fixture(scope="module")
def result():
    labels = load_labels()
    with tempfile.TemporaryDirectory(prefix="eval-") as tmp:
        output = Path(tmp) / "site"
        return compare(labels, build(REAL, output), output, SourceProfiles.load())


def test_the_set_is_large_and_varied():
    labels = load_labels()
    assert len(labels) >= 120
    assert len({label.group for label in labels}) >= 20
    assert sum(label.source.endswith(".html") and label.group.startswith("pages-") for label in labels) >= 15


@pytest.mark.parametrize("field", list(FLOORS))
def test_field_accuracy_does_not_fall(result, field):
    accuracy = result.right[field] / result.checked[field]
    misses = [m["file"] for m in result.misses if m["field"] == field]
    assert accuracy >= FLOORS[field], f"{field}: {accuracy:.1%} < {FLOORS[field]:.0%}; misses: {misses}"
