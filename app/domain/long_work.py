"""How long work reports progress and learns it was cancelled, without knowing who is watching."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from app.domain.errors import Cancelled

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)``; ``total`` is 0 while unknown."""


def no_progress(done: int, total: int) -> None:
    """The default: nobody is watching."""


class Cancel(Protocol):
    def check(self) -> None:
        """Raise ``Cancelled`` if the user asked to stop."""


class Never:
    """A cancel token that never fires."""

    def check(self) -> None:
        return None


class CancelFlag:
    """A cancel token another thread (a dialog's Cancel button) can set."""

    def __init__(self) -> None:
        self.requested = False

    def set(self) -> None:
        self.requested = True

    def check(self) -> None:
        if self.requested:
            raise Cancelled()


never = Never()
