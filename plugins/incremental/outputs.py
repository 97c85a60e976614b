"""The output folder's own record of what a build wrote (pure: no Pelican import).

`OUTPUT/.build/` holds:

- `manifest.json`: every file the last *completed* build produced (pages, feeds, OPML, search
  index, ingest report, theme files), with the hash of what was written, its size and mtime, and
  for pages the key of their inputs. A page is skipped only when its key matches and the file still
  holds that hash.
- `journal`: written while a build runs, one line per output path *before* the file is written,
  removed when the build completes. A journal found at start means the last build was killed: its
  paths may hold anything, so each is verified by hash and rewritten or removed.
- `lock`: an exclusive lock for the whole build, so two builds never write one folder at once.

Files are written atomically (a temporary file, then `os.replace`), so a killed build leaves whole
files of either build, never half a file; the manifest is what says which build each belongs to.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from glob import escape as glob_escape
from pathlib import Path

from ingest import stamps  # sibling plugin, pure: when a file's stat stands for its bytes
from ingest.confine import OutsideError, inside, open_inside  # sibling plugin, pure: containment

logger = logging.getLogger(__name__)

CACHE_DIR = ".build"
MANIFEST_VERSION = 3  # 3: each file's entry a row (Entry's fields in order); 2: a mapping, still read


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_hash(path: Path) -> str | None:
    try:
        return content_hash(path.read_bytes())
    except OSError:
        return None


@dataclass
class Entry:
    """One output file as the build that wrote it left it."""

    hash: str
    size: int
    mtime_ns: int
    key: str | None = None  # pages: the digest of their inputs
    via: str = "page"  # page | file (written through this module) | search | adopted (found written)
    ino: int = 0  # 0: unknown (an older manifest): the file is checked by its hash
    ctime_ns: int = 0

    def row(self) -> list:
        """The fields in order, as the manifest keeps them (dataclasses.astuple deep-copies each
        field: seconds for the files of a big archive)."""
        return list(self.__dict__.values())  # __init__ sets them in this order; nothing else is set

    def with_stat(self, info: os.stat_result) -> Entry:
        self.size, self.mtime_ns, self.ino, self.ctime_ns = (
            info.st_size,
            info.st_mtime_ns,
            info.st_ino,
            info.st_ctime_ns,
        )
        return self


class BuildLockTimeout(RuntimeError):
    pass


class OutputLock:
    """An exclusive lock on an output folder (flock: released by the kernel if the build dies)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, timeout: float, say: Callable[[str], None] = logger.warning, poll: float = 0.5) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline, told = time.monotonic() + timeout, False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            if time.monotonic() >= deadline:
                os.close(fd)
                raise BuildLockTimeout(
                    f"another build (pid {holder}) is writing {self.path.parent.parent}; gave up after {timeout:g} s "
                    "(BUILD_LOCK_TIMEOUT). Nothing was written."
                )
            if not told:
                say(f"another build (pid {holder}) is writing {self.path.parent.parent}; waiting up to {timeout:g} s")
                told = True
            time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None


