"""A demo campaign: made-up but realistic households, for first runs, demos and benchmarks."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.documents.roster_files import write_roster_csv, write_roster_xlsx
from app.domain.long_work import Progress, no_progress
from app.domain.money import format_yuan
from app.services.campaign import revisions
from app.services.campaign import setup as campaigns
from app.services.demo.households import (
    DEMO_CATEGORIES,
    MIN_LIVING_STANDARD_FEN,
    ROSTER_HEADER,
    generate_households,
    roster_row,
)
from app.services.infra.context import unwritable
from app.services.rosters.importing import import_roster
from app.store.campaigns import get_campaign, list_categories, list_costs
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class Demo:
    households: int
    files: tuple[str, ...]


def write_demo_roster(path: Path, households: int, seed: int) -> Path:
    """The demo households as a roster file a unit might send (CSV or XLSX by suffix)."""
    rows = (roster_row(h) for h in generate_households(households, seed))
    try:
        if path.suffix.lower() == ".xlsx":
            write_roster_xlsx(path, ROSTER_HEADER, rows, title="演示单位2027年春节困难职工慰问名单")
        else:
            # GB18030, not GBK: a few demo names carry rare characters outside GBK.
            write_roster_csv(path, ROSTER_HEADER, rows, encoding="gb18030")
    except OSError as exc:
        raise unwritable(path, exc) from None
    return path


def ensure_demo_campaign(store: Store) -> None:
    """The campaign and categories of the demo, unless the database already has a campaign."""
    if get_campaign(store) is None:
        campaigns.init_campaign(
            store,
            name="2027年元旦春节送温暖",
            organizer="滨海新区总工会",
            start=date(2027, 1, 20),
            end=date(2027, 1, 28),
            min_living=format_yuan(MIN_LIVING_STANDARD_FEN),
        )
    campaign = get_campaign(store)
    assert campaign is not None
    if not list_categories(store, campaign.id):
        for cat in DEMO_CATEGORIES:
            campaigns.add_category(
                store, code=cat.code, name=cat.name, cash=format_yuan(cat.cash_fen),
                goods=cat.goods_description, goods_value=format_yuan(cat.goods_fen),
            )  # fmt: skip
    if not list_costs(store, campaign.id):
        revisions.add_cost(store, name="工作餐", amount="600")
        revisions.add_cost(store, name="车辆燃油", amount="1200")


def make_demo(
    store: Store,
    *,
    households: int = 200,
    seed: int = 1,
    csv_out: Path | None = None,
    xlsx_out: Path | None = None,
    progress: Progress = no_progress,
) -> Demo:
    """Write the demo roster to the files asked for; with none asked, import it into the store
    (through the same import a clerk uses, so the demo exercises the real path)."""
    files = []
    for out in (csv_out, xlsx_out):
        if out is not None:
            files.append(str(write_demo_roster(out, households, seed).resolve()))
    if files:
        return Demo(households, tuple(files))
    ensure_demo_campaign(store)
    with tempfile.TemporaryDirectory() as folder:
        path = write_demo_roster(Path(folder) / "演示单位名单.csv", households, seed)
        result = import_roster(store, path, unit="演示单位", progress=progress)
    return Demo(result.imported + result.updated + result.unchanged, ())
