"""A blog's own configuration (Hexo/Jekyll `_config.yml`, Hugo `config.toml`/`hugo.toml`/`config.yaml`,
Pelican `pelicanconf.py`, read without running it)
in the folder of a post or a parent: the blog's name, address and time zone. It is data about the
posts, not an article; the nearest one to a post applies to it."""

from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from .confine import OutsideError, open_confined

# File names a static-site generator reads its site settings from.
SITE_CONFIG_NAMES = (
    "_config.yml", "_config.yaml", "config.toml", "hugo.toml", "config.yaml", "config.yml", "hugo.yaml", "pelicanconf.py",
)  # fmt: skip
# Hugo may keep its settings in a config directory instead: config/_default/hugo.toml …
_CONFIG_DIRS = ("", "config/_default/")
_LARGEST_CONFIG = 256 * 1024  # a site configuration is a few KB; anything larger is not one


@dataclass(frozen=True)
class SiteConfig:
    source: str  # the config file, relative to the content folder
    title: str = ""
    url: str = ""
    timezone: str | None = None


def _first_text(data: dict, *keys: str) -> str:
    for key in keys:
        value = data.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
    return ""


def parse_site_config(raw: bytes, source: str, problems: dict[str, str] | None = None) -> SiteConfig | None:
    """The settings we use from one config file, or None if it is not a readable site config; then
    what is wrong with it goes into `problems` (by source), for the report."""

    def unread(reason: str) -> None:
        if problems is not None:
            problems[source] = f"blog settings file not read: {reason}; its posts are read without it"

    if len(raw) > _LARGEST_CONFIG:
        unread(f"larger than {_LARGEST_CONFIG // 1024} KB")
        return None
    try:
        text = raw.decode("utf-8-sig")
        if source.endswith(".py"):
            data = _python_constants(text)
        else:
            data = tomllib.loads(text) if source.endswith(".toml") else yaml.safe_load(text)
    except Exception as err:  # noqa: BLE001 (any file of these names may be anything: not a config we can read)
        unread(f"{type(err).__name__}: {' '.join(str(err).split())[:200]}")
        return None
    if not isinstance(data, dict):
        unread(f"expected settings ('key: value'), found a {type(data).__name__}")
        return None
    data = {str(k).lower(): v for k, v in data.items()}
    data.setdefault("title", data.get("sitename"))  # Pelican's names for the same settings
    data.setdefault("url", data.get("siteurl"))
    # Hugo keeps the title per language under [languages.xx]; the top-level title is the default
    return SiteConfig(
        source=source,
        title=_first_text(data, "title"),
        url=_first_text(data, "url", "baseurl"),
        timezone=_first_text(data, "timezone") or None,
    )


def _python_constants(text: str) -> dict:
    """`NAME = 'literal'` assignments of a Pelican settings file, read without running it."""
    found = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):  # {[1]: 2} is a TypeError
                continue
    return found


class SiteConfigs:
    """Site configs of one content folder, found once per folder and shared by its posts."""

    def __init__(self, content: Path) -> None:
        self.content = content
        self._by_folder: dict[PurePosixPath, SiteConfig | None] = {}
        self.problems: dict[str, str] = {}  # source → why a settings file found was not read

    def for_source(self, source: str) -> SiteConfig | None:
        """The config nearest to a file (given relative to the content folder), if any."""
        return self._lookup(PurePosixPath(source).parent)

    def _lookup(self, folder: PurePosixPath) -> SiteConfig | None:
        if folder in self._by_folder:
            return self._by_folder[folder]
        found = self._read(folder)
        if found is None and folder != folder.parent:
            found = self._lookup(folder.parent)
        self._by_folder[folder] = found
        return found

    def _read(self, folder: PurePosixPath) -> SiteConfig | None:
        for name in (d + n for d in _CONFIG_DIRS for n in SITE_CONFIG_NAMES):
            path = self.content / folder / name
            if path.is_file():
                try:  # checked once opened: a linked folder or file may lead out
                    with open_confined(str(path), self.content) as f:
                        raw = f.read()
                except (OSError, OutsideError):
                    continue
                config = parse_site_config(raw, (folder / name).as_posix(), self.problems)
                if config is not None:
                    return config
        return None
