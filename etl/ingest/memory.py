"""Pausing the cyclic garbage collector around bulk work that allocates many objects and frees none in cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic collector off, restoring its previous state afterwards.

    Extracting and loading thousands of reports builds millions of small acyclic objects (figures, row
    tuples) that reference counting frees on its own. The collector is triggered by allocation counts and
    each full pass walks every live object, so with it on a batch slows down as it grows: a third of the
    load's row building went to collections that found nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
