"""The tag vocabulary (data, tags.yml): canonical keys, display names and aliases per language."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from ingest.yaml_bounds import DataFileError, load_data_file  # sibling plugin: bounded YAML, errors with lines
from scripts import localized

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # same documents, parsed in C
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# What a tag names. Countries and topics are broad: reports of different events share them, so they
# never make an event on their own (plugins/stories); the others are specific names.
KINDS = ("person", "org", "place", "event", "country", "topic")
BROAD_KINDS = frozenset({"country", "topic"})


@dataclass
class TagEntry:
    key: str
    names: dict[str, str]
    aliases: dict[str, list[str]] = field(default_factory=dict)
    kind: str = "person"  # one of KINDS; an entry that says nothing is taken as a specific name

    @property
    def broad(self) -> bool:
        return self.kind in BROAD_KINDS

    def name(self, lang: str | None) -> str:
        return localized(self.names, lang, self.key)

    def all_aliases(self) -> list[str]:
        """Names count as aliases too."""
        words = list(self.names.values()) + [a for group in self.aliases.values() for a in group]
        return list(dict.fromkeys(w for w in words if w))


class Vocabulary:
    def __init__(self, entries: dict[str, TagEntry]) -> None:
        self.entries = entries

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        """The vocabulary of a tags.yml. A file that is not one is a DataFileError naming it (and the line
        of broken YAML): the build goes on without it."""
        # libyaml when PyYAML has it: the vocabulary is read in every build and every ingestion worker
        data = load_data_file(path, _LOADER) or {}
        if not isinstance(data, dict):
            raise DataFileError(f"{path}: expected tag entries ('key:' lines), found a {type(data).__name__}")
        entries = {}
        for key, raw in data.items():
            key = str(key) if isinstance(key, (str, int)) else key  # YAML reads `2021:` as a number
            if not isinstance(key, str) or not _KEY.match(key):
                raise DataFileError(f"{path}: tag key {key!r} must be lowercase ASCII words joined by '-'")
            raw = raw or {}
            if not isinstance(raw, dict):
                raise DataFileError(f"{path}: tag {key!r} must be 'names:', 'aliases:' and 'kind:' lines")
            names, aliases = raw.get("names") or {}, raw.get("aliases") or {}
            if not isinstance(names, dict) or not isinstance(aliases, dict):
                raise DataFileError(f"{path}: tag {key!r} must have 'names:' and 'aliases:' by language")
            if not all(isinstance(group, (list, type(None))) for group in aliases.values()):
                raise DataFileError(f"{path}: tag {key!r}: aliases of a language must be a list")
            kind = str(raw.get("kind") or "person")
            if kind not in KINDS:
                raise DataFileError(f"{path}: tag {key!r} has kind {kind!r}, not one of {', '.join(KINDS)}")
            entries[key] = TagEntry(
                key,
                {str(k): str(v) for k, v in names.items()} or {"en": key},
                {str(k): [str(a) for a in v or []] for k, v in aliases.items()},
                kind,
            )
        return cls(entries)

    @cached_property
    def render_digest(self) -> str:
        """Its entries' digest: page keys (plugins/incremental) know the vocabulary by it, so a page
        that reads it (tag pages) is not rendered again in every build."""
        return hashlib.sha1(repr(sorted(self.entries.items())).encode("utf-8")).hexdigest()

    @classmethod
    def empty(cls) -> Vocabulary:
        return cls({})

    def get(self, key: str) -> TagEntry | None:
        return self.entries.get(key)
