"""Where the test inputs are: the sample archive (content/) and the real duty-machine corpus in tests/data/."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "content"
# unmodified files of github.com/duty-machine/news; origin (path, commit) per file in its SOURCE.md
CORPUS = ROOT / "tests" / "data" / "duty-machine"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.md") if p.name != "SOURCE.md")
