"""Rebuilds equal clean builds: random edit sequences (seeded) on a small archive, and after each step
the incremental build's output folder compared file by file with a clean build's.

    python tests/incremental/equivalence.py --sequences 50 --steps 4 --seed 1   (`make fuzz-rebuild`)

An edit is one of: add an article (a corpus file, or a new one that shares another's title), edit a
title or a body (bodies gain tag aliases, so tag pages and feeds change), delete, rename or move a
file, and edit tags.yml (rename a tag's display name, add an alias, remove a tag). With `--kill`
some steps first run a build that is killed at a random moment. Builds run in this process through
Pelican's API (as `pelican -r` does, so per-build state is exercised); a killed build is a `pelican`
process. What is compared: every file under the output folder except the build's own records in
`.build/`; Pagefind's index files are compared after decoding, with the order of entries inside
them ignored (see `canonical_pagefind`) — everything else byte for byte."""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "content"
CORPUS = ROOT / "tests" / "data" / "duty-machine"
EXCLUDED = (".build/",)  # the build's own records: manifest, journal, lock

WORDS = ["伊拉克", "美国", "拜登", "العراق", "بايدن", "عراق", "آمریکا", "会谈", "الكاظمي", "سوریه", "叙利亚", "和平"]
PLAIN_TEMPLATES = [
    "{title}\n\n{body}\n",
    '---\ntitle: "{title}"\ndate: 2021-0{month}-1{day} 10:00:00\ntags: [{tag}]\n---\n\n{body}\n',
]


# --- builds ---------------------------------------------------------------------------------------
def settings_for(content: Path, out: Path, cache: Path | None, search: bool) -> dict:
    from pelican.settings import read_settings

    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(out),
        "INGEST_CACHE": str(cache) if cache else None,
        "INGEST_WORKERS": 1,
        "SEARCH_INDEX": search,
    }
    return read_settings(str(ROOT / "pelicanconf.py"), override=override)


def build(content: Path, out: Path, cache: Path | None = None, search: bool = True) -> None:
    """One build through Pelican's API, in this process."""
    from pelican import Pelican

    Pelican(settings_for(content, out, cache, search)).run()


def killed_build(content: Path, out: Path, cache: Path | None, search: bool, after: float) -> None:
    """A `pelican` process killed (SIGKILL) `after` seconds into its build."""
    command = [
        sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out),
        "-e", f"INGEST_CACHE={json.dumps(str(cache) if cache else None)}", "INGEST_WORKERS=1",
        f"SEARCH_INDEX={json.dumps(search)}",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()


# --- comparing output folders ---------------------------------------------------------------------
def _canonical(value, named: dict):
    """Pagefind's data with the order of entries inside it made irrelevant (it writes maps and lists
    in the order its threads finish), and each reference to another index file (by a hash of that
    file's bytes, which that order changes) replaced by what that file holds."""
    if isinstance(value, str) and value in named:
        return ("F", named[value])
    if isinstance(value, (list, tuple)):
        return ("L", tuple(sorted((_canonical(x, named) for x in value), key=repr)))
    if isinstance(value, dict):
        return ("D", tuple(sorted(((repr(k), _canonical(v, named)) for k, v in value.items()), key=repr)))
    return value


def _decode(path: Path):
    data = gzip.decompress(path.read_bytes())
    data = data.removeprefix(b"pagefind_dcd")
    if path.name.endswith(".pf_fragment"):
        return json.loads(data)
    import cbor2

    return cbor2.loads(data)


def canonical_pagefind(folder: Path) -> dict:
    """{kind: sorted canonical contents}: Pagefind's files named by a hash of their bytes
    (fragments, index chunks, filters, metadata) are compared by what they hold, not by name or
    byte order; pagefind-entry.json without the metadata's hash; every other file (Pagefind's
    scripts, styles, WebAssembly) byte for byte."""
    paths = sorted(p for p in folder.rglob("*") if p.is_file())
    named = {}
    for path in paths:  # fragments, index chunks, filters: referred to by the metadata
        if ".pf_" in path.name and not path.name.endswith(".pf_meta"):
            stem = path.name.rsplit(".", 1)[0]
            named[stem] = repr(_canonical(_decode(path), {}))
    kinds: dict[str, list] = {}
    for path in paths:
        rel = path.relative_to(folder).as_posix()
        if ".pf_" in path.name:
            kind = path.name.rsplit(".", 1)[-1]
            kinds.setdefault(kind, []).append(repr(_canonical(_decode(path), named)))
        elif rel == "pagefind-entry.json":
            entry = json.loads(path.read_bytes())
            for language in entry.get("languages", {}).values():
                language.pop("hash", None)
            kinds[rel] = [repr(entry)]
        else:
            kinds[rel] = [path.read_bytes()]
    return {kind: sorted(values) for kind, values in kinds.items()}


