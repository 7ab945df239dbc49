"""Cached access to the DuckDB file for the pages.

- One read-only connection per database file version (`database_stamp`), shared by all sessions.
- A cursor per session (a DuckDB connection is not thread-safe; a session runs one script at a time),
  renewed when a load swaps in a new file.
- Query results cached with `st.cache_data`, keyed by the query name, its parameters and the stamp, so a
  load invalidates them without anyone clearing caches.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
