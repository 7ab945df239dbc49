"""Cached access to the DuckDB file for the pages.

- One read-only connection per database file version (`database_stamp`), shared by all sessions.
- A cursor per session (a DuckDB connection is not thread-safe; a session runs one script at a time),
  renewed when a load swaps in a new file.
- Query results cached with `st.cache_data`, keyed by the query name, its parameters and the stamp, so a
  load invalidates them without anyone clearing caches.
- `records`: the same, as a list of plain dicts (NULL → None). The report pages filter and iterate a few dozen
  rows per script run; with pandas' Arrow-backed strings every `to_dict("records")` or boolean mask cost a
  millisecond or more, more than drawing a chart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd
import streamlit as st

from etl import queries, store

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


def ensure_built() -> bool:
    """Build the database from data/reports if the file is missing (first start); True when it was built."""
    path = store.default_db_path()
    if path.exists():
        return False
    with _BUILD_LOCK:
        return store.ensure_database(path)


def database() -> Database:
    """The current database and this session's cursor on it (building the file on first start)."""
    path = store.default_db_path()
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


def to_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts, every missing value None; built column-wise (pandas' own row-wise path is slow)."""
    columns = [
        [None if pd.isna(v) else v for v in frame[name].tolist()] if frame[name].hasnans else frame[name].tolist()
        for name in frame.columns
    ]
    names = list(frame.columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_records(
    query_name: str, db_key: tuple[str, tuple[int, int]], params: tuple[Any, ...], _cursor: Any
) -> list[dict[str, Any]]:
    return to_records(getattr(queries, query_name)(_cursor, *params))


def records(query_fn: Callable[..., pd.DataFrame], *params: Any) -> list[dict[str, Any]]:
    """`query`, as a list of plain dicts (a fresh copy per call, so a page may change them)."""
    if getattr(queries, query_fn.__name__, None) is not query_fn:
        raise ValueError(f"{query_fn.__name__} is not a function of etl.queries")
    db = database()
    frozen = tuple(tuple(p) if isinstance(p, list) else p for p in params)
    return _cached_records(query_fn.__name__, (str(db.path), db.stamp), frozen, db.cursor)


_T = TypeVar("_T")


@st.cache_resource(max_entries=2, show_spinner=False)
def _pickers(db_key: tuple[str, tuple[int, int]], _build: Callable[[pd.DataFrame], Any], _cursor: Any) -> Any:
    return _build(queries.report_index(_cursor))


def pickers(build: Callable[[pd.DataFrame], _T]) -> _T:
    """`build(report_index)` once per database version, shared by every session: callers must not change it."""
    db = database()
    return _pickers((str(db.path), db.stamp), build, db.cursor)
