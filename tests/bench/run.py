"""`make bench [N=5000] [REPS=3]`: this project against plain Pelican on a generated archive.

Measured in one run, each the median of REPS runs: a clean build (no output, no cache); plain
Pelican building the same texts as markdown with its default theme and settings; a rebuild after
changing one file; a rebuild after adding 1% new files. For each: wall time, articles per second,
peak memory of the whole process tree (pool workers included), files and bytes written. Prints
one table with the ratios and writes output/bench/results.json."""

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
from generate import generate  # noqa: E402

BENCH = ROOT / "output" / "bench"
PELICAN = [sys.executable, "-m", "pelican"]


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def measure(command: list[str], out: Path) -> dict:
    """Run one build; wall time, peak tree RSS, files and bytes written during it."""
    started = time.time()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
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
    return {"seconds": wall, "peak_rss_mb": peak / 1024, "files_written": len(written), "bytes_written": sum(p.stat().st_size for p in written)}


def median_of(runs: list[dict], articles: int) -> dict:
    result = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    result["articles_per_second"] = articles / result["seconds"]
    result["runs_seconds"] = [round(r["seconds"], 2) for r in runs]
    return result


def ours(out: Path, cache: Path) -> list[str]:
    return [*PELICAN, str(BENCH / "archive"), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out), "-q", "-e", f'INGEST_CACHE="{cache}"']


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int, nargs="?", default=5000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--clean-only", action="store_true", help="only the clean build of this project (for N=50000)")
    args = parser.parse_args()
    archive, plain = BENCH / "archive", BENCH / "plain"
    out, plain_out, cache = BENCH / "site", BENCH / "plain-site", BENCH / "cache.sqlite"
    counts = generate(args.n, archive, plain)
    published_guess = args.n - counts["duplicate"] - counts["damaged"]
    results: dict[str, dict] = {}

    runs = []
    for _ in range(args.reps):
        shutil.rmtree(out, ignore_errors=True)
        cache.unlink(missing_ok=True)
        runs.append(measure(ours(out, cache), out))
    results["clean build (this project)"] = median_of(runs, published_guess)
    published = json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))["summary"]["published"]
    if args.clean_only:
        results["clean build (this project)"] = median_of(runs, published)
        report = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "articles": args.n, "published": published, "reps": args.reps, "results": results}
        (BENCH / f"results-{args.n}-clean.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
        r = results["clean build (this project)"]
        print(f"{args.n} files, {published} published: {r['seconds']:.1f} s, {r['articles_per_second']:.1f} articles/s, "
              f"{1000 * r['seconds'] / published:.2f} ms per article, peak RSS {r['peak_rss_mb']:.0f} MB")
        return

    runs = []
    for _ in range(args.reps):
        shutil.rmtree(plain_out, ignore_errors=True)
        runs.append(measure([*PELICAN, str(plain), "-o", str(plain_out), "-q"], plain_out))
    results["clean build (plain Pelican)"] = median_of(runs, published)

    target = sorted((archive / "美国之音").glob("*.md"))[0]
    original = target.read_text(encoding="utf-8")
    runs = []
    for i in range(args.reps):
        target.write_text(original.replace("\n------\n", f"\n------\n<p>更新 {i}</p>", 1), encoding="utf-8")
        runs.append(measure(ours(out, cache), out))
    target.write_text(original, encoding="utf-8")
    results["rebuild, one file changed"] = median_of(runs, published)

    sources = sorted((archive / "美国之音").glob("*.md"))[: max(1, args.n // 100)]
    runs = []
    for i in range(args.reps):
        measure(ours(out, cache), out)  # back to the archive without the additions
        added = []
        for j, source in enumerate(sources):
            text = source.read_text(encoding="utf-8").replace("](", f" 新增{i}-{j}](", 1)
            path = archive / "added" / f"{i}-{j}.md"
            path.parent.mkdir(exist_ok=True)
            path.write_text(text.replace("\n------\n", f"\n------\n<p>新增 {i} {j}</p>", 1), encoding="utf-8")
            added.append(path)
        runs.append(measure(ours(out, cache), out))
        shutil.rmtree(archive / "added")
    results["rebuild, 1% files added"] = median_of(runs, published + len(sources))

    clean, base = results["clean build (this project)"]["seconds"], results["clean build (plain Pelican)"]["seconds"]
    ratios = {
        "clean / plain Pelican": clean / base,
        "one file changed / clean": results["rebuild, one file changed"]["seconds"] / clean,
        "1% added / clean": results["rebuild, 1% files added"]["seconds"] / clean,
    }
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    report = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine, "articles": args.n,
              "published": published, "reps": args.reps, "inputs": counts, "results": results, "ratios": ratios}
    BENCH.mkdir(parents=True, exist_ok=True)
    (BENCH / f"results-{args.n}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")

    print(f"\n{args.n} input files, {published} published — {machine}, median of {args.reps}\n")
    print(f"| {'build':30} | {'seconds':>8} | {'articles/s':>10} | {'peak RSS MB':>11} | {'files written':>13} | {'MB written':>10} |")
    print(f"|{'-' * 32}|{'-' * 9}:|{'-' * 11}:|{'-' * 12}:|{'-' * 14}:|{'-' * 11}:|")
    for name, r in results.items():
        print(f"| {name:30} | {r['seconds']:8.1f} | {r['articles_per_second']:10.1f} | {r['peak_rss_mb']:11.0f} | {r['files_written']:13.0f} | {r['bytes_written'] / 1e6:10.1f} |")
    print()
    for name, value in ratios.items():
        print(f"{name}: {value:.2f}")
    print(f"\nwritten to {BENCH / f'results-{args.n}.json'}")


if __name__ == "__main__":
    main()
