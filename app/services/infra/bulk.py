"""Bulk work: Python's cycle collector paused while hundreds of thousands of objects are made.

A merge makes hundreds of thousands of events and their tuples in this process and in each
worker; the collector would run hundreds of times to find no cycle: events, rows and parsed
bodies are trees, freed by their reference counts as each bundle is done with.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cycle collection inside the block (reference counting frees as ever); as it was
    after it, even when the block raises."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
