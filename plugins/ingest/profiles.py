"""Source profiles (data in sources.yml): recognising an outlet and what to strip from its pages."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from scripts import localized
from tld import Result, get_tld

from .dates import known_zone
from .hygiene import one_line
from .yaml_bounds import DataFileError, load_data_file

BUILTIN_PROFILES = Path(__file__).parent / "data" / "sources.yml"


def _fold(name: str) -> str:
    """Case-, width- and space-insensitive form of a name for alias lookup."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name).casefold())


def host_of(url: str | None) -> str:
    if not url:
        return ""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def registered_domain(url: str | None) -> str:
    """The domain a site registered (public-suffix aware, offline): bbc.co.uk, owner.github.io.
    "" for a host no DNS name can be (a label over 63 bytes, 253 in all, once IDNA-encoded)."""
    host = host_of(url)
    if not host or "." not in host:
        return ""
    try:
        host.encode("idna")  # the codec refuses empty and over-long labels
    except UnicodeError:
        return ""
    if len(host.encode("idna")) > _LONGEST_HOST:
        return ""
    found = get_tld(host, fix_protocol=True, as_object=True, fail_silently=True)
    return found.fld if isinstance(found, Result) else ""  # as_object: a Result, or None


_LONGEST_HOST = 253

# Folder names that sort files rather than name who published them.
_SORTING_FOLDER = re.compile(
    r"^(?:[\d\W_]+|articles?|posts?|_posts|source|content|contents|news|archives?|feeds?|rss|data|files|misc|other|"
    r"drafts?|_drafts|docs?|pages?|blog|src|inbox|new|old|tmp)$",
    re.IGNORECASE,
)


def names_outlet(folder: str) -> bool:
    """Whether a folder name can be an outlet's name (`路透/`), not a date or a sorting bin."""
    return bool(folder.strip()) and not _SORTING_FOLDER.match(folder.strip())


@dataclass(frozen=True)
class OutletRef:
    """An outlet without a profile: keyed by its registered domain (else its name), shown by the
    name the site gives itself (else that domain)."""

    key: str
    name: str


def unprofiled_outlet(site_names: Sequence[str], urls: Sequence[str | None]) -> OutletRef | None:
    domain = next((d for url in urls if (d := registered_domain(url))), "")
    # a name is shown and names files: one line of visible text (no bidi overrides, zero-width spaces)
    name = next((clean for n in site_names if n and (clean := one_line(n))), "")
    if not (domain or name):
        return None
    return OutletRef(key=domain or _bounded(_segment(_fold(name))), name=name or domain)


_NOT_IN_A_FILE_NAME = re.compile(r"[/\\#?%:*\"<>|\s]+")


def _segment(key: str) -> str:
    """A key that is one plain file-name segment: a site named "../all" must not name the feed
    feeds/all.rss.xml (the key is joined into feed and page paths)."""
    safe = _NOT_IN_A_FILE_NAME.sub("-", key).strip(".-")
    return safe or f"outlet-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


_LONGEST_KEY = 100  # bytes: the key names feed files, and a file name has at most 255


def _bounded(key: str) -> str:
    """A key short enough for a file name: a long one is cut, with a hash of the whole kept unique."""
    if len(key.encode("utf-8")) <= _LONGEST_KEY:
        return key
    return f"{key[:24]}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


@dataclass
class Profile:
    key: str
    names: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    short_link_hosts: list[str] = field(default_factory=list)
    timezone: str | None = None
    day_first: bool = False
    title_suffixes: list[str] = field(default_factory=list)
    title_suffix_patterns: list[re.Pattern[str]] = field(default_factory=list)
    cited_as: list[str] = field(default_factory=list)
    boilerplate_lines: list[re.Pattern[str]] = field(default_factory=list)
    credit_markers: list[str] = field(default_factory=list)
    drop_classes: list[str] = field(default_factory=list)
    drop_ids: list[str] = field(default_factory=list)
    footer_markers: list[str] = field(default_factory=list)
    figure_classes: list[str] = field(default_factory=list)
    credit_lines: list[re.Pattern[str]] = field(default_factory=list)
    repost_markers: list[str] = field(default_factory=list)
    original_markers: list[str] = field(default_factory=list)
    url_days: list[re.Pattern[str]] = field(default_factory=list)

    def name(self, lang: str | None) -> str:
        return localized(self.names, lang, self.key)

    def owns_host(self, host: str) -> bool:
        return any(host == d or host.endswith("." + d) for d in self.domains + self.short_link_hosts)

    def strip_title_suffix(self, title: str) -> str:
        for suffix in self.title_suffixes:
            if title.endswith(suffix) and len(title) > len(suffix):
                return title[: -len(suffix)].rstrip()
        for pattern in self.title_suffix_patterns:
            if (m := pattern.search(title)) and m.start() > 0:
                return title[: m.start()].rstrip()
        return title


_LINE_PATTERNS = ("boilerplate_lines", "credit_lines")


