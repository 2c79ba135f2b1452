"""Work handed to forked worker processes where that is safe, so both cores of a laptop help.

Forking a process while other threads run (the Qt window's) can deadlock, and Windows cannot
fork at all: there the same work runs in this process when its result is asked for, in the
same order, with the same outcome. Only pure work goes to a worker (no store, no files written).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Generic, ParamSpec, Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
P = ParamSpec("P")


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def worker_count() -> int:
    """One worker a core, at most 3 (the gain flattens). As many workers as cores, not one
    fewer: this process spends part of its time waiting on the disk (measured on 2 cores, a
    100-bundle merge: 1 worker 15-17 s, 2 workers 14 s)."""
    return max(min(os.cpu_count() or 1, 3), 1)


class Pending(Protocol[T_co]):
    def result(self) -> T_co: ...


class _Deferred(Generic[T]):
    """Runs in this process, when the result is asked for (where no worker can be forked)."""

    def __init__(self, call: Callable[[], T]) -> None:
        self._call = call

    def result(self) -> T:
        return self._call()


class Workers:
    """``submit(function, *args)`` → something whose ``result()`` is ``function(*args)``,
    computed in a forked worker when ``workers`` > 0 and forking is safe. Exceptions come back
    from ``result()``; leaving the ``with`` block stops the workers and drops queued work."""

    def __init__(self, workers: int) -> None:
        self._pool = (
            ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            if workers > 0 and can_fork()
            else None
        )

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    def submit(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Pending[T]:
        if self._pool is None:
            return _Deferred(lambda: function(*args, **kwargs))
        return self._pool.submit(function, *args, **kwargs)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
