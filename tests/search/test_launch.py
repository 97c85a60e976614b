"""Pagefind runs in a child that ends with the build: a killed build leaves no indexer behind."""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))
from search import launch


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has ended; only its parent has not collected it


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_the_child_ends_when_the_build_is_killed(tmp_path):
    (tmp_path / "sleeper.py").write_text("import time\ntime.sleep(60)\n", encoding="utf-8")
    build = textwrap.dedent(
        f"""
        import subprocess, sys, time
        sys.path.insert(0, {str(Path(__file__).resolve().parents[2] / "plugins")!r})
        from search import launch
        child = subprocess.Popen(launch("sleeper", []), cwd={str(tmp_path)!r}, env={{"PYTHONPATH": {str(tmp_path)!r}}})
        print(child.pid, flush=True)
        time.sleep(60)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", build], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    time.sleep(1.0)  # the child is past its prctl, sleeping in the module
    assert _alive(child)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def test_the_child_runs_the_module_with_its_arguments(tmp_path):
    (tmp_path / "echo.py").write_text("import sys\nprint(repr(sys.argv[1:]), __name__)\n", encoding="utf-8")
    out = subprocess.run(
        launch("echo", ["--site", "a b"]),
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "['--site', 'a b'] __main__"  # as `python -m echo --site 'a b'`
