"""Typed settings, modelled on MkDocs' `config_scheme`: each plugin declares its settings once, as a
frozen dataclass deriving from `PluginSettings` (in its own settings.py), a field per setting with
its default and its meaning (`setting()`). `PluginSettings.of(settings)` reads Pelican's settings
into it, checked; `check()` validates a whole configuration into (errors, warnings): a value of the
wrong type is an error, a key that looks like one of ours but is not (a plugin's prefix, a close
misspelling) a warning with the likely setting. Pure: no Pelican import."""

from __future__ import annotations

import copy
import dataclasses
import difflib
import importlib
import json
import types
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar, Literal, Self, Union

PLUGINS_ROOT = Path(__file__).resolve().parent.parent
MISSPELLING_CUTOFF = 0.8  # difflib ratio above which an unknown key is taken for a misspelt one of ours


class SettingsError(SystemExit):
    """A setting that cannot work. A SystemExit, as the ingest report's StrictModeError: the build
    stops with status 1 and the message, not with Pelican's report of a crash."""

    exitcode = 1

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("error: settings:\n" + "\n".join(f"  {p}" for p in self.problems))


def setting(default: Any, doc: str, pages: bool = True) -> Any:
    """A dataclass field for one setting: its default (copied for each instance when mutable) and
    what it means (the README's settings table shows both). `pages` False: how the build runs (its
    processes, caches, waiting), never what it makes, so a change renders no page again."""
    metadata = {"doc": doc, "pages": pages}
    if isinstance(default, (list, dict, set)):
        return dataclasses.field(default_factory=lambda: copy.deepcopy(default), metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@dataclasses.dataclass(frozen=True)
class PluginSettings:
    """Base of each plugin's settings. A field `some_name` is the setting `SOME_NAME`; PREFIXES are
    the setting-name prefixes the plugin owns (an unknown key with one is reported)."""

    PREFIXES: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def setting_fields(cls) -> dict[str, dataclasses.Field]:
        return {f.name.upper(): f for f in dataclasses.fields(cls)}

    @classmethod
    def build_only(cls) -> set[str]:
        """The settings that change how the build runs, not what it makes (see `setting`)."""
        return {key for key, f in cls.setting_fields().items() if not f.metadata.get("pages", True)}

    @classmethod
    def of(cls, settings: Mapping[str, Any]) -> Self:
        """The plugin's settings from Pelican's (defaults for those not set); SettingsError names
        every setting whose value has the wrong type."""
        values, errors = cls._read(settings)
        if errors:
            raise SettingsError(errors)
        return cls(**values)

    @classmethod
    def _read(cls, settings: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
        hints = typing.get_type_hints(cls)
        values, errors = {}, []
        for key, f in cls.setting_fields().items():
            if key not in settings:
                continue  # the field's default
            value = settings[key]
            problem = type_problem(value, hints[f.name])
            if problem:
                errors.append(f"{key}: expected {describe(hints[f.name])}, got {value!r} ({problem})")
            else:
                values[f.name] = value
        errors += cls.extra_problems(settings)
        return values, errors

    @classmethod
    def extra_problems(cls, settings: Mapping[str, Any]) -> list[str]:
        """Checks beyond types (a plugin overrides this, e.g. the keys inside a dict setting)."""
        return []

    def data_files(self) -> list[str]:
        """Data files the plugin reads (relative: in the content folder): a change in one is a
        change of every page (the incremental plugin asks every enabled plugin)."""
        return []

    def own_outputs(self) -> list[str]:
        """Output paths the plugin writes itself, not through the build's writer (the incremental
        plugin adopts them into its manifest)."""
        return []


def type_problem(value: Any, hint: Any) -> str | None:
    """Why `value` does not fit the annotation `hint`, or None. Lists and tuples are both accepted
    where a list is annotated (settings files write either); an int is a float, a bool is no int."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return None
    if origin in (Union, types.UnionType):
        problems = [type_problem(value, arg) for arg in args]
        if None in problems:
            return None
        # say why it is not the main type (a str is not a float), not that it is not None
        return next((p for arg, p in zip(args, problems, strict=True) if arg is not type(None)), problems[0])
    if hint is type(None) or hint is None:
        return None if value is None else "not None"
    if origin is Literal:
        return None if value in args else f"not one of {', '.join(map(repr, args))}"
    if origin in (list, tuple):
        if not isinstance(value, (list, tuple)):
            return f"a {type(value).__name__}, not a list"
        item = args[0] if args else Any
        for x in value:
            problem = type_problem(x, item)
            if problem:
                return f"item {x!r}: {problem}"
        return None
    if origin is dict:
        if not isinstance(value, dict):
            return f"a {type(value).__name__}, not a mapping"
        key_hint, value_hint = args or (Any, Any)
        for k, v in value.items():
            problem = type_problem(k, key_hint) or type_problem(v, value_hint)
            if problem:
                return f"entry {k!r}: {problem}"
        return None
    if hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, hint)
    return None if ok else f"a {type(value).__name__}"


def describe(hint: Any) -> str:
    """An annotation in words: `list of str`, `int or None`."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):
        return " or ".join(describe(a) for a in args)
    if hint is type(None):
        return "None"
    if origin is Literal:
        return " or ".join(map(repr, args))
    if origin in (list, tuple):
        return f"list of {describe(args[0])}" if args else "list"
    if origin is dict:
        return f"mapping of {describe(args[0])} to {describe(args[1])}" if args else "mapping"
    return getattr(hint, "__name__", str(hint))


# --- the plugins of this folder ----------------------------------------------------------------------
def plugin_names() -> list[str]:
    """Every plugin of this folder (a package with register()) but this one, enabled or not."""
    return sorted(
        p.parent.name
        for p in PLUGINS_ROOT.glob("*/__init__.py")
        if "def register" in p.read_text(encoding="utf-8") and p.parent.name != "contract"
    )


def schemes(names: Iterable[str] | None = None) -> dict[str, type[PluginSettings]]:
    """The settings class of each named plugin (all of this folder's by default) that has one."""
    found = {}
    for name in plugin_names() if names is None else names:
        if not (PLUGINS_ROOT / name / "settings.py").is_file():
            continue
        module = importlib.import_module(f"{name}.settings")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, PluginSettings)
                and value is not PluginSettings
                and value.__module__ == module.__name__
            ):
                found[name] = value
    return found