def _strings(where: str, value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{where} must be a list of texts")


def _profile(key: str, raw: object) -> Profile:
    """A profile from its YAML mapping; a value of the wrong shape is a DataFileError naming it."""
    if not isinstance(raw, dict):
        raise DataFileError(f"source profile {key!r} must be 'field: value' lines")
    unknown = set(raw) - set(Profile.__dataclass_fields__) - {"key"}
    if unknown:
        raise DataFileError(f"source profile {key!r}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    values = {name: value for name, value in raw.items() if name != "key"}
    for name, value in values.items():
        where = f"source profile {key!r}: {name}"
        if name == "names" and not (isinstance(value, dict) and all(isinstance(v, str) for v in value.values())):
            raise DataFileError(f"{where} must be 'language: name' lines")
        if name == "timezone" and value is not None and not (isinstance(value, str) and known_zone(value)):
            raise DataFileError(f"{where} must be a zone name such as Asia/Shanghai")
        if name == "day_first" and not isinstance(value, bool):
            raise DataFileError(f"{where} must be true or false")
        if Profile.__dataclass_fields__[name].default_factory is list:
            _strings(where, value)
    try:
        for name in _LINE_PATTERNS:  # whole-line regular expressions
            values[name] = [re.compile(rf"^\s*(?:{p})\s*$") for p in values.get(name, [])]
        for name in ("url_days", "title_suffix_patterns"):
            values[name] = [re.compile(p) for p in values.get(name, [])]
    except (re.error, OverflowError, RecursionError) as err:  # a{4294967296} overflows, not re.error
        raise DataFileError(f"source profile {key!r}: {name}: not a regular expression: {err}") from err
    return Profile(key=str(key), **values)


class SourceProfiles:
    """All outlet profiles plus the rules common to every source."""

    def __init__(self, data: dict) -> None:
        self.common = _profile("common", data.get("common") or {})
        self.outlets = {}
        for key, raw in (data.get("outlets") or {}).items():
            if _bounded(_segment(str(key))) != str(key):  # the key names its feed files
                raise DataFileError(f"source profile {key!r}: a key is letters, digits, '-' or '_' (it names files)")
            self.outlets[str(key)] = _profile(str(key), raw or {})
        self._aliases: dict[str, Profile] = {}
        for profile in self.outlets.values():
            for alias in [profile.key, *profile.aliases, *profile.names.values()]:
                self._aliases.setdefault(_fold(alias), profile)

    @classmethod
    def load(cls, *extra_files: Path) -> SourceProfiles:
        """Built-in profiles, then each extra file's outlets added or replacing by key. An extra file
        that is not a profiles file is a DataFileError naming it (and the line of broken YAML)."""
        data = yaml.safe_load(BUILTIN_PROFILES.read_text(encoding="utf-8"))
        for path in extra_files:
            if path and Path(path).is_file():
                extra = load_data_file(Path(path)) or {}
                outlets = extra.get("outlets") or {} if isinstance(extra, dict) else None
                common = extra.get("common") or {} if isinstance(extra, dict) else None
                if not isinstance(outlets, dict) or not isinstance(common, dict):
                    raise DataFileError(f"{path}: expected 'outlets:' and 'common:' sections of 'key: value' lines")
                data.setdefault("outlets", {}).update(outlets)
                for key, values in common.items():
                    _strings(f"{path}: common: {key}", values)
                    data.setdefault("common", {}).setdefault(key, []).extend(values)
        try:
            return cls(data)
        except ValueError as err:
            raise DataFileError(f"{', '.join(map(str, extra_files))}: {err}" if extra_files else str(err)) from err

    def get(self, key: str | None) -> Profile | None:
        return self.outlets.get(key) if key else None

    def by_name(self, name: str | None) -> Profile | None:
        return self._aliases.get(_fold(name)) if name else None

    def by_url(self, url: str | None) -> Profile | None:
        host = host_of(url)
        if not host:
            return None
        return next((p for p in self.outlets.values() if p.owns_host(host)), None)

    def short_link_profile(self, line: str) -> Profile | None:
        host = host_of(line)
        return next((p for p in self.outlets.values() if host and host in p.short_link_hosts), None)

    def identify(
        self, *, names: Sequence[str] = (), urls: Sequence[str | None] = (), folders: Sequence[str] = ()
    ) -> Profile | None:
        """The outlet named in metadata, else the one owning a URL, else a folder named after it."""
        for name in names:
            if profile := self.by_name(name):
                return profile
        for url in urls:
            if profile := self.by_url(url):
                return profile
        for folder in folders:
            if profile := self.by_name(folder):
                return profile
        return None

    def resolve(
        self,
        *,
        names: Sequence[str] = (),
        urls: Sequence[str | None] = (),
        folders: Sequence[str] = (),
        site_names: Sequence[str] = (),
    ) -> tuple[Profile | None, OutletRef | None]:
        """The outlet's profile if it has one, and the outlet as a reference either way: a known
        outlet by its key, any other by the name the site gives itself or its domain."""
        profile = self.identify(names=[*names, *site_names], urls=urls, folders=folders)
        if profile is not None:
            return profile, OutletRef(key=profile.key, name="")
        return None, unprofiled_outlet(site_names, urls)

    def cited_in(self, text: str) -> Profile | None:
        head = text[:600]
        return next((p for p in self.outlets.values() if any(c in head for c in p.cited_as)), None)

    def boilerplate_owner(self, line: str) -> Profile | None:
        """The outlet whose page chrome this captured line is, if any."""
        return next((p for p in self.outlets.values() if any(r.match(line) for r in p.boilerplate_lines)), None)

    def credit_markers(self) -> list[str]:
        return [m for p in self.outlets.values() for m in p.credit_markers]

    def is_credit_line(self, line: str) -> bool:
        return any(r.match(line) for p in self.outlets.values() for r in p.credit_lines)
