"""`make eval`: build the real-world evaluation set (tests/eval/real/) as one archive with the
project's own settings, then compare the ingest report and the pages with the labels.

Prints per-field accuracy and every mismatch; writes the same as JSON. The labels are the truth,
decided by reading each file (see tests/eval/README.md); nothing here knows how the project
arrives at its values.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import yaml

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "eval" / "real"
sys.path.insert(0, str(ROOT / "plugins"))

from ingest.profiles import SourceProfiles
from scripts import direction

FIELDS = ("title", "date", "lang", "dir", "outlet", "url", "status", "body")


def _norm(text: str | None) -> str | None:
    return None if text is None else " ".join(unicodedata.normalize("NFC", str(text)).split())


@dataclass
class Label:
    group: str
    file: str
    values: dict

    @property
    def source(self) -> str:
        return f"{self.group}/{self.file}"


@dataclass
class Result:
    checked: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[dict] = field(default_factory=list)
    files: int = 0
    all_right: int = 0


def load_labels(root: Path = REAL) -> list[Label]:
    labels = []
    for path in sorted(root.glob("*/labels.yml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            labels.append(Label(path.parent.name, entry["file"], entry))
    return labels


def build(content: Path, output: Path) -> dict:
    """One real build of the evaluation archive with the project's settings; the ingest report."""
    cache = output.parent / "ingest.sqlite"
    overrides = [f"INGEST_CACHE={json.dumps(str(cache))}", "SEARCH_INDEX=false", "INGEST_STRICT=false"]
    cmd = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        str(ROOT / "pelicanconf.py"),
        "-o",
        str(output),
        "-q",
        "-e",
        *overrides,
    ]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False, text=True)
    if done.returncode != 0:
        sys.exit(f"the evaluation build failed ({done.returncode}):\n{done.stderr[-3000:]}")
    report = json.loads((output / "ingest-report.json").read_text(encoding="utf-8"))
    return {entry["source"]: entry for entry in report["files"]}


def _same_date(label: str | None, got: str | None) -> bool:
    if label is None or got is None:
        return label is None and got is None
    label = str(label)
    found = datetime.fromisoformat(got)
    if len(label) == 10:  # a day: the article's calendar day, whatever time the project attaches
        return found.date().isoformat() == label
    return found == datetime.fromisoformat(label).replace(microsecond=0)  # news times: to the second


def _same_url(label: str | None, got: str | None) -> bool:
    """One address whether written as an IRI or percent-encoded (in either case of hex digits)."""
    if label is None or got is None:
        return label is None and got is None
    return _norm(unquote(label)) == _norm(unquote(got))


def _same_outlet(label: dict | None, entry: dict, profiles: SourceProfiles) -> bool:
    key = entry.get("outlet")
    if label is None or key is None:
        return label is None and key is None
    wanted = {_norm(v).casefold() for v in (label.get("name"), label.get("domain")) if v}
    profile = profiles.get(key)
    known = {key, entry.get("outlet_name") or ""}
    if profile is not None:
        known |= {*profile.names.values(), *profile.aliases, *profile.domains}
    return bool(wanted & {_norm(v).casefold() for v in known if v})


def _page_text(output: Path, entry: dict) -> str:
    page = output / (entry.get("url") or "")
    if not entry.get("url") or not page.is_file():
        return ""
    tree = lxml.html.fromstring(page.read_bytes())
    body = tree.xpath("//article") or [tree]
    return _norm(body[0].text_content()) or ""


def compare(labels: list[Label], report: dict[str, dict], output: Path, profiles: SourceProfiles) -> Result:
    result = Result()
    for label in labels:
        want = label.values
        entry = report.get(label.source)
        result.files += 1
        got: dict = {}
        if entry is None:
            got = {"status": "missing from the ingest report"}
        else:
            got = {
                "title": entry.get("title"),
                "date": entry.get("date"),
                "lang": entry.get("lang"),
                "dir": entry.get("dir"),
                "outlet": {"key": entry.get("outlet"), "name": entry.get("outlet_name")},
                "url": entry.get("original_url"),
                "status": entry.get("status"),
            }
        checks: dict[str, bool] = {"status": got.get("status") == want["status"]}
        if want["status"] == "published" and entry is not None and entry.get("status") == "published":
            checks["title"] = _norm(got["title"]) == _norm(want.get("title"))
            checks["date"] = _same_date(want.get("date"), got["date"])
            checks["lang"] = got["lang"] == want.get("lang")
            checks["dir"] = got["dir"] == direction(want.get("lang"))
            checks["outlet"] = _same_outlet(want.get("outlet"), entry, profiles)
            checks["url"] = _same_url(want.get("url"), got["url"])
            if want.get("body_must") or want.get("body_must_not"):
                text = _page_text(output, entry)
                missing = [p for p in want.get("body_must") or [] if _norm(p) not in text]
                chrome = [p for p in want.get("body_must_not") or [] if _norm(p) in text]
                checks["body"] = not missing and not chrome
                got["body"] = {"missing": missing, "chrome kept": chrome}
        elif want["status"] == "published":
            for name in FIELDS[:-2]:
                checks.setdefault(name, False)
        for name, ok in checks.items():
            result.checked[name] += 1
            result.right[name] += ok
            if not ok:
                expected = want.get(name) if name != "dir" else direction(want.get("lang"))
                if name == "body":
                    expected = {"must": want.get("body_must"), "must not": want.get("body_must_not")}
                result.misses.append({"file": label.source, "field": name, "expected": expected, "got": got.get(name)})
        result.all_right += all(checks.values())
    return result


def print_result(result: Result) -> None:
    print(f"\nIngestion on the real-world set: {result.files} files, {result.all_right} fully right\n")
    print(f"{'field':8} {'right':>7} {'of':>5} {'accuracy':>9}")
    for name in FIELDS:
        if result.checked[name]:
            print(
                f"{name:8} {result.right[name]:7d} {result.checked[name]:5d} {result.right[name] / result.checked[name]:9.1%}"
            )
    if result.misses:
        print(f"\n{len(result.misses)} mismatches:")
        for miss in result.misses:
            print(
                f"- {miss['file']} [{miss['field']}]\n    expected {miss['expected']!r}\n    got      {miss['got']!r}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=ROOT / "output" / "eval" / "ingestion.json")
    args = parser.parse_args(argv)
    labels = load_labels()
    if not labels:
        sys.exit(f"no labels under {REAL}")
    with tempfile.TemporaryDirectory(prefix="eval-") as tmp:
        output = Path(tmp) / "site"
        report = build(REAL, output)
        result = compare(labels, report, output, SourceProfiles.load())
    print_result(result)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "files": result.files,
                "fully_right": result.all_right,
                "fields": {
                    n: {"right": result.right[n], "checked": result.checked[n]} for n in FIELDS if result.checked[n]
                },
                "mismatches": result.misses,
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
