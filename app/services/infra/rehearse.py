"""Doing a write and keeping nothing: a preview shows what the very same service call would
do (its checks, counts and refusals) by running it in a transaction that is rolled back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from app.store.db import Store

T = TypeVar("T")


class _RolledBack(Exception):
    """Rolls the rehearsal's transaction back once its result is known."""


def rehearse(store: Store, work: Callable[[], T]) -> T:
    """``work()``'s result, with the store left as it was."""
    found: list[T] = []
    try:
        with store.transaction():
            found.append(work())
            raise _RolledBack
    except _RolledBack:
        pass
    return found[0]
