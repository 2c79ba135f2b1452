"""Errors that carry a message key and parameters; ``app.i18n`` turns them into sentences.

The kind decides how a caller handles it; the key picks the text a clerk reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class WarmVisitError(Exception):
    """Something the user can understand and act on. ``key`` names a sentence of the catalogue
    (declared in app/i18n/keyed)."""

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r}, {self.params!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Raised in a worker process and re-raised here: pickle keeps only ``args`` by default,
        # and the parameters are half of the sentence.
        return (_rebuild, (type(self), self.key, self.params))


def _rebuild(kind: type[WarmVisitError], key: str, params: dict[str, Any]) -> WarmVisitError:
    error = kind.__new__(kind)
    WarmVisitError.__init__(error, key, **params)
    return error


class InvalidInput(WarmVisitError):
    """The input (a file, an option, a value) is wrong; nothing was changed."""


class NotFound(WarmVisitError):
    """A campaign, category, household or file that was named does not exist."""


class Conflict(WarmVisitError):
    """The request contradicts what the store already holds (e.g. a second campaign)."""


class BundleRefused(WarmVisitError):
    """A bundle cannot be applied; nothing of it reached the store."""


class Cancelled(WarmVisitError):
    """The user cancelled long work; the transaction was rolled back. Shown as nothing."""

    def __init__(self) -> None:
        super().__init__("cancelled")


@dataclass(frozen=True, slots=True)
class Reason:
    """A sentence as data, for results and the store: a message key and its parameters. Only
    the command line and the window make it words (app.i18n.text)."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: Any) -> Reason:
        return cls(key, tuple(params.items()))

    @property
    def kwargs(self) -> dict[str, Any]:
        return dict(self.params)
