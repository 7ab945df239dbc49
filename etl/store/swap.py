"""The atomic file swap a load writes through: lock, private copy, fsync, `os.replace`.

A load never writes to the live file. It copies the database next to itself, writes into the copy and
`os.replace`s it into place, so a reader (the dashboard holds the file read-only) sees the old report
set or the new one, never half a report, and a load killed mid-way leaves the old file untouched.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def writer_lock(db_path: Path) -> Iterator[None]:
    """Held for a whole load; sweeps the copies left by loads that were killed (safe: nobody else writes now)."""
    # Two loaders must not both copy the same old file and race to swap; readers never take this lock.
    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "a+") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            _sweep_stale_copies(db_path)
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


@contextmanager
def swapped_copy(db_path: Path) -> Iterator[Path]:
    """A private copy of the database to write into; swapped into place if the block ends without an error.

    On any error the live file is untouched, and either way the copy and its WAL are removed. Call it
    inside `writer_lock`.
    """
    tmp_path = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    try:
        if db_path.exists():
            shutil.copy2(db_path, tmp_path)
        yield tmp_path
        _fsync(tmp_path)
        os.replace(tmp_path, db_path)
    finally:
        _remove_quietly(tmp_path)
        _remove_quietly(tmp_path.with_name(tmp_path.name + ".wal"))


def _sweep_stale_copies(db_path: Path) -> None:
    for leftover in db_path.parent.glob(f".{db_path.name}.*.tmp*"):
        _remove_quietly(leftover)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
