"""ui/heap.py: the heap is collected and frozen once per key, and a thaw gives it back to the collector."""

from __future__ import annotations

from ui import heap


def test_settle_freezes_once_per_key_and_thaw_returns_everything() -> None:
    heap.thaw()
    try:
        cycle: list[object] = []
        cycle.append(cycle)  # garbage in a cycle: a freeze must collect it first, not keep it for ever
        del cycle
        assert heap.settle(("db", (1, 2), "overview", "zh")) is True
        frozen = heap.frozen_count()
        assert frozen > 1000  # the modules and data this test process holds
        assert heap.settle(("db", (1, 2), "overview", "zh")) is False  # same page, language, version: nothing
        assert heap.frozen_count() == frozen
    finally:
        heap.thaw()
    assert heap.frozen_count() == 0
    assert heap.settle(("db", (1, 2), "overview", "zh")) is True  # after a thaw the same key settles again
    heap.thaw()

def test_settling_stops_at_the_bound() -> None:
    heap.thaw()
    try:
        settled = [heap.settle(("page", number)) for number in range(heap.MAX_SETTLES + 5)]
        assert settled.count(True) == heap.MAX_SETTLES
        assert settled[-5:] == [False] * 5
    finally:
        heap.thaw()
