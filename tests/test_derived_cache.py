"""The on-disk cache of derived data: same value as building it, never stale, never required."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from etl import config
from etl.catalogue import derived_cache, gazetteer


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(config.CACHE_DIR_ENV, str(folder))
    return folder


def _source(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "source.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_second_call_reads_what_the_first_built(cache_dir: Path, tmp_path: Path) -> None:
    source = _source(tmp_path, "a,b\n")
    calls: list[int] = []

    def build() -> dict:
        calls.append(1)
        return {"綦江区": ("500110",), "n": 3}

    assert derived_cache.load_or_build("thing", [source], build) == {"綦江区": ("500110",), "n": 3}
    assert derived_cache.load_or_build("thing", [source], build) == {"綦江区": ("500110",), "n": 3}
    assert len(calls) == 1
    assert len(list(cache_dir.glob("thing-*.marshal"))) == 1


def test_changed_source_is_rebuilt_and_the_old_entry_removed(cache_dir: Path, tmp_path: Path) -> None:
    source = _source(tmp_path, "v1\n")
    assert derived_cache.load_or_build("thing", [source], lambda: "one") == "one"
    source.write_text("v2\n", encoding="utf-8")
    assert derived_cache.load_or_build("thing", [source], lambda: "two") == "two"
    entries = list(cache_dir.glob("thing-*.marshal"))
    assert len(entries) == 1 and marshal.loads(entries[0].read_bytes()) == "two"


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe9"])
def test_damaged_entry_is_rebuilt(cache_dir: Path, tmp_path: Path, damage: bytes) -> None:
    source = _source(tmp_path, "x\n")
    path = derived_cache.entry_path("thing", [source])
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    assert derived_cache.load_or_build("thing", [source], lambda: (1, 2)) == (1, 2)
    assert marshal.loads(path.read_bytes()) == (1, 2)


def test_unusable_cache_folder_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(config.CACHE_DIR_ENV, str(blocker))
    assert derived_cache.load_or_build("thing", [_source(tmp_path, "x\n")], lambda: "built") == "built"


def test_cached_gazetteer_equals_the_built_one(cache_dir: Path) -> None:
    built = gazetteer._gazetteer_tables()
    cached = derived_cache.load_or_build("gazetteer", (gazetteer.REGIONS_CSV, gazetteer.TOWNS_CSV), lambda: built)
    again = derived_cache.load_or_build("gazetteer", (gazetteer.REGIONS_CSV, gazetteer.TOWNS_CSV), lambda: None)
    assert cached == built and again == built
    rows, names, towns, max_name, heads = again
    assert ("500110", "重庆市", "", "綦江区", True) in rows
    assert names["綦江区"] == ("500110",) and max_name > 2 and heads["綦江"]
    assert towns
