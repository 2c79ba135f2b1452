"""The bundle world the services and window tests share: a central office with the sample roster
split between teams T1 and T2, T1's laptop started from its assignment bundle, and helpers to
record, export and merge on it.

Built once per test module (the ``bundle_template`` fixture in tests/conftest.py) and copied for
each test (``world``); plain values and functions only here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.domain.visits import Handover
from app.services.bundles import exchange as bundles
from app.services.bundles.devices import local_device
from app.services.bundles.ledger import Applied
from app.services.campaign import setup as campaigns
from app.services.infra.context import Actor
from app.services.rosters.importing import import_roster
from app.services.teams import assignment as teams
from app.store.db import Store
from app.sync import container
from app.sync.payload import decode_payload
from tests.builders import BEIJING, SAMPLE_CSV, confirm_all, fixture_path

ACTOR = Actor(user="clerk", clock=lambda: datetime(2027, 1, 19, 9, 0, tzinfo=BEIJING))
TEAM_ACTOR = Actor(user="王一", clock=lambda: datetime(2027, 1, 21, 18, 0, tzinfo=BEIJING))
DAY = date(2027, 1, 21)

# code, name (the roster's 慰问类别), cash yuan, goods, goods value yuan
CATEGORIES = [
    ("KN", "困难职工", "1000", "", None),
    ("NMG", "农民工", "500", "大米", "100"),
    ("TX", "困难退休教师", "800", "", None),
    ("TJ", "退休教师", "300", "", None),
    ("ZB", "重大疾病", "2000", "慰问品", "200"),
    ("YW", "意外伤害", "1500", "", None),
]
# code → (cash fen, goods, goods fen): written out, not read from the app
STANDARD = {
    "KN": (100_000, "", 0),
    "NMG": (50_000, "大米", 10_000),
    "TX": (80_000, "", 0),
    "TJ": (30_000, "", 0),
    "ZB": (200_000, "慰问品", 20_000),
    "YW": (150_000, "", 0),
}
FLOAT_T1 = 500_000
FLOAT_T2 = 300_000


def build_central(path: Path) -> None:
    """Campaign, categories, the sample roster (56 households, all 确定), teams T1 and T2 with
    28 households each."""
    with Store(path) as store:
        campaigns.init_campaign(
            store, name="2027年春节送温暖", organizer="区总工会", start=date(2027, 1, 20),
            end=date(2027, 1, 28), min_living="780", actor=ACTOR,
        )  # fmt: skip
        for code, name, cash, goods, goods_value in CATEGORIES:
            campaigns.add_category(store, code=code, name=name, cash=cash, goods=goods,
                                   goods_value=goods_value, actor=ACTOR)  # fmt: skip
        done = import_roster(store, fixture_path(SAMPLE_CSV), unit="单位A", skip_invalid=True,
                             actor=ACTOR)  # fmt: skip
        assert done.imported == 56
        confirm_all(store, ACTOR)
        teams.add_team(store, code="T1", name="第一组", leader="王一", members=["李二"],
                       actor=ACTOR)  # fmt: skip
        teams.add_team(store, code="T2", name="第二组", leader="赵二", actor=ACTOR)
        assert teams.assign_by(store, "balanced", actor=ACTOR).assigned == {"T1": 28, "T2": 28}


def copy_db(source: Path, target: Path) -> Path:
    """A consistent copy of a database file (WAL included), as a backup tool would make."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


@dataclass(frozen=True)
class Template:
    central: Path  # after exporting T1's and T2's first assignment bundles
    t1: Path  # T1's laptop, started from its bundle
    t1_bundle: Path
    t1_credential: str
    t2_bundle: Path
    t2_credential: str


def build_template(folder: Path) -> Template:
    """The central office after exporting both teams' assignment bundles, and T1's laptop."""
    central = folder / "central.db"
    build_central(central)
    with Store(central) as store:
        one = bundles.export_assignment(store, "T1", folder, cash_float=FLOAT_T1, actor=ACTOR)
        two = bundles.export_assignment(store, "T2", folder, cash_float=FLOAT_T2, actor=ACTOR)
    t1 = folder / "t1.db"
    with Store(t1) as laptop:
        bundles.import_bundle(laptop, one.file, credential=one.credential, actor=TEAM_ACTOR)
    assert one.credential and two.credential
    return Template(central, t1, one.file, one.credential, two.file, two.credential)


@dataclass
class World:
    folder: Path
    central: Store
    t1: Store
    template: Template
    opened: list[Store] = field(default_factory=list)

    def open(self, name: str) -> Store:
        store = Store(self.folder / name)
        self.opened.append(store)
        return store

    def laptop(self, name: str, bundle: Path | None = None, credential: str | None = None) -> Store:
        """A new team laptop started from an assignment bundle (T1's first by default)."""
        store = self.open(name)
        applied = bundles.import_bundle(
            store, bundle or self.template.t1_bundle,
            credential=credential or self.template.t1_credential, actor=TEAM_ACTOR,
        )  # fmt: skip
        assert applied.outcome == "applied"
        return store

    def copy(self, store: Store, name: str) -> Store:
        assert store.path is not None
        copy_db(store.path, self.folder / name)
        return self.open(name)

    def stick(self, name: str) -> Path:
        path = self.folder / f"stick-{name}"
        path.mkdir(exist_ok=True)
        return path


@contextmanager
def open_world(template: Template, folder: Path) -> Iterator[World]:
    """Copies of the template's central store and T1's laptop in ``folder``, closed after."""
    central = Store(copy_db(template.central, folder / "central.db"))
    t1 = Store(copy_db(template.t1, folder / "t1.db"))
    w = World(folder, central, t1, template, [central, t1])
    try:
        yield w
    finally:
        for store in w.opened:
            store.close()


def team_households(store: Store, code: str) -> list[dict[str, Any]]:
    """The households team ``code`` has now, by ID number, with their category code."""
    return list(
        store.query(
            """SELECT h.id, h.id_number, h.name, c.code AS category
               FROM current_assignment a JOIN team t ON t.id = a.team_id
               JOIN household h ON h.id = a.household_id
               LEFT JOIN category c ON c.id = h.category_id
               WHERE t.code = ? ORDER BY h.id_number""",
            [code],
        )
    )


def standard_handover(household: dict[str, Any], *, transfer: bool = False) -> Handover:
    cash, goods, goods_fen = STANDARD[household["category"]]
    return Handover(household["category"], cash_fen=cash, goods=goods, goods_fen=goods_fen,
                    transfer=transfer)  # fmt: skip


def export(world: World, laptop: Store, stick: str = "t1") -> Path:
    return bundles.export_result(laptop, world.stick(stick), actor=TEAM_ACTOR).file


def merge(central: Store, path: Path) -> Applied:
    return bundles.import_bundle(central, path, actor=ACTOR)


def open_result(central: Store, path: Path) -> tuple[dict[str, Any], list[Any]]:
    """Read a result bundle the way only the central office can."""
    device = local_device(central)
    assert device is not None and device.box_private is not None
    sealed = container.read_sealed(path.read_bytes())
    container.verify_sealed(sealed, container.header_signer(sealed))
    return decode_payload(container.open_with_box_key(sealed, device.box_private).payload)
