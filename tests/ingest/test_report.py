"""The ingest report's file: the JSON of the report, one file and one skipped page per line."""

from __future__ import annotations

import json

from ingest.report import IngestReport


def test_the_report_file_is_its_json_with_one_file_per_line(tmp_path):
    report = IngestReport()
    report.rejected("b/broken.md", 'broken front matter: "x" (line 2)')
    report.rejected("a/ناقص.txt", "empty file")
    report.page_skipped("tags/x.html", "why\nit failed")
    path = tmp_path / "ingest-report.json"
    report.write(path)
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == report.as_dict()
    lines = text.splitlines()
    assert [json.loads(line.strip().rstrip(","))["source"] for line in lines if '"source"' in line] == [
        "a/ناقص.txt",  # in path order, written as they are (not \\u escapes)
        "b/broken.md",
    ]
    assert sum('"page"' in line for line in lines) == 1  # a newline in a reason stays escaped in its line
    empty = IngestReport()
    empty.write(path)
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "summary": {"files": 0, "published": 0, "duplicate": 0, "rejected": 0},
        "files": [],
        "pages_skipped": [],
    }
