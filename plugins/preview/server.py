"""Serve a built site on localhost the way a web host would: the right content types (feeds, OPML,
Pagefind's WebAssembly), `404.html` with status 404 for anything missing, no directory listings.

    python plugins/preview/server.py output --port 8000     # stop with Ctrl-C (or SIGTERM)
"""

from __future__ import annotations

import argparse
import functools
import http.server
import signal
import sys
from pathlib import Path

# Types Python's mimetypes does not know, or knows differently on different machines.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".opml": "text/x-opml; charset=utf-8",
    ".xml": "application/xml",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".txt": "text/plain; charset=utf-8",
}
# Feeds are named *.atom.xml and *.rss.xml: the part before .xml says which.
FEED_TYPES = {".atom.xml": "application/atom+xml; charset=utf-8", ".rss.xml": "application/rss+xml; charset=utf-8"}


def content_type(path: str) -> str:
    """The Content-Type of a file of the built site, by its name."""
    name = path.lower()
    for suffix, kind in FEED_TYPES.items():
        if name.endswith(suffix):
            return kind
    return CONTENT_TYPES.get(Path(name).suffix, "application/octet-stream")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler with the site's types, its 404 page and no directory listings."""

    def guess_type(self, path) -> str:
        return content_type(str(path))

    def list_directory(self, path):  # a folder without index.html is not a page
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        # 404.html links relatively to the site root; a <base> keeps them right at any depth
        body = page.read_bytes().replace(b"<head>", b'<head>\n  <base href="/">', 1)
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


def make_server(directory: Path, port: int = 8000, bind: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    handler = functools.partial(SiteHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer((bind, port), handler)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Preview a built site on localhost.")
    parser.add_argument("directory", nargs="?", default="output", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args(argv)
    if not (args.directory / "index.html").is_file():
        print(f"error: {args.directory} holds no built site (no index.html); run `make html` first", file=sys.stderr)
        return 1
    try:
        httpd = make_server(args.directory, args.port, args.bind)
    except OSError as error:
        print(f"error: cannot listen on {args.bind}:{args.port}: {error.strerror}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, _interrupt)  # `kill PID` stops it as cleanly as Ctrl-C
    print(f"Serving {args.directory} at http://{args.bind}:{args.port}/ (stop with Ctrl-C)", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
