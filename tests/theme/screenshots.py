"""Regenerate the README's screenshots (theme/screenshots/*.png): the sample archive and the corpus
built as the page tests build them, served on localhost, shot in Chromium at 360 and 1280 px.

    .venv/bin/python tests/theme/screenshots.py
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from archive_paths import CORPUS, ROOT, SEEDS

OUT = ROOT / "theme" / "screenshots"
WIDTHS = {360: 780, 1280: 1000}


def build(work: Path) -> Path:
    content = work / "content"
    content.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, content / path.name)
    shutil.copytree(CORPUS, content / "duty-machine", ignore=shutil.ignore_patterns("SOURCE.md"))
    shutil.copy(ROOT / "tests" / "fixtures" / "tagged-front-matter.md", content / "tagged.md")
    out = work / "out"
    subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out)],
        check=True,
        capture_output=True,
    )
    return out


def pages(out: Path) -> dict[str, str]:
    report = json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))
    url = {p: next(e["url"] for e in report["files"] if e["source"].startswith(p)) for p in ("000_", "003_", "004_")}
    story = next(
        p.relative_to(out).as_posix()
        for p in sorted((out / "stories").glob("*.html"))
        if {'lang="zh"', 'lang="ar"'} <= set(re.findall(r'class="item" (lang="\w+")', p.read_text(encoding="utf-8")))
    )
    return {"home": "index.html", "article-zh": url["000_"], "article-ar": url["004_"], "article-fa": url["003_"],
            "tag": "tags/iraq.html", "story": story, "search": "search.html"}  # fmt: skip


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        out = build(Path(tmp))
        handler = functools.partial(_Quiet, directory=str(out))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
            )
            for name, path in pages(out).items():
                for width, height in WIDTHS.items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.goto(f"{base}/{path}")
                    if name == "search":
                        page.wait_for_selector("form[data-ready=true]", timeout=15000)
                        page.fill("#search-query", "伊拉克")
                        page.click("button[type=submit]")
                        page.wait_for_selector("#search-status:not(:empty)")
                    page.screenshot(path=str(OUT / f"{name}-{width}.png"))
                    page.close()
            browser.close()
        httpd.shutdown()


if __name__ == "__main__":
    main()
