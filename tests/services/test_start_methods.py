"""A roster import and a merge of a pile of bundles give the same store however workers start:
spawned (as on Windows), forked, or with no workers at all.

The workers' thresholds are lowered so that a few thousand rows and a few bundles use them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import BundleRefused
from app.domain.visits import DONE, MODES, Handover, VisitInput
from app.services.bundles import exchange as bundles
from app.services.demo.campaign import ensure_demo_campaign, write_demo_roster
from app.services.infra import parallel
from app.services.infra.context import Actor, require_campaign
from app.services.oversight.flags import campaign_flags
from app.services.rosters import checking as roster_checking
from app.services.rosters.importing import import_roster
from app.services.teams import assignment as teams
from app.services.visits import recording as visits
from app.store.campaigns import list_categories
from app.store.db import Store
from app.sync import keys
from tests.builders import confirm_all

BEIJING = timezone(timedelta(hours=8))
OFFICE = Actor(user="clerk", clock=lambda: datetime(2027, 1, 19, 9, 0, tzinfo=BEIJING))
TEAM = Actor(user="王一", clock=lambda: datetime(2027, 1, 22, 18, 0, tzinfo=BEIJING))
ROWS = 3000  # with two workers: 8 slices of 2,000 rows at most, so two slices
BAD_ROWS = (41, 1701, 2901)  # Excel rows
TEAMS = ("T1", "T2", "T3")
VISITED = 12  # households each laptop records a paid visit to


@pytest.fixture(autouse=True)
def _cheap_scrypt_low_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**8)  # the real cost is for sticks, not for tests
    monkeypatch.setattr(roster_checking, "PARALLEL_FROM", {"fork": 1000, "spawn": 1000})
    monkeypatch.setattr(bundles, "PARALLEL_FROM", {"fork": 2, "spawn": 2})
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)  # as on a laptop with one core


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """How each pool of workers was started, in order (None: no workers, all in this process)."""
    seen: list[str | None] = []

    class Watched(parallel.Workers):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            seen.append(self.method)

    monkeypatch.setattr(roster_checking, "Workers", Watched)
    monkeypatch.setattr(bundles, "Workers", Watched)
    return seen


def _forced(monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    monkeypatch.setenv(parallel.START_METHOD_ENV, method)


# --- the roster import -----------------------------------------------------------------------


def _imported(folder: Path, roster: Path) -> tuple[Any, list[tuple[Any, ...]]]:
    """The import's report and every stored household: its fields and its category's code (the
    ids are fresh in every store)."""
    with Store(folder / "office.db") as store:
        ensure_demo_campaign(store)
        result = import_roster(store, roster, unit="基准单位", skip_invalid=True, actor=OFFICE)
    conn = sqlite3.connect(folder / "office.db")
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(household)")]
        kept = [f"h.{c}" for c in columns if c != "id" and not c.endswith("_id")]
        rows = conn.execute(f"SELECT {', '.join(kept)}, c.code FROM household h LEFT JOIN"
                            " category c ON c.id = h.category_id ORDER BY h.id_number")  # fmt: skip
        return result, rows.fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_a_roster_checked_by_workers_stores_what_one_process_stores(
    method: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[str | None]
) -> None:
    roster = write_demo_roster(tmp_path / "roster.csv", ROWS, seed=7)
    # Bad rows in three slices, so problems come back from the workers too.
    lines = roster.read_bytes().split(b"\r\n")
    for n in BAD_ROWS:
        cells = lines[n - 1].split(b",")
        cells[7] = b"99"  # 家庭人口: 1-20
        lines[n - 1] = b",".join(cells)
    roster.write_bytes(b"\r\n".join(lines))

    _forced(monkeypatch, "none")
    (tmp_path / "alone").mkdir()
    alone, alone_rows = _imported(tmp_path / "alone", roster)
    _forced(monkeypatch, method)
    (tmp_path / "workers").mkdir()
    split, split_rows = _imported(tmp_path / "workers", roster)

    assert started == [method]  # no workers at all for "none"
    assert split == alone
    assert alone.imported == ROWS - len(BAD_ROWS)
    assert {p.row for p in alone.rejected} == set(BAD_ROWS)
    assert split_rows == alone_rows and len(alone_rows) == alone.imported


# --- the merge of a pile of result bundles ---------------------------------------------------


@dataclass(frozen=True)
class Pile:
    office: Path  # the office's store before the merge
    bundles: list[Path]  # each team's result bundle, and a damaged copy of one


@pytest.fixture(scope="module")
def pile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pile]:
    """Three teams' laptops, each with paid visits (one off the standard, so a flag is raised)
    in its result bundle; and a copy of T2's with a byte changed inside."""
    folder = tmp_path_factory.mktemp("pile")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "SCRYPT_N", 2**8)
        office = folder / "office.db"
        roster = write_demo_roster(folder / "roster.csv", 30 * len(TEAMS), seed=11)
        with Store(office) as store:
            ensure_demo_campaign(store)
            import_roster(store, roster, unit="基准单位", skip_invalid=True, actor=OFFICE)
            confirm_all(store, OFFICE)
            for code in TEAMS:
                teams.add_team(store, code=code, name=f"{code}组", leader="王一", actor=OFFICE)
            teams.assign_by(store, "balanced", actor=OFFICE)
            sent = [bundles.export_assignment(store, code, folder, actor=OFFICE)
                    for code in TEAMS]  # fmt: skip
        results = [_laptop(folder / f"{code}.db", out.file, out.credential, folder / code)
                   for code, out in zip(TEAMS, sent, strict=True)]  # fmt: skip
    damaged = folder / "damaged" / results[1].name
    damaged.parent.mkdir()
    data = bytearray(results[1].read_bytes())
    data[-100] ^= 0xFF  # inside the sealed payload: the signature no longer matches
    damaged.write_bytes(data)
    yield Pile(office, [results[0], damaged, *results[1:]])