def glob_matcher(pattern: str) -> Callable[[str], bool]:
    """A matcher for globs as Pagefind reads them (`**/` is any number of folders, `*` stays in one)."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    regex = re.compile(out + r"\Z")
    return lambda rel: regex.match(rel) is not None


class BuildOutputs:
    """One build's view of its output folder: what the last build left, what this one writes."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        # as a string: a page's path is made and checked per page, faster than through pathlib
        self._prefix = os.path.join(os.path.abspath(self.root), "")
        self.cache = self.root / CACHE_DIR
        self.previous: dict[str, Entry] = {}
        self.current: dict[str, Entry] = {}
        self.previous_meta: dict = {}
        self.trusted_before_ns = 0  # files recorded as written before this are checked by their stat
        self.meta: dict = {}  # small facts kept for the next build (e.g. the search index's key)
        self.dirty: set[str] = set()  # paths a killed build may have written
        self.killed = False
        self.started_ns = 0
        self.removed: list[str] = []
        self.written = 0  # files written (not left as they were)
        self.pages_rendered = 0
        self.lock = OutputLock(self.cache / "lock")
        self._real_root: str | None = None  # the folder's real path, found at the first write
        self._journal: int | None = None

    # --- start and end -------------------------------------------------------------------------
    def begin(self, lock_timeout: float = 600.0) -> None:
        drop_links_out(self.root)  # first: the lock itself is in the output folder
        self.lock.acquire(lock_timeout)
        self.started_ns = time.time_ns()
        self._load_manifest()
        journal = self.cache / "journal"
        if journal.exists():
            self.killed = True
            self.dirty = self._read_journal(journal)
            logger.warning(
                "incremental: the last build into %s did not finish; checking the %d files it may have written",
                self.root, len(self.dirty),
            )  # fmt: skip
        for stray in self.cache.glob("*.tmp*"):  # a killed build's unfinished files and folders
            shutil.rmtree(stray, ignore_errors=True) if stray.is_dir() else _remove(stray)
        for rel in self.dirty:  # half-written temporary files of the killed build
            path = self.path(rel)
            for stray in path.parent.glob(f".{glob_escape(path.name)}.tmp*") if path.parent.is_dir() else ():
                _remove(stray)
        self._journal = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.ftruncate(self._journal, 0)
        # a second kill before this build ends must still know the first one's paths
        self._log(sorted(self.dirty))

    def _load_manifest(self) -> None:
        try:
            data = json.loads((self.cache / "manifest.json").read_text(encoding="utf-8"))
            version = data.get("version")
            if version not in (2, MANIFEST_VERSION):
                raise ValueError("another manifest version")
            # only paths inside the folder: a damaged manifest must not make the build remove others
            self.previous = {
                rel: Entry(*fields) if version == MANIFEST_VERSION else Entry(**fields)
                for rel, fields in data["files"].items()
                if _plain(rel)
            }
            self.previous_meta = data.get("meta", {})
            self.trusted_before_ns = int(data.get("finished_ns", 0)) - stamps.TRUST_STAT_MARGIN_NS
        except FileNotFoundError:
            pass
        except (OSError, ValueError, TypeError, KeyError) as error:
            logger.warning("incremental: unreadable manifest (%s); every page is written again", error)
            self.previous, self.previous_meta = {}, {}

    @staticmethod
    def _read_journal(path: Path) -> set[str]:
        paths = set()
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            with contextlib.suppress(ValueError):
                rel = json.loads(line)
                if isinstance(rel, str):
                    paths.add(rel)
        return paths

    def _log(self, rels: Iterable[str]) -> None:
        data = "".join(json.dumps(rel) + "\n" for rel in rels).encode("utf-8")
        if data and self._journal is not None:
            os.write(self._journal, data)

    def finish(self, adopt_under: Iterable[str] = ()) -> None:
        """Take in files other code wrote during this build, remove what the last build had and
        this one has not, save the manifest, end the journal, release the lock."""
        self._adopt_new_files(adopt_under)
        self.remove_stale()
        manifest = {
            "version": MANIFEST_VERSION,
            "files": {rel: entry.row() for rel, entry in sorted(self.current.items())},
            "meta": self.meta,
            "finished_ns": time.time_ns(),
        }
        _atomic_write(self.cache / "manifest.json", json.dumps(manifest, separators=(",", ":")).encode("utf-8"))
        self.close()
        _remove(self.cache / "journal")  # only now is the build complete
        self.lock.release()

    def abandon(self) -> None:
        """A build that failed: keep the journal (the next build checks these paths), unlock."""
        self.close()
        self.lock.release()

    def close(self) -> None:
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None

    # --- pages and files -----------------------------------------------------------------------
    def path(self, rel: str) -> Path:
        return self.root / rel

    def rel(self, path: str | Path) -> str:
        absolute = os.path.abspath(path)
        if absolute.startswith(self._prefix) and os.sep == "/":
            return absolute[len(self._prefix) :]
        return Path(os.path.relpath(absolute, self._prefix)).as_posix()

    def is_current(self, rel: str, key: str) -> bool:
        """The last completed build wrote this page from the same inputs and the file still holds it."""
        entry = self.previous.get(rel)
        return entry is not None and entry.key == key and self._intact(rel, entry)

    def _intact(self, rel: str, entry: Entry) -> bool:
        """The file holds what the manifest says: the file that build wrote, unchanged (inode,
        ctime, mtime and size, see stamps.py), or else the same bytes by hash — a file
        changed behind the build's back may keep its size and mtime, never its ctime. A link is
        never read through: it is not the file the build wrote."""
        path = self._prefix + rel
        try:
            info = os.lstat(path)
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode) or info.st_size != entry.size:
            return False
        if (
            entry.ino
            and (info.st_ino, info.st_ctime_ns, info.st_mtime_ns) == (entry.ino, entry.ctime_ns, entry.mtime_ns)
            and entry.ctime_ns < self.trusted_before_ns
            and rel not in self.dirty
        ):
            return True
        if file_hash(Path(path)) != entry.hash:
            return False
        if stamps.settled(info):
            entry.with_stat(info)  # the stat taken before the hash (touched, or an older manifest): trusted next time
        return True

    def keep(self, rel: str, key: str | None = None) -> None:
        """The file from the last build stays as it is."""
        entry = self.previous[rel]
        # with the recorded key (always so for a kept page) the record itself, not a copy: a record
        # changes in place only by the stat a check adds, which is true of both builds' files
        self.current[rel] = entry if key is None or key == entry.key else replace(entry, key=key)

    def write(self, rel: str, data: bytes, key: str | None = None, via: str = "file") -> bool:
        """Write one output file atomically (journaled first); a file that already holds these
        bytes is left alone. True when the file was written."""
        digest = content_hash(data)
        previous = self.previous.get(rel)
        if previous is not None and previous.hash == digest and self._intact(rel, previous):
            self.current[rel] = replace(previous, key=key, via=via)
            return False
        self._log([rel])
        # written as named: a link inside the folder is replaced, not written through
        fd, name = self._checked_folder(rel)
        if fd is None:  # a folder not made yet, an odd name, or no /proc: checked by name, made
            path = self.path(rel)
            inside(self.root, rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(path, data)
            info = os.lstat(path)
        else:
            try:
                _atomic_write_at(fd, name, data)
                info = os.stat(name, dir_fd=fd, follow_symlinks=False)
            finally:
                os.close(fd)
        self.written += 1
        self.current[rel] = Entry(digest, 0, 0, key, via).with_stat(info)
        return True

    def check(self, rel: str) -> None:
        """The containment check of `write`, before a page is rendered: OutsideError."""
        fd, _ = self._checked_folder(rel)
        if fd is None:
            inside(self.root, rel)
        else:
            os.close(fd)

    def _checked_folder(self, rel: str) -> tuple[int | None, str]:
        """(the open folder `rel` is written into, its name there), the one real-path containment
        check (OutsideError, a ValueError) made on the folder as opened and on a link of that name;
        no folder when this cannot be told so (see open_inside): then `inside` checks by name."""
        folder, name = os.path.split(self._prefix + rel)
        if name in ("", ".", ".."):
            return None, name
        if self._real_root is None:
            self._real_root = os.path.realpath(self.root)
        fd = open_inside(self._real_root, folder)
        if fd is not None and _is_link(name, fd):
            try:
                inside(self.root, rel)  # a link that leads out is refused; one that stays in, replaced
            except OutsideError:
                os.close(fd)
                raise
        return fd, name

    def record(self, rel: str, via: str) -> None:
        """A file another program wrote (the search index): hash it as it is now."""
        path = self.path(rel)
        info = os.stat(path)  # before reading: a change after it makes the stat differ next time
        self.current[rel] = Entry(content_hash(path.read_bytes()), 0, 0, None, via).with_stat(info)

    def journal(self, rels: Iterable[str]) -> None:
        """Paths another program is about to write (so a kill in between is seen)."""
        self._log(rels)

    def intact(self, rel: str) -> bool:
        entry = self.previous.get(rel)
        return entry is not None and self._intact(rel, entry)

    def previous_by_folder(self) -> dict[str, list[str]]:
        """The last build's files in folders, by the top folder they are in (one pass for every
        search index, not one per index: 31 of them at 20,000 articles)."""
        folders: dict[str, list[str]] = {}
        for rel in self.previous:
            top, slash, _ = rel.partition("/")
            if slash:
                folders.setdefault(top, []).append(rel)
        return folders

    # --- what is no longer there ---------------------------------------------------------------
    def remove_stale(self, match: Callable[[str], bool] | None = None) -> list[str]:
        """Remove files the last build (or a killed one) wrote that this build has not (so far,
        among those `match` accepts). Returns the paths removed."""
        removed = []
        for rel in sorted((set(self.previous) | self.dirty) - set(self.current)):
            if match is not None and not match(rel):
                continue
            path = self.path(rel)
            if path.is_file() or path.is_symlink():
                _remove(path)
                removed.append(rel)
            self.previous.pop(rel, None)
            self.dirty.discard(rel)
        for rel in removed:
            _prune_empty_parents(self.path(rel).parent, self.root)
        self.removed += removed
        return removed

    def _adopt_new_files(self, folders: Iterable[str]) -> None:
        """Files written during this build by code that does not write through here (the ingest
        report, the theme's static files Pelican copies): recorded so they are known next time."""
        for folder in folders:
            base = self.root / folder
            candidates = (
                [base] if base.is_file() else (p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []
            )
            for path in candidates:
                rel = self.rel(path)
                if rel in self.current or rel.startswith(CACHE_DIR + "/"):
                    continue
                if os.stat(path).st_mtime_ns >= self.started_ns or rel in self.previous:
                    self.record(rel, "adopted")


def drop_links_out(root: Path) -> list[str]:
    """Remove the symbolic links in the output folder that resolve outside it (the links, never what
    they point to), so no writer — pages, Pelican's copy of the theme files, the search indexer, this
    module — writes through one into another folder. Returns them, each one warned about."""
    real_root = os.path.realpath(root)
    dropped = []
    # scandir's entries say whether each is a link without a system call per file (os.walk and
    # islink took one: 0.9 s of a one-file rebuild at 20,000 articles)
    folders = [os.fspath(root)]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                found = list(entries)
        except OSError:  # gone or unreadable: as os.walk, nothing to drop there
            continue
        for entry in found:
            if not entry.is_symlink():
                if entry.is_dir(follow_symlinks=False):  # links to folders are listed, never followed
                    folders.append(entry.path)
                continue
            target = os.path.realpath(entry.path)
            if target == real_root or Path(target).is_relative_to(real_root):
                continue
            _remove(Path(entry.path))
            dropped.append(os.path.relpath(entry.path, root))
            logger.warning(
                "incremental: removed the link %s in the output folder: it leads outside, to %s", entry.path, target
            )
    return dropped


def _plain(rel: object) -> bool:
    """A manifest path that names a file inside the folder: relative, no `..`, no empty part."""
    return (
        isinstance(rel, str)
        and bool(rel)
        and not rel.startswith("/")
        and all(part not in ("", ".", "..") for part in rel.split("/"))
    )


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):  # never made (a name too long): the first error is the one to tell
            _remove(tmp)
        raise


def _atomic_write_at(folder: int, name: str, data: bytes) -> None:
    """_atomic_write into the open folder `folder`."""
    tmp = f".{name}.tmp{os.getpid()}"
    try:
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666, dir_fd=folder), "wb") as f:
            f.write(data)
        os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):  # never made (a name too long): the first error is the one to tell
            os.unlink(tmp, dir_fd=folder)
        raise


def _is_link(name: str, folder: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode)
    except FileNotFoundError:
        return False


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _prune_empty_parents(folder: Path, root: Path) -> None:
    root = root.resolve()
    folder = folder.resolve()
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