def files_of(out: Path) -> dict[str, Path]:
    found = {}
    for path in out.rglob("*"):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and not rel.startswith(EXCLUDED) and not _BUNDLE.match(rel):
            found[rel] = path
    return found


_BUNDLE = re.compile(r"pagefind(?:-\d+)?/")  # the search indexes (more than one on a big site)


def bundles(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if p.is_dir() and _BUNDLE.fullmatch(p.name + "/")} if out.is_dir() else set()


def differences(incremental: Path, clean: Path) -> list[str]:
    """What differs between two output folders ([] when they are the same site)."""
    a, b = files_of(incremental), files_of(clean)
    out = [f"only in the rebuild: {rel}" for rel in sorted(set(a) - set(b))]
    out += [f"only in the clean build: {rel}" for rel in sorted(set(b) - set(a))]
    out += [f"differs: {rel}" for rel in sorted(set(a) & set(b)) if a[rel].read_bytes() != b[rel].read_bytes()]
    for name in sorted(bundles(incremental) | bundles(clean)):
        pa, pb = incremental / name, clean / name
        if pa.is_dir() != pb.is_dir():
            out.append(f"search index {name}: only in one build")
        else:
            ca, cb = canonical_pagefind(pa), canonical_pagefind(pb)
            out += [f"search index {name} differs: {k}" for k in sorted(set(ca) | set(cb)) if ca.get(k) != cb.get(k)]
    return out


# --- edits ----------------------------------------------------------------------------------------
def articles(content: Path) -> list[Path]:
    return sorted(p for p in content.rglob("*") if p.is_file() and p.name not in ("tags.yml", "sources.yml"))


def _title_line(text: str) -> int | None:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("title:") or (line.startswith("[") and "](" in line):
            return i
    return next((i for i, line in enumerate(lines) if line.strip() and not line.startswith(("<!--", "---"))), None)


def edit_title(rng: random.Random, content: Path) -> str:
    path = rng.choice(articles(content))
    text = path.read_text(encoding="utf-8", errors="replace")
    i = _title_line(text)
    if i is None:
        return "edit title: nothing to edit"
    lines = text.split("\n")
    word = rng.choice(WORDS)
    line = lines[i]
    if line.startswith("["):
        lines[i] = line.replace("[", f"[{word} ", 1)
    elif line.startswith("title:"):
        lines[i] = f'title: "{word} ' + line[len("title:") :].strip().strip("\"'").replace('"', "") + '"'
    else:
        lines[i] = f"{word} {line}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"edit title of {path.relative_to(content)}"


def edit_body(rng: random.Random, content: Path) -> str:
    path = rng.choice(articles(content))
    words = rng.sample(WORDS, 3)
    paragraph = "\n\n" + " ".join(words * 2) + f" {rng.randint(100, 99999)}。\n"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(paragraph)
    return f"edit body of {path.relative_to(content)} ({' '.join(words)})"


def add_article(rng: random.Random, content: Path) -> str:
    pool = [p for p in sorted(CORPUS.rglob("*.md")) if p.name != "SOURCE.md"]
    present = {p.name for p in articles(content)}
    fresh = [p for p in pool if p.name not in present]
    if fresh and rng.random() < 0.5:
        source = rng.choice(fresh)
        target = content / source.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        return f"add {target.relative_to(content)}"
    title = " ".join(rng.sample(WORDS, 3))
    body = "\n\n".join(" ".join(rng.sample(WORDS, 4) * 2) + f" {rng.randint(1, 10**6)}。" for _ in range(3))
    template = rng.choice(PLAIN_TEMPLATES)
    text = template.format(
        title=title, body=body, month=rng.randint(1, 9), day=rng.randint(0, 9), tag=rng.choice(WORDS)
    )
    target = content / rng.choice(["", "美国之音/", "new/"]) / f"new-{rng.randint(0, 10**9)}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return f"add {target.relative_to(content)}"


def add_namesake(rng: random.Random, content: Path) -> str:
    """A new file with another article's title: the two slugs collide."""
    path = rng.choice(articles(content))
    text = path.read_text(encoding="utf-8", errors="replace")
    i = _title_line(text)
    if i is None:
        return "add namesake: no title"
    lines = text.split("\n")
    body = " ".join(rng.sample(WORDS, 4) * 2) + f" {rng.randint(1, 10**6)}。"
    target = path.with_name(f"namesake-{rng.randint(0, 10**9)}{path.suffix}")
    target.write_text("\n".join(lines[: i + 1]) + "\n\n" + body + "\n", encoding="utf-8")
    return f"add {target.relative_to(content)}, named like {path.relative_to(content)}"


