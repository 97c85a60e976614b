"""Every third-party module the code imports is declared with a pin: building code (plugins/,
pelicanconf.py, publishconf.py) in requirements.in, test code (tests/) there or in
requirements-dev.in; and each lock pins every direct requirement at the same version, with hashes."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

from archive_paths import ROOT

BUILD_CODE = [ROOT / "plugins", ROOT / "pelicanconf.py", ROOT / "publishconf.py"]
TEST_CODE = [ROOT / "tests"]
NOT_CODE = ROOT / "tests" / "eval" / "real"  # real files as published
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()  # PEP 503


def _pins(path: Path) -> dict[str, str]:
    return {_norm(name): version for name, version in PIN.findall(path.read_text(encoding="utf-8"))}


def _python_files(roots: list[Path]) -> list[Path]:
    files = [p for root in roots for p in ([root] if root.is_file() else root.rglob("*.py"))]
    return [p for p in files if NOT_CODE not in p.parents]


def _imports(path: Path) -> set[str]:
    """Top-level names of absolute imports (relative imports are the project's own)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _own_modules() -> set[str]:
    """Names the project's own code is imported by: plugin packages (pythonpath), root settings
    modules, and test helpers imported from tests/ or from a script's own folder."""
    own = {p.name for p in (ROOT / "plugins").iterdir() if p.is_dir()}
    own |= {p.stem for p in ROOT.glob("*.py")}
    for path in (ROOT / "tests").rglob("*"):
        if NOT_CODE in path.parents or path == NOT_CODE:
            continue
        if path.suffix == ".py":
            own.add(path.stem)
        elif path.is_dir():
            own.add(path.name)
    return own


def _undeclared(roots: list[Path], declared: set[str]) -> dict[str, list[str]]:
    distributions = packages_distributions()
    own = _own_modules()
    missing: dict[str, list[str]] = {}
    for path in _python_files(roots):
        for name in _imports(path):
            if name in sys.stdlib_module_names or name in own or name == "__future__":
                continue
            dists = {_norm(d) for d in distributions.get(name, [name])}
            if not dists & declared:
                missing.setdefault(f"{name} ({', '.join(sorted(dists))})", []).append(str(path.relative_to(ROOT)))
    return missing


def test_building_code_imports_only_runtime_requirements():
    assert _undeclared(BUILD_CODE, set(_pins(ROOT / "requirements.in"))) == {}


def test_test_code_imports_only_declared_requirements():
    declared = set(_pins(ROOT / "requirements.in")) | set(_pins(ROOT / "requirements-dev.in"))
    assert _undeclared(TEST_CODE, declared) == {}


def test_the_scan_sees_third_party_imports():
    """Not vacuous: a library whose pin is taken out is reported, with the modules importing it."""
    declared = set(_pins(ROOT / "requirements.in"))
    missing = _undeclared(BUILD_CODE, declared - {"regex"})
    assert list(missing) == ["regex (regex)"]
    assert all(path.startswith("plugins/") for path in missing["regex (regex)"])
    assert set(_undeclared(BUILD_CODE, set())) >= {"rich (rich)", "yaml (pyyaml)", "slugify (python-slugify)"}


def test_locks_pin_every_direct_requirement_alike_with_hashes():
    runtime, dev = _pins(ROOT / "requirements.txt"), _pins(ROOT / "requirements-dev.txt")
    for source, lock in (("requirements.in", runtime), ("requirements-dev.in", dev)):
        for name, version in _pins(ROOT / source).items():
            assert lock.get(name) == version, f"{source} pins {name}=={version}, its lock {lock.get(name)}"
    # the dev lock is constrained by the runtime lock: a package in both has one version
    assert {n: v for n, v in dev.items() if n in runtime} == {n: runtime[n] for n in dev if n in runtime}
    dev_only = set(_pins(ROOT / "requirements-dev.in"))
    assert not dev_only & set(runtime), "a test/dev tool is in the runtime lock"
    for lock in ("requirements.txt", "requirements-dev.txt"):
        entries = re.split(r"\n(?=\S)", (ROOT / lock).read_text(encoding="utf-8"))
        for entry in (e for e in entries if PIN.match(e)):
            assert "--hash=sha256:" in entry, f"{lock}: {entry.splitlines()[0]} has no hash"
