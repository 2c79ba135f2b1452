"""The laptop's date, which a visit recorded in the window takes: read in this one place."""

from __future__ import annotations

from datetime import date


def today() -> date:
    return date.today()
