"""Data derived from files shipped with the code (the gazetteer), kept on disk between processes.

Building the gazetteer from its CSVs takes ~0.35 s, paid by the dashboard's first start, every CLI run and every
spawned worker; reading it back takes a tenth of that. Entries are keyed by a hash of the source files, so an
edited CSV is never served stale, and written with `marshal`, which holds plain values only: reading a cache
file can never run code. Any problem with the cache (unwritable folder, damaged entry) means building anew.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from etl.config import cache_dir

# Raised when what an entry holds changes shape; older entries are then ignored (and swept).
FORMAT_VERSION = 1


def entry_path(name: str, sources: Sequence[Path]) -> Path:
    digest = hashlib.sha256(f"{name}:{FORMAT_VERSION}".encode())
    for source in sources:
        digest.update(source.read_bytes())
    return cache_dir() / f"{name}-{digest.hexdigest()[:20]}.marshal"


def load_or_build(name: str, sources: Sequence[Path], build: Callable[[], Any]) -> Any:
    """`build()`'s plain value (dicts, tuples, str, int, bytes…), from the cache when the sources are unchanged."""
    path = entry_path(name, sources)
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    _store(path, value)
    return value


def _store(path: Path, value: Any) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.marshal"):
            stale.unlink(missing_ok=True)  # entries of earlier source versions
        tmp.write_bytes(marshal.dumps(value))
        os.replace(tmp, path)  # readers see the whole entry or none
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
