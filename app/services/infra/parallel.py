"""Work handed to worker processes where that pays, so both cores of a laptop help.

How workers start is chosen here and nowhere else (``start_method``): forked where the system
can fork and no other thread runs (forking while the Qt window's threads run can deadlock),
spawned elsewhere (Windows, the window); ``WARMVISIT_START_METHOD`` = ``fork``, ``spawn`` or
``none`` overrides the choice, for tests and benches. With no workers the same work runs in
this process when its result is asked for, in the same order, with the same outcome.

Only pure work goes to a worker (no store, no files written), and a worker gets everything it
needs in its arguments: a spawned worker is a fresh interpreter that imports the function's
module and nothing else of this process, so a module global set here is not there. What every
task of a pool needs (a roster's rows) can be given once, as ``shared``: a forked worker
inherits it (nothing is copied), a spawned one receives it pickled as it starts.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Generic, Literal, Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

StartMethod = Literal["fork", "spawn"]
START_METHOD_ENV = "WARMVISIT_START_METHOD"
NO_WORKERS = "none"


def start_method() -> StartMethod | None:
    """How a worker starts now, or None for no workers (everything in this process)."""
    forced = os.environ.get(START_METHOD_ENV, "").strip().lower()
    if forced == NO_WORKERS:
        return None
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if forced == "spawn" or not can_fork or threading.active_count() > 1:
        return "spawn"
    return "fork"  # by default, or asked for (a value not known here is ignored)


def worker_count() -> int:
    """One worker a core, at most 3 (the gain flattens). As many workers as cores, not one
    fewer: this process spends part of its time waiting on the disk (docs/decisions.md)."""
    return max(min(os.cpu_count() or 1, 3), 1)


class Pending(Protocol[T_co]):
    def result(self) -> T_co: ...


class _Deferred(Generic[T]):
    """Runs in this process, when the result is asked for (no workers)."""

    def __init__(self, function: Callable[..., T], args: tuple[object, ...]) -> None:
        self._call = (function, args)

    def result(self) -> T:
        function, args = self._call
        return function(*args)


_shared: tuple[object, ...] = ()  # in a worker process: what its pool was given, from _receive


def _receive(shared: tuple[object, ...]) -> None:
    global _shared  # noqa: PLW0603 - set once in each worker as it starts, never in this process
    _shared = shared


def _with_shared(function: Callable[..., T], *args: object) -> T:
    return function(*_shared, *args)


class Workers:
    """``submit(function, *args)`` → something whose ``result()`` is
    ``function(*shared, *args)``, computed in a worker process when ``workers`` > 0 and
    ``method`` is not None. ``function`` must be a module-level function and the arguments
    picklable, whatever the method: what works forked then works spawned. Exceptions come back
    from ``result()``; leaving the ``with`` block stops the workers and drops queued work."""

    def __init__(
        self, workers: int, method: StartMethod | None = None, *, shared: tuple[object, ...] = ()
    ) -> None:
        self.method = method if workers > 0 else None
        self._shared = shared
        self._pool = (
            ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context(self.method),
                initializer=_receive,
                initargs=(shared,),
            )
            if self.method is not None
            else None
        )

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    def submit(self, function: Callable[..., T], *args: object) -> Pending[T]:
        if self._pool is None:
            return _Deferred(function, (*self._shared, *args))
        if self._shared:
            return self._pool.submit(_with_shared, function, *args)
        return self._pool.submit(function, *args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
