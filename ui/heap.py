"""Keep the process's long-lived objects out of the garbage collector's way.

Streamlit runs a full collection (`gc.collect(2)`, option `runner.postScriptGC`) after every script run, so
each page view and each widget change walks every object the process holds. This process holds about four
times what a bare Streamlit app does (pandas, pyarrow, duckdb, plotly's validators, the catalogue and the
gazetteer, the shared caches of `ui.data`): about 320,000 objects, 50–90 ms of CPU per run on this machine,
the larger part of what a page view cost above a bare page.

`settle(key)` collects once and then `gc.freeze()`s what survived: frozen objects are never walked again (they
are still freed by reference counting). It is called after the first complete run of each page and language on
a database version, when that page's modules are imported and its caches filled. `thaw()` (a load swapped a
new file in, so the old version's caches are being dropped) returns everything to the collector once, so a
cycle among dropped values is not kept for ever; the next runs freeze the new version's caches.

Bounded: at most MAX_SETTLES freezes between thaws. Whatever a session still held at a freeze (its state,
its cursor) is frozen with it until the next thaw; that is a few sessions' worth per database version.
No streamlit here.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Hashable

MAX_SETTLES = 48  # 12 pages × 2 languages, with room for the presentation's modes
_SETTLED: set[Hashable] = set()
_LOCK = threading.Lock()


def settle(key: Hashable) -> bool:
    """Collect and freeze the heap the first time `key` (page, language, database version) is seen; True then."""
    with _LOCK:
        if key in _SETTLED or len(_SETTLED) >= MAX_SETTLES:
            return False
        _SETTLED.add(key)
        gc.collect()
        gc.freeze()
        return True


def thaw() -> None:
    """Give every frozen object back to the collector (after a database swap) and start settling anew."""
    with _LOCK:
        _SETTLED.clear()
        gc.unfreeze()


def frozen_count() -> int:
    return gc.get_freeze_count()
