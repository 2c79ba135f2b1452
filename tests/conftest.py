"""Qt runs offscreen in every test. Fixtures used by more than one test folder: the printing
world (documents, cli) and the bundle world (services, ui)."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.sync import keys
from tests import bundle_world
from tests.documents import world as printing

# Before any Qt import (nothing imported above reaches Qt: tests/test_layers.py).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def _own_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The user's settings file (app/settings.py: data folder, language) and data folder (the
    log, the default store) never reach a test; a test that changes settings points
    WARMVISIT_SETTINGS at a file of its own."""
    with pytest.MonkeyPatch.context() as patch:
        place = tmp_path_factory.mktemp("settings") / "settings.json"
        patch.setenv("WARMVISIT_SETTINGS", str(place))
        patch.setenv("WARMVISIT_HOME", str(tmp_path_factory.mktemp("home")))
        yield


@pytest.fixture(scope="session")
def printing_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The printing world's database, built once per session: copy it before writing to it."""
    return printing.build(tmp_path_factory.mktemp("world") / "world.db")


@pytest.fixture(scope="module")
def cheap_scrypt() -> Iterator[None]:
    """The real scrypt cost (~0.1 s a derivation) is for sticks, not for tests. A module that
    makes or opens bundles asks for it for all its tests (``pytest.mark.usefixtures``)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "SCRYPT_N", 2**8)
        yield


@pytest.fixture(scope="module")
def bundle_template(
    tmp_path_factory: pytest.TempPathFactory, cheap_scrypt: None
) -> bundle_world.Template:
    """The central office and T1's laptop, built once per module and only copied after."""
    return bundle_world.build_template(tmp_path_factory.mktemp("bundles"))


@pytest.fixture
def world(bundle_template: bundle_world.Template, tmp_path: Path) -> Iterator[bundle_world.World]:
    """Copies of the central office and T1's laptop for one test."""
    with bundle_world.open_world(bundle_template, tmp_path) as w:
        yield w
