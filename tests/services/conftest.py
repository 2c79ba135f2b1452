"""Stores the services tests start from. The bundle world (``world``) is in tests/conftest.py;
plain helpers (the clerk, ID numbers, the sample roster) in tests/builders.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.services.campaign import setup as campaigns
from app.store.db import Store
from tests.builders import ACTOR


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A campaign with one category, 困难职工, and no households yet (modules that need other
    households define their own ``store``)."""
    s = Store(tmp_path / "t.db")
    campaigns.init_campaign(
        s, name="2027年元旦春节送温暖", organizer="滨海新区总工会", start=date(2027, 1, 20),
        end=date(2027, 1, 28), min_living="780", actor=ACTOR,
    )  # fmt: skip
    campaigns.add_category(s, code="KN", name="困难职工", cash="1000", actor=ACTOR)
    yield s
    s.close()
