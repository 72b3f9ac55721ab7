"""Pause Python's cyclic garbage collector around bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection while a hundred thousand rows' worth of objects is made (none of them
    cyclic): the collector would otherwise walk them all, again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # What was made meanwhile goes straight to the oldest generation: otherwise the first young
            # collection after the pause walks all of it at once (half a second after a large import).
            gc.freeze()
            gc.unfreeze()
            gc.enable()