def delete(rng: random.Random, content: Path) -> str:
    files = articles(content)
    if len(files) < 3:
        return add_article(rng, content)
    path = rng.choice(files)
    path.unlink()
    return f"delete {path.relative_to(content)}"


def rename(rng: random.Random, content: Path) -> str:
    path = rng.choice(articles(content))
    folder = rng.choice([path.parent, content / "moved", content / "法广"])
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"renamed-{rng.randint(0, 10**9)}{path.suffix}"
    path.rename(target)
    return f"rename {path.relative_to(content)} to {target.relative_to(content)}"


def edit_tags(rng: random.Random, content: Path) -> str:
    path = content / "tags.yml"
    vocabulary = yaml.safe_load(path.read_text(encoding="utf-8"))
    key = rng.choice(sorted(vocabulary))
    entry = vocabulary[key]
    what = rng.choice(["rename", "alias", "remove"])
    if what == "rename":
        lang = rng.choice(["en", "zh", "ar", "fa"])
        entry.setdefault("names", {})[lang] = f"{entry.get('names', {}).get(lang, key)} {rng.randint(2, 99)}"
    elif what == "alias":
        entry.setdefault("aliases", {}).setdefault("zh", []).append(rng.choice(WORDS))
    elif len(vocabulary) > 3:
        del vocabulary[key]
    path.write_text(yaml.safe_dump(vocabulary, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return f"tags.yml: {what} {key}"


EDITS = [(edit_title, 3), (edit_body, 3), (add_article, 3), (add_namesake, 1), (delete, 3), (rename, 2), (edit_tags, 2)]


def starting_archive(content: Path, rng: random.Random, corpus_files: int = 4) -> None:
    shutil.copytree(SEEDS, content)
    pool = [p for p in sorted(CORPUS.rglob("*.md")) if p.name != "SOURCE.md"]
    for source in rng.sample(pool, min(corpus_files, len(pool))):
        target = content / source.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)


def run_sequence(seed: int, steps: int, work: Path, search: bool = True, kill: bool = False, log=print) -> list[str]:
    """One seeded sequence; returns the differences found (empty when every step matched)."""
    rng = random.Random(seed)
    content, out, cache = work / "content", work / "incremental", work / "ingest.sqlite"
    starting_archive(content, rng)
    build(content, out, cache, search)
    problems = []
    for step in range(steps):
        done = []
        for _ in range(rng.randint(1, 3)):
            edit = rng.choices([e for e, _ in EDITS], weights=[w for _, w in EDITS])[0]
            done.append(edit(rng, content))
        if kill and rng.random() < 0.5:
            after = rng.uniform(0.5, 6.0)
            done.append(f"build killed after {after:.1f} s")
            killed_build(content, out, cache, search, after)
            if rng.random() < 0.5:  # and the content changes again before the next build
                done.append(rng.choices([e for e, _ in EDITS], weights=[w for _, w in EDITS])[0](rng, content))
        build(content, out, cache, search)
        clean = work / f"clean-{step}"
        build(content, clean, None, search)
        found = differences(out, clean)
        log(f"seed {seed} step {step}: {'; '.join(done)}: {'OK' if not found else 'DIFFERENT'}")
        if found:
            problems += [f"seed {seed} step {step} ({'; '.join(done)}): {d}" for d in found]
            break
        shutil.rmtree(clean)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sequences", type=int, default=50)
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-search", action="store_true", help="skip Pagefind (faster)")
    parser.add_argument("--kill", action="store_true", help="kill some builds at random moments")
    parser.add_argument("--work", type=Path, default=None, help="keep the folders here (default: a temporary folder)")
    args = parser.parse_args()
    import logging
    import tempfile

    logging.disable(logging.WARNING)  # the edits make files the report rejects; that is not the point here
    problems = []
    started = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.work or Path(tmp)
        for n in range(args.sequences):
            work = base / f"seq-{args.seed + n}"
            if work.exists():
                shutil.rmtree(work)
            work.mkdir(parents=True)
            problems += run_sequence(args.seed + n, args.steps, work, not args.no_search, args.kill)
    print(
        f"{args.sequences} sequences of {args.steps} steps in {time.time() - started:.0f} s: {len(problems)} differences"
    )
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "plugins"))
    sys.exit(main())
