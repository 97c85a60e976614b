"""Fuzz the whole build: archives of mutated files (plus every hostile file) built with Pelican's own
CLI. Counted: aborted builds (non-zero exit), files missing from the report, and anything written
outside the output folder or into the content folder. `make fuzz` runs 10,000 files; the test suite
a few hundred (tests/test_fuzz.py).

    .venv/bin/python tests/fuzz/run.py --files 10000 --batch 1000 --seed 12
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mutate import ROOT_SETTINGS, hostile_files, mutated_archive


@dataclass
class FuzzResult:
    files: int = 0  # mutated files, plus the hostile files of the first build
    builds: int = 0
    aborted: list[str] = field(default_factory=list)  # build → why
    outside: list[str] = field(default_factory=list)  # paths written outside the output folder
    unreported: list[str] = field(default_factory=list)  # files missing from the report
    statuses: collections.Counter = field(default_factory=collections.Counter)
    reasons: collections.Counter = field(default_factory=collections.Counter)
    seconds: float = 0.0

    def ok(self) -> bool:
        return not (self.aborted or self.outside or self.unreported)

    def summary(self) -> dict:
        return {
            "files": self.files, "builds": self.builds, "aborted_builds": len(self.aborted),
            "outputs_outside": len(self.outside), "unreported_files": len(self.unreported),
            "statuses": dict(self.statuses), "seconds": round(self.seconds, 1),
            "top_reasons": self.reasons.most_common(12), "aborted": self.aborted[:5], "outside": self.outside[:10],
            "unreported": self.unreported[:10],
        }  # fmt: skip


def _digest_tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


def _reason_kind(reason: str) -> str:
    return re.sub(r"\d[\d,.]*", "N", reason.split(":")[0])[:70]


def build_once(sandbox: Path, names: list[str], result: FuzzResult, timeout: int = 1800) -> None:
    """One build of sandbox/content into sandbox/site/www/output, then the checks. The output sits
    two levels down so that an escape by `../..` lands inside the sandbox, where it is seen."""
    content, out = sandbox / "content", sandbox / "site" / "www" / "output"
    cache = sandbox / "cache" / "ingest.sqlite"
    content_before = _digest_tree(content)
    top_before = sorted(p.relative_to(sandbox).as_posix() for p in sandbox.rglob("*") if not p.is_relative_to(content))
    cmd = [
        sys.executable, "-m", "pelican", str(content), "-s", str(ROOT_SETTINGS), "-o", str(out),
        "-e", f'INGEST_CACHE="{cache}"', "SEARCH_INDEX=false",
    ]  # fmt: skip
    try:
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"},
        )
    except subprocess.TimeoutExpired:
        result.aborted.append(f"build {result.builds}: did not finish in {timeout} s")
        return
    finally:
        result.builds += 1
    if proc.returncode != 0:
        result.aborted.append(
            f"build {result.builds - 1}: exit {proc.returncode}: {(proc.stderr or proc.stdout)[-1500:]}"
        )
    real_out = out.resolve()
    for path in out.rglob("*") if out.exists() else ():
        if not path.resolve().is_relative_to(real_out):
            result.outside.append(str(path))
    for path in sandbox.rglob("*"):
        rel = path.relative_to(sandbox).as_posix()
        if path.is_relative_to(content) or path.is_relative_to(out) or rel in top_before or rel in ("site", "site/www"):
            continue
        if not path.is_relative_to(sandbox / "cache"):
            result.outside.append(rel)
    if _digest_tree(content) != content_before:
        result.outside.append("content folder changed by the build")
    report_path = out / "ingest-report.json"
    if not report_path.exists():
        result.aborted.append(f"build {result.builds - 1}: no ingest report")
        return
    entries = {e["source"]: e for e in json.loads(report_path.read_text(encoding="utf-8"))["files"]}
    for name in names:
        entry = entries.get(os.fsencode(name).decode("utf-8", "backslashreplace"))  # as the report shows it
        if entry is None:
            result.unreported.append(name)
            continue
        result.statuses[entry["status"]] += 1
        if entry["status"] == "rejected":
            result.reasons[_reason_kind(entry["reason"] or "")] += 1


def run(files: int, batch: int, seed: int, keep: Path | None = None, progress: bool = False) -> FuzzResult:
    result = FuzzResult()
    start = time.perf_counter()
    done = 0
    while done < files:
        count = min(batch, files - done)
        with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
            sandbox = Path(tmp)
            (sandbox / "content").mkdir()
            names = mutated_archive(sandbox / "content", count, seed * 1_000_003 + done)
            if done == 0:  # the hostile files as they are, in the first build
                for name, data in hostile_files().items():
                    (sandbox / "content" / "hostile" / name).parent.mkdir(parents=True, exist_ok=True)
                    (sandbox / "content" / "hostile" / name).write_bytes(data)
                    names.append(f"hostile/{name}")
            build_once(sandbox, names, result)
            if keep is not None and not result.ok():
                shutil.copytree(sandbox / "content", keep / f"batch-{done}", symlinks=True, dirs_exist_ok=True)
        done += count
        result.files += len(names)
        if progress:
            print(f"{done}/{files} files, {result.builds} builds, {len(result.aborted)} aborted, "
                  f"{len(result.outside)} outside, {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)  # fmt: skip
    result.seconds = time.perf_counter() - start
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1_000, help="files per build")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--keep", type=Path, help="copy the content of failing builds here")
    args = parser.parse_args()
    result = run(args.files, args.batch, args.seed, args.keep, progress=True)
    print(json.dumps(result.summary(), ensure_ascii=False, indent=1))
    return 0 if result.ok() else 1


if __name__ == "__main__":
    sys.exit(main())
