"""The cycle collector is paused for bulk work and comes back as it was, even after an error."""

from __future__ import annotations

import gc

import pytest

from app.services.infra.bulk import paused_gc


def test_paused_inside_and_as_before_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("a refused bundle")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # left off, as the caller had it
    finally:
        gc.enable()
