"""Confinement: content is read only from inside the content folder, output written only inside the
output folder, both judged on real paths (symbolic links resolved), never on string prefixes."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO


class OutsideError(ValueError):
    """A path that resolves outside the folder it must stay in."""


def inside(root: str | os.PathLike, relative: str) -> Path:
    """`root/relative` if its real path (links resolved, as far as they exist) is inside the real
    path of `root`; else OutsideError. Checked before a generated file is written into a folder
    that is not there yet (made after the check), or where `open_inside` cannot tell."""
    base = Path(os.path.realpath(root))
    return _within_base(base, relative, Path(os.path.realpath(os.path.join(base, relative))))


def _within_base(base: Path, relative: str, target: Path) -> Path:
    """`target` (the real path of `relative`) if it is below `base`, else OutsideError."""
    if target == base or not target.is_relative_to(base):
        raise OutsideError(f"{relative!r} resolves to {target}, outside {base}")
    return target


# Linux names the real path of an open descriptor here: the path as the kernel resolved it on opening
_PROC_FD = Path("/proc/self/fd")
_HAS_PROC_FD = _PROC_FD.is_dir()


def open_inside(base: str, folder: str) -> int | None:
    """A descriptor of the existing folder `folder`, when the kernel, opening it, resolved it (links
    included) to `base` (a real path) or a folder below it; OutsideError when it resolved outside;
    None when this cannot be told so (no such folder yet, or no /proc/self/fd): then `inside`.
    What is written through the descriptor lands in the folder that was checked, whatever the
    names along the path are changed into afterwards; and it costs two system calls, not one lstat
    per component of the path as `inside` does (a tenth of a millisecond a page)."""
    if not _HAS_PROC_FD:
        return None
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        real = os.readlink(_PROC_FD / str(fd))
    except OSError:
        os.close(fd)
        return None
    if real != base and not real.startswith(os.path.join(base, "")):
        os.close(fd)
        raise OutsideError(f"{folder!r} resolves to {real}, outside {base}")
    return fd


class Confinement:
    """`inside` for many paths under one root at one moment (the address of every article before
    anything is written): each folder's real path is found once, then one lstat per path. Writes
    still check at the moment of writing (`open_inside`, else `inside`)."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = root
        self.base = Path(os.path.realpath(root))
        self._folders: dict[str, tuple[str, bool]] = {}  # folder → its real path, and whether it is inside

    def check(self, relative: str) -> Path:
        folder, name = os.path.split(os.path.join(self.base, relative))
        found = self._folders.get(folder)
        if found is None:
            real = os.path.realpath(folder)
            found = self._folders[folder] = (real, Path(real).is_relative_to(self.base))
        real_folder, folder_inside = found
        path = os.path.join(real_folder, name)
        if name in ("", ".", "..") or not folder_inside or os.path.islink(path):
            return inside(self.root, relative)  # said (or allowed) the long way, with the reason
        return Path(path)  # a plain name in a folder inside: inside


@contextlib.contextmanager
def open_confined(path: str, root: str | os.PathLike | None) -> Iterator[BinaryIO]:
    """A regular file opened for reading, checked after opening: the file opened, not the name at
    the moment the folder was walked, must be inside `root` (a link swapped in meanwhile is refused)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO swapped in must not hang the build
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OutsideError(f"{path!r} is not a regular file")
        if root is not None:
            base = os.path.realpath(root)
            try:
                real = os.readlink(f"/proc/self/fd/{fd}")  # what was opened, whatever its name says now
            except OSError:  # no /proc: the name's target now must be the very file opened
                real = os.path.realpath(path)
                if not os.path.samestat(info, os.stat(real)):
                    raise OutsideError(f"{path!r} changed while it was opened") from None
            if not Path(real).is_relative_to(base):
                raise OutsideError(f"{path!r} resolves to {real}, outside {base}")
        yield f


def within(root: str | os.PathLike, path: str | os.PathLike) -> bool:
    """Whether `path`, links resolved, is inside `root` (a data file read from the content folder)."""
    return Path(os.path.realpath(path)).is_relative_to(Path(os.path.realpath(root)))


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes, kept by Python as lone surrogates
        return False
    return True


@dataclass
class ContentFiles:
    """The regular files under a content folder, reached without leaving it."""

    files: list[str] = field(default_factory=list)  # paths relative to the folder, with forward slashes
    refused: dict[str, str] = field(default_factory=dict)  # path → why it is not read


def walk_content(
    root: str | os.PathLike, skip_dir: Callable[[str], bool] = lambda name: False, leave_out: Collection[str] = ()
) -> ContentFiles:
    """Every file under `root`, in path order. Symbolic links are followed only to targets inside
    `root`; a link out, a broken link or a second way into a folder already walked (a loop) is
    refused with its reason. `skip_dir(name)` leaves folders out (hidden, ignored), as does
    `leave_out` by real path (the output folder, when it is inside the content folder)."""
    base = os.path.realpath(root)
    found = ContentFiles()
    seen_dirs = {base}
    pending = [("", base)]
    linked: list[tuple[str, str]] = []  # folders reached through links: walked after the real ones
    while pending or linked:
        if not pending:
            rel, real = linked.pop(0)
            if real in seen_dirs:
                found.refused[rel] = "symbolic link to a folder read already (a loop or a second way in); not followed"
                continue
            seen_dirs.add(real)
            pending.append((rel, real))
        rel_dir, real_dir = pending.pop()
        try:
            entries = sorted(os.scandir(real_dir if not rel_dir else os.path.join(root, rel_dir)), key=lambda e: e.name)
        except OSError as err:
            found.refused[rel_dir or "."] = f"folder cannot be read: {err.strerror or err}"
            continue
        subdirs = []
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if not _utf8(entry.name):  # a name no report, page or log line can carry as it is
                shown = os.fsencode(rel).decode("utf-8", "backslashreplace")
                kind = "folder" if entry.is_dir(follow_symlinks=False) else "file"
                found.refused[shown] = f"{kind} name is not UTF-8 (rename it); not read"
                continue
            try:
                is_link = entry.is_symlink()
                # not a link: its real path is its name in the real folder (a link swapped in after
                # this is refused when the file is opened, see open_confined)
                real = os.path.realpath(entry.path) if is_link else os.path.join(real_dir, entry.name)
                is_dir = entry.is_dir()  # follows links
                is_file = entry.is_file()
            except OSError as err:
                found.refused[rel] = f"cannot be read: {err.strerror or err}"
                continue
            if is_dir and (skip_dir(entry.name) or real in leave_out):
                continue
            if is_link:
                if not os.path.exists(real):
                    found.refused[rel] = "symbolic link to nothing (broken, or a loop of links)"
                    continue
                if real != base and not Path(real).is_relative_to(base):
                    found.refused[rel] = f"symbolic link to {real}, outside the content folder; not read"
                    continue
            if is_dir and is_link:
                linked.append((rel, real))
            elif is_dir:
                if real in seen_dirs:  # a real folder inside a linked one that was read already
                    continue
                seen_dirs.add(real)
                subdirs.append((rel, real))
            elif is_file:
                found.files.append(rel)
            else:
                found.refused[rel] = "not a regular file"
        pending.extend(reversed(subdirs))
    found.files.sort()
    return found
