"""`make bench [N=5000] [MIX=all] [REPS=1]`: this project against plain Pelican on generated archives.

For each size and language mix (all Chinese, all Arabic, all Persian, mixed), measured in one run,
each the median of REPS runs: a clean build (no output, no cache); plain Pelican building the same
texts as markdown with its default theme and settings; a rebuild after changing one file; with
--added, a rebuild after adding 1% new files. For each: wall time, time per article, peak memory of
the whole process tree (pool workers included), files and bytes written. Prints one table with the
ratios and writes output/bench/results-<sizes>.json. The machine may be shared: compare ratios
measured in one run, not wall times across runs."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))
from generate import MIXES, edit_one, generate

BENCH = ROOT / "output" / "bench"
PELICAN = [sys.executable, "-m", "pelican"]
SIZES = (2000, 5000, 20000, 50000)


def _tree_rss_kb(pid: int, pss: bool = False) -> tuple[int, int, int]:
    """Resident memory of a process and all its descendants, from /proc; the part of it that is
    Pagefind's (the search indexer, a separate binary); with `pss`, also the tree's proportional set
    size, which counts a page shared by forked workers once instead of once per process.

    A child that is still its parent's address space is counted once, with the parent: between vfork
    and exec (how Pagefind and the spawned workers are started) the child runs in the parent's
    memory, and /proc shows it with the parent's size and RSS (a stack page or so more). Sampled in
    that window, a 500 MB build was counted as 1 GB (run P), with no memory copied."""
    total, search, proportional = 0, 0, 0
    stack: list[tuple[int, tuple[int, int] | None]] = [(pid, None)]
    while stack:
        current, parent = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            rss, size = (int(fields[k].split()[0]) for k in ("VmRSS", "VmSize"))
            if parent is None or size != parent[1] or abs(rss - parent[0]) > 1024:
                total += rss
                if b"pagefind" in Path(f"/proc/{current}/cmdline").read_bytes():
                    search += rss
                if pss:
                    rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
                    proportional += int(
                        next(line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:"))
                    )
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [(int(c), (rss, size)) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError, KeyError):
            continue
    return total, search, proportional


def measure(command: list[str], out: Path) -> dict:
    """Run one build; wall time, peak tree RSS (and PSS, sampled ten times less often: reading it
    walks the page tables), files and bytes written during it."""
    started = time.time()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = peak_search = peak_without = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_search, peak_without, peak_pss
        count = 0
        while not done.is_set():
            total, search, proportional = _tree_rss_kb(process.pid, pss=count % 10 == 0)
            peak, peak_search, peak_without, peak_pss = (
                max(peak, total),
                max(peak_search, search),
                max(peak_without, total - search),
                max(peak_pss, proportional),
            )
            count += 1
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    wall = time.time() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"build failed ({process.returncode}): {' '.join(command)}\n{output[-3000:]}")
    written = [p for p in out.rglob("*") if p.is_file() and p.stat().st_mtime >= started - 1]
    return {
        "seconds": wall,
        "peak_rss_mb": peak / 1024,
        "peak_rss_mb_pagefind": peak_search / 1024,
        "peak_rss_mb_without_pagefind": peak_without / 1024,
        "peak_pss_mb": peak_pss / 1024,
        "files_written": len(written),
        "bytes_written": sum(p.stat().st_size for p in written),
    }


def median_of(runs: list[dict], articles: int) -> dict:
    result = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    result["articles_per_second"] = articles / result["seconds"]
    result["ms_per_article"] = 1000 * result["seconds"] / articles
    result["runs_seconds"] = [round(r["seconds"], 2) for r in runs]
    return result


def ours(archive: Path, out: Path, cache: Path) -> list[str]:
    return [
        *PELICAN,
        str(archive),
        "-s",
        str(ROOT / "pelicanconf.py"),
        "-o",
        str(out),
        "-q",
        "-e",
        f'INGEST_CACHE="{cache}"',
    ]


def bench_one(n: int, mix: str, reps: int, clean_only: bool, added: bool, rebuild: bool = True) -> dict:
    """All builds of one archive: {build name: measurements}, with the inputs and ratios."""
    work = BENCH / f"{n}-{mix}"  # one folder per archive: runs of other sizes can go on beside
    archive, plain = work / "archive", work / "plain"
    out, plain_out, cache = work / "site", work / "plain-site", work / "cache.sqlite"
    counts = generate(n, archive, plain, mix=mix)
    results: dict[str, dict] = {}
    runs = []
    for _ in range(reps):
        shutil.rmtree(out, ignore_errors=True)
        cache.unlink(missing_ok=True)
        runs.append(measure(ours(archive, out, cache), out))
    published = json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))["summary"]["published"]
    results["clean build (this project)"] = median_of(runs, published)
    if not clean_only:
        # Pelican reads ./pelicanconf.py when no settings are given, and the bench runs in this
        # project's folder: plain Pelican gets an empty settings file, i.e. Pelican's defaults
        plain_settings = work / "plainconf.py"
        plain_settings.write_text("# plain Pelican: default theme and settings\n", encoding="utf-8")
        runs = []
        for _ in range(reps):
            shutil.rmtree(plain_out, ignore_errors=True)
            runs.append(
                measure([*PELICAN, str(plain), "-s", str(plain_settings), "-o", str(plain_out), "-q"], plain_out)
            )
        results["clean build (plain Pelican)"] = median_of(runs, published)
    if not clean_only and rebuild:
        runs = []
        for i in range(reps):
            target, original = edit_one(archive, mix, i)
            runs.append(measure(ours(archive, out, cache), out))
            target.write_text(original, encoding="utf-8")
        results["rebuild, one file changed"] = median_of(runs, published)
    if added:
        sources = sorted(
            p for p in archive.rglob("*") if p.is_file() and "damaged" not in p.parts and "copies" not in p.parts
        )[: max(1, n // 100)]
        runs = []
        for i in range(reps):
            measure(ours(archive, out, cache), out)  # back to the archive without the additions
            for j, source in enumerate(sources):
                path = archive / "added" / f"{i}-{j}{source.suffix}"
                path.parent.mkdir(exist_ok=True)
                path.write_text(source.read_text(encoding="utf-8") + f"\n\n{i}-{j}\n", encoding="utf-8")
            runs.append(measure(ours(archive, out, cache), out))
            shutil.rmtree(archive / "added")
        results["rebuild, 1% files added"] = median_of(runs, published + len(sources))
    clean = results["clean build (this project)"]["seconds"]
    ratios = {}
    if "clean build (plain Pelican)" in results:
        ratios["clean / plain Pelican"] = clean / results["clean build (plain Pelican)"]["seconds"]
    if "rebuild, one file changed" in results:
        ratios["one file changed / clean"] = results["rebuild, one file changed"]["seconds"] / clean
    if added:
        ratios["1% added / clean"] = results["rebuild, 1% files added"]["seconds"] / clean
    return {"articles": n, "mix": mix, "published": published, "inputs": counts, "results": results, "ratios": ratios}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "sizes", type=int, nargs="*", default=[5000], help=f"archive sizes, e.g. {' '.join(map(str, SIZES))}"
    )
    parser.add_argument(
        "--mix", action="append", choices=[*sorted(MIXES), "all"], help="language mix (repeatable; default all)"
    )
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument(
        "--clean-only", action="store_true", help="only the clean build of this project (for the big sizes)"
    )
    parser.add_argument("--no-rebuild", action="store_true", help="no rebuild after changing one file")
    parser.add_argument("--added", action="store_true", help="also a rebuild after adding 1%% new files")
    args = parser.parse_args()
    mixes = list(MIXES) if not args.mix or "all" in args.mix else args.mix
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    BENCH.mkdir(parents=True, exist_ok=True)
    label = "-".join(map(str, args.sizes)) + ("" if mixes == list(MIXES) else "-" + "-".join(mixes))
    name = BENCH / f"results-{label}{'-clean' if args.clean_only else ''}.json"
    runs = []
    for n in args.sizes:
        for mix in mixes:
            runs.append(bench_one(n, mix, args.reps, args.clean_only, args.added, rebuild=not args.no_rebuild))
            report = {
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": machine,
                "reps": args.reps,
                "runs": runs,
            }
            name.write_text(
                json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8"
            )  # kept after every archive

    print(f"\n{machine}, median of {args.reps}\n")
    print(
        f"| {'size':>6} | {'mix':5} | {'build':27} | {'seconds':>8} | {'ms/article':>10} | {'peak RSS MB':>11} | {'of it Pagefind':>14} | {'peak PSS MB':>11} | {'files written':>13} | {'MB written':>10} |"
    )
    print(
        f"|{'-' * 7}:|{'-' * 7}|{'-' * 29}|{'-' * 9}:|{'-' * 11}:|{'-' * 12}:|{'-' * 15}:|{'-' * 12}:|{'-' * 14}:|{'-' * 11}:|"
    )
    for run in runs:
        for build, r in run["results"].items():
            print(
                f"| {run['articles']:6} | {run['mix']:5} | {build.replace(' (this project)', ''):27} | {r['seconds']:8.1f} | {r['ms_per_article']:10.2f} | "
                f"{r['peak_rss_mb']:11.0f} | {r['peak_rss_mb_pagefind']:14.0f} | {r['peak_pss_mb']:11.0f} | {r['files_written']:13.0f} | {r['bytes_written'] / 1e6:10.1f} |"
            )
    print()
    for run in runs:
        ratios = ", ".join(f"{k} {v:.2f}" for k, v in run["ratios"].items())
        print(f"{run['articles']} {run['mix']} ({run['published']} published): {ratios}")
    print(f"\nwritten to {name}")


if __name__ == "__main__":
    main()
