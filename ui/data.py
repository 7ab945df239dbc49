"""Cached access to the DuckDB file for the pages.

- One read-only connection per database file version (`database_stamp`), shared by all sessions.
- A cursor per session (a DuckDB connection is not thread-safe; a session runs one script at a time),
  renewed when a load swaps in a new file.
- Query results cached with `st.cache_data`, keyed by the query name, its parameters and the stamp, so a
  load invalidates them without anyone clearing caches.
- `records`: the same, as a list of plain dicts (NULL → None). The report pages filter and iterate a few dozen
  rows per script run; with pandas' Arrow-backed strings every `to_dict("records")` or boolean mask cost a
  millisecond or more, more than drawing a chart.
- Named readers (`observation_rows`, `reports_frame` …): what the pages ask for, so a page imports only this
  module, never `etl.store.queries`. Each is one `records` or `query` call with the arguments it always had.
- `derived`: anything computed from query results (tables ready to draw, chart dicts, labels), once per database
  version and key, shared read-only by every session.

`records`, `derived` and `pickers` keep their values in a plain in-process LRU rather than `st.cache_*`: those
hash every argument and inspect the function's signature on every call (~0.3 ms, several times per page run),
and `st.cache_data` unpickles a fresh copy each time. The values are read-only by contract instead.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import duckdb
import pandas as pd
import streamlit as st

from etl import config, store
from etl.ingest import ensure_database
from etl.store import queries
from ui import heap
from ui.view import to_records

_CURSOR_KEY = "_db_cursor"


@dataclass(frozen=True)
class Database:
    path: Path
    stamp: tuple[int, int]
    cursor: duckdb.DuckDBPyConnection


# Not closed on eviction: a session may be half-way through a script on the old connection when a load
# swaps in a new file. Dropped from the cache, an old connection closes once its last cursor is gone.
@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(db_path: str, stamp: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    return store.connect_readonly(Path(db_path))


_BUILD_LOCK = threading.Lock()
_CHECKED_STAMPS: set[tuple[int, int]] = set()  # files whose schema this process has checked


def ensure_built() -> bool:
    """Build the database from data/reports if the file is missing (first start); True when it was built."""
    path = config.db_path()
    if store.database_stamp(path) in _CHECKED_STAMPS:
        return False
    with _BUILD_LOCK:
        # Built on first start; a file an older version built gets its missing columns (one swap), once.
        built = ensure_database(path)
        _CHECKED_STAMPS.add(store.database_stamp(path))
        return built


def database() -> Database:
    """The current database and this session's cursor on it (building the file on first start)."""
    path = config.db_path()
    ensure_built()
    stamp = store.database_stamp(path)
    held = st.session_state.get(_CURSOR_KEY)
    if held is not None and held[0] == (str(path), stamp):
        return Database(path, stamp, held[1])
    cursor = store.reader_cursor(_connection(str(path), stamp))
    st.session_state[_CURSOR_KEY] = ((str(path), stamp), cursor)
    return Database(path, stamp, cursor)


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached(
    query_name: str, db_key: tuple[str, tuple[int, int]], params: tuple[Any, ...], _cursor: Any
) -> pd.DataFrame:
    return getattr(queries, query_name)(_cursor, *params)


def query(query_fn: Callable[..., pd.DataFrame], *params: Any) -> pd.DataFrame:
    """Run `etl.queries.<query_fn>` with bound parameters through the cache; lists become tuples for hashing."""
    if getattr(queries, query_fn.__name__, None) is not query_fn:
        raise ValueError(f"{query_fn.__name__} is not a function of etl.queries")
    db = database()
    frozen = tuple(tuple(p) if isinstance(p, list) else p for p in params)
    return _cached(query_fn.__name__, (str(db.path), db.stamp), frozen, db.cursor)


_MISSING = object()
# (name, database path, database stamp, …what else the value depends on): _forget_old_versions reads the 2nd and 3rd.
_MemoKey = tuple[Hashable, ...]


