"""When a file's stat may stand for its bytes (pure): the inode, ctime, mtime and size of a file are
the same only if it was not changed (ctime is set by the kernel on every change and cannot be set
back), unless the change came within one timestamp tick of the time they were recorded."""

from __future__ import annotations

import os
import time

# A stat recorded less than this after the file's last change is not trusted: a second change within
# the same tick could keep all four
TRUST_STAT_MARGIN_NS = 2_000_000_000


def stamp_of(info: os.stat_result) -> str:
    """The facts of a stat that change with the file's bytes (device, inode, size, mtime, ctime)."""
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def settled(info: os.stat_result) -> bool:
    """The file's last change is old enough for its stat to be trusted next time."""
    return info.st_ctime_ns < time.time_ns() - TRUST_STAT_MARGIN_NS