def _laptop(db: Path, assignment: Path, credential: str | None, out: Path) -> Path:
    with Store(db) as store:
        bundles.import_bundle(store, assignment, credential=credential, actor=TEAM)
        standards = {c.code: c for c in list_categories(store, require_campaign(store).id)}
        rows = store.conn.execute(
            "SELECT h.id, c.code FROM household h JOIN category c ON c.id = h.category_id"
            " ORDER BY h.id_number LIMIT ?", [VISITED]
        ).fetchall()  # fmt: skip
        for n, (household_id, code) in enumerate(rows):
            category = standards[code]
            extra = 10_000 if n == 0 else 0
            handover = Handover(code, category.cash_fen + extra, category.goods,
                                category.goods_fen, off_standard_reason="家庭特别困难" if extra
                                else "")  # fmt: skip
            visit = VisitInput(household_id, date(2027, 1, 21 + n % 5), MODES[0], DONE,
                               visitors=("王一",), handovers=(handover,))  # fmt: skip
            visits.record_visit(store, visit, actor=TEAM)
        out.mkdir()
        return bundles.export_result(store, out, actor=TEAM).file


def _merged(
    pile: Pile, folder: Path, files: list[Path] | None = None
) -> tuple[list[Any], list[tuple[Any, ...]], list[Any]]:
    """What each bundle did (or why it was refused), every event and every flag at the office,
    after merging the pile (or ``files``) into a copy of its office."""
    folder.mkdir()
    office = folder / "office.db"
    office.write_bytes(pile.office.read_bytes())  # closed, so its WAL is checkpointed
    with Store(office) as store:
        outcomes = bundles.import_bundles(store, pile.bundles if files is None else files,
                                          actor=OFFICE)  # fmt: skip
        events = store.conn.execute("SELECT * FROM event ORDER BY id").fetchall()
        flags = campaign_flags(store)
    said = [(o.path.name, o.applied, o.refused and (type(o.refused), o.refused.key,
             o.refused.params)) for o in outcomes]  # fmt: skip
    return said, [tuple(e) for e in events], flags


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_a_pile_opened_by_workers_merges_as_in_one_process(
    method: str, pile: Pile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    started: list[str | None],
) -> None:  # fmt: skip
    _forced(monkeypatch, "none")
    alone = _merged(pile, tmp_path / "alone")
    _forced(monkeypatch, method)
    split = _merged(pile, tmp_path / "workers")

    assert started == [None, method]
    assert split == alone
    said, events, flags = alone
    assert [applied and applied.outcome for _, applied, _ in said] == [
        "applied", None, "applied", "applied"]  # fmt: skip
    assert said[1][2] == (BundleRefused, "bundle.corrupt", {})  # found by the worker
    # A visit and a disbursement for each household visited.
    assert sum(applied.new for _, applied, _ in said if applied) == len(TEAMS) * VISITED * 2
    assert len(events) == len(TEAMS) * VISITED * 2
    # The pile's visits are recorded unsigned: each is also without proof.
    assert sorted(f.kind for f in flags if f.kind != "no_proof") == ["off_standard"] * len(TEAMS)
    assert sum(f.kind == "no_proof" for f in flags) == len(TEAMS) * VISITED


def test_a_small_pile_is_opened_here_rather_than_spawn_workers(
    pile: Pile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[str | None]
) -> None:
    monkeypatch.setattr(bundles, "PARALLEL_FROM", {"fork": 2, "spawn": 3})
    _forced(monkeypatch, "spawn")
    said, events, _flags = _merged(pile, tmp_path / "two", pile.bundles[2:])
    _forced(monkeypatch, "fork")
    assert _merged(pile, tmp_path / "forked", pile.bundles[2:])[:2] == (said, events)
    assert started == [None, "fork"]
    assert [applied and applied.new for _, applied, _ in said] == [VISITED * 2] * 2