def check(settings: Mapping[str, Any], known: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """(errors, warnings) of a configuration against every plugin's settings, as MkDocs validates
    its config: errors are values of the wrong type; warnings are keys that are not settings of
    any plugin here nor in `known` (Pelican's own) but carry a plugin's prefix or are close to one
    of its settings (with the likely one)."""
    all_schemes = schemes()
    ours = {key: name for name, scheme in all_schemes.items() for key in scheme.setting_fields()}
    prefixes = tuple(p for scheme in all_schemes.values() for p in scheme.PREFIXES)
    known = set(known)
    errors, warnings = [], []
    for scheme in all_schemes.values():
        errors += scheme._read(settings)[1]
    for key in sorted(k for k in settings if isinstance(k, str) and k.isupper() and not k.startswith("_")):
        if key in ours or key in known:
            continue
        close = difflib.get_close_matches(key, list(ours), n=1, cutoff=MISSPELLING_CUTOFF)
        if close:
            warnings.append(f"{key}: not a setting of this site's plugins; did you mean {close[0]}?")
        elif key.startswith(prefixes):
            warnings.append(f"{key}: not a setting of this site's plugins (settings starting {key.split('_')[0]}_ are)")
    return errors, warnings


def requirements_problems(enabled: list[str]) -> list[str]:
    """What the enabled plugins (in PLUGINS order) lack: each plugin's REQUIRES must be enabled too,
    and each of its AFTER that is enabled must come before it."""
    problems = []
    for position, name in enumerate(enabled):
        if name not in plugin_names():
            continue  # a plugin from elsewhere declares nothing here
        module = importlib.import_module(name)
        for needed in getattr(module, "REQUIRES", ()):
            if needed not in enabled:
                problems.append(f"PLUGINS: {name!r} needs {needed!r}; add it to PLUGINS")
        for before in getattr(module, "AFTER", ()):
            if before in enabled[position + 1 :]:
                problems.append(f"PLUGINS: {name!r} must come after {before!r}")
    return problems


# --- the README's settings table -------------------------------------------------------------------
def _shown(value: Any) -> str:
    if isinstance(value, (str, list, tuple, dict)):
        return "`" + json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False) + "`"
    return f"`{value!r}`"


def settings_table() -> str:
    """The README's table of every plugin setting: name, default, meaning (from the dataclasses)."""
    rows = ["| setting | plugin | default | meaning |", "|---|---|---|---|"]
    for name, scheme in schemes().items():
        defaults = scheme()
        for key, f in scheme.setting_fields().items():
            rows.append(f"| `{key}` | {name} | {_shown(getattr(defaults, f.name))} | {f.metadata['doc']} |")
    return "\n".join(rows)


if __name__ == "__main__":  # the README's table: PYTHONPATH=plugins python -m contract.settings
    from contract.settings import settings_table as table  # the module itself, not this __main__ copy

    print(table())