class _Memo:
    """A thread-safe LRU of computed values. Two sessions missing the same key at once both compute it (the
    values are equal); nothing is held under the lock while computing."""

    def __init__(self, max_entries: int) -> None:
        self._values: OrderedDict[_MemoKey, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._max_entries = max_entries

    def get(self, key: _MemoKey, build: Callable[[], _T]) -> _T:
        with self._lock:
            value = self._values.get(key, _MISSING)
            if value is not _MISSING:
                self._values.move_to_end(key)
                return value
        value = build()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self._max_entries:
                self._values.popitem(last=False)
        return value

    def drop(self, stale: Callable[[_MemoKey], bool]) -> None:
        with self._lock:
            for key in [key for key in self._values if stale(key)]:
                del self._values[key]


_T = TypeVar("_T")
# Query rows are small (one report's observations, one report's details); derived values can be large (the
# explorer's downloads of many reports), hence the lower bound.
_RECORDS = _Memo(4096)
_DERIVED = _Memo(512)
_LARGE = _Memo(16)
_PICKERS = _Memo(4)  # at 30,000 reports one value is tens of MB
_VERSIONS: dict[str, tuple[int, int]] = {}  # database path → the stamp the memos were last used with


def _forget_old_versions(path: str, stamp: tuple[int, int]) -> None:
    """After a load swapped in a new file, drop what was computed from the old one: keyed by stamp it would never
    be asked for again, only wait for the LRU to push it out (a 30,000-report picker index per load)."""
    if _VERSIONS.get(path) == stamp:
        return
    if path in _VERSIONS:  # the old version's values were frozen with the heap: the collector may free them now
        heap.thaw()
    _VERSIONS[path] = stamp
    for memo in (_RECORDS, _DERIVED, _LARGE, _PICKERS):
        memo.drop(lambda key: key[1] == path and key[2] != stamp)


def records(query_fn: Callable[..., pd.DataFrame], *params: Any) -> Sequence[Mapping[str, Any]]:
    """`query`, as read-only rows shared by every session (a tuple of read-only mappings, so a caller that
    tried to change one would fail at once instead of changing what every other session sees)."""
    if getattr(queries, query_fn.__name__, None) is not query_fn:
        raise ValueError(f"{query_fn.__name__} is not a function of etl.queries")
    db = database()
    _forget_old_versions(str(db.path), db.stamp)
    frozen = tuple(tuple(p) if isinstance(p, list) else p for p in params)
    return _RECORDS.get(
        (query_fn.__name__, str(db.path), db.stamp, frozen),
        lambda: tuple(map(MappingProxyType, to_records(query_fn(db.cursor, *frozen)))),
    )


def derived(name: str, build: Callable[[], _T], *key: Hashable, large: bool = False) -> _T:
    """`build()` once per database version, `name` and `key`, shared by every session: callers must not change
    the value. The key must name everything the value depends on (report, language, choices).

    `large`: a value that can grow with the reader's choices (the explorer's downloads of many reports) is
    kept in a much shorter LRU, so memory stays bounded whatever readers ask for.
    """
    db = database()
    _forget_old_versions(str(db.path), db.stamp)
    return (_LARGE if large else _DERIVED).get((name, str(db.path), db.stamp, key), build)


def pickers(build: Callable[[pd.DataFrame], _T], *key: Hashable) -> _T:
    """`build(report_index)` once per database version (and `key`: what else `build` depends on, such as the
    configured showcase report), shared by every session: callers must not change it."""
    db = database()
    _forget_old_versions(str(db.path), db.stamp)
    return _PICKERS.get(("_pickers", str(db.path), db.stamp, *key), lambda: build(queries.report_index(db.cursor)))


def settle_heap(*key: Hashable) -> None:
    """After a complete run of a page: the first one per `key` (page, language) and database version freezes
    what the process holds, so Streamlit's collection after every run no longer walks it (ui/heap.py)."""
    path = config.db_path()
    heap.settle((str(path), store.database_stamp(path), *key))


# ------------------------------------------------------------------- what the pages read (one call each)


def _domains(domains: Sequence[str]) -> tuple[list[str], ...]:
    # Without domains the query is called with the report id alone, as the pages always did (same cache key).
    return (list(domains),) if domains else ()


def observation_rows(report_id: str, domains: Sequence[str] = ()) -> Sequence[Mapping[str, Any]]:
    """Indicator values of one report (optionally of some domains), as read-only rows."""
    return records(queries.report_observations, report_id, *_domains(domains))


def check_rows(report_ids: Sequence[str]) -> Sequence[Mapping[str, Any]]:
    """Consistency checks of the given reports, as read-only rows."""
    return records(queries.report_checks, list(report_ids))


def previous_report_rows(report_id: str) -> Sequence[Mapping[str, Any]]:
    """The same region's previous single-year report (zero or one row)."""
    return records(queries.previous_report, report_id)


def report_detail_rows(report_ids: Sequence[str]) -> Sequence[Mapping[str, Any]]:
    """Every descriptive column of the given reports, as read-only rows."""
    return records(queries.report_details, list(report_ids))


def reports_frame() -> pd.DataFrame:
    """All loaded reports with every descriptive column."""
    return query(queries.list_reports)


def observations_frame(report_id: str) -> pd.DataFrame:
    """Indicator values of one report, as a frame (slides and downloads)."""
    return query(queries.report_observations, report_id)


def checks_frame(report_ids: Sequence[str]) -> pd.DataFrame:
    """Consistency checks of the given reports, as a frame."""
    return query(queries.report_checks, list(report_ids))


def figures_frame(report_ids: Sequence[str]) -> pd.DataFrame:
    """Every figure read from the given reports, as a frame."""
    return query(queries.report_figures, list(report_ids))


def successor_of(report_id: str) -> tuple[str, str] | None:
    """The newest version that replaced `report_id` (following later replacements), with the date it was loaded;
    None when the load log names no replacement (a report id that never existed)."""
    current, loaded, seen = report_id, "", {report_id}
    while True:
        rows = records(queries.replacement_of, current)
        if not rows:
            break
        current, loaded = str(rows[0]["report_id"]), str(rows[0]["loaded_at"])[:10]
        if current in seen:  # a loop in the log cannot happen; stop rather than spin if it ever did
            break
        seen.add(current)
    return None if current == report_id else (current, loaded)
