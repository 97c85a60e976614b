"""The preview server (`make serve`) over real HTTP: types, the 404 page, no directory listings."""

from __future__ import annotations

import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest
from archive_paths import ROOT
from preview.server import content_type, make_server


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text(
        "<!DOCTYPE html><html><head><title>home</title></head><body>home</body></html>", encoding="utf-8"
    )
    (site / "404.html").write_text(
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="./theme/css/site.css"></head><body>not here</body></html>',
        encoding="utf-8",
    )
    (site / "feeds" / "tag").mkdir(parents=True)
    for name in ("feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/subscriptions.opml", "feeds/tag/iraq.atom.xml"):
        (site / name).write_text("<?xml version='1.0'?><x/>", encoding="utf-8")
    (site / "empty-folder").mkdir()
    httpd = make_server(site, port=0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("index.html", "text/html; charset=utf-8"),
        ("feeds/all.atom.xml", "application/atom+xml; charset=utf-8"),
        ("feeds/all.rss.xml", "application/rss+xml; charset=utf-8"),
        ("feeds/tag/iraq.atom.xml", "application/atom+xml; charset=utf-8"),
        ("feeds/subscriptions.opml", "text/x-opml; charset=utf-8"),
    ],
)
def test_content_types(served, path, kind):
    status, served_kind, _ = _get(f"{served}/{path}")
    assert (status, served_kind) == (200, kind)


@pytest.mark.parametrize("path", ["missing.html", "articles/deep/missing.html", "empty-folder/"])
def test_missing_pages_get_the_404_page(served, path):
    status, kind, body = _get(f"{served}/{path}")
    assert status == 404 and kind == "text/html; charset=utf-8"
    assert b"not here" in body and b'<base href="/">' in body  # its relative links work at any depth


def test_pagefind_types():
    assert content_type("pagefind/wasm.unknown.pagefind") == "application/octet-stream"
    assert content_type("pagefind/pagefind.js") == "text/javascript; charset=utf-8"
    assert content_type("x/y.wasm") == "application/wasm"


def test_a_folder_without_a_site_is_one_clear_error(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "plugins" / "preview" / "server.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith("error:")
