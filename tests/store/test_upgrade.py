"""A store of every earlier schema version, opened by today's code.

The stores under tests/fixtures/stores/ were made by each version's own command line
(tests/store/make_old_stores.py), with what that version reported of them (NNNN.json). Opened
now, every migration is applied, the file is sound and shaped as a new one, every row an older
version stored is still there, and today's services read the campaign back as that version
reported it.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from app.domain.campaign import CONFIRMED, normalise_material, normalise_status
from app.domain.codes import parse_code
from app.domain.eligibility import parse_rule
from app.domain.events import Event, check_chains
from app.domain.flags import NO_PROOF, NOT_CONFIRMED, NOTHING_HANDED, PAPER_PENDING
from app.domain.id_number import parse_sex
from app.domain.roster_rows import content_hash, stored_content
from app.domain.visits import (
    LEGACY_WORDS,
    RecipientRole,
    normalise_cannot_sign,
    normalise_mode,
    normalise_outcome,
)
from app.services.campaign.budget import compute_budget
from app.services.households import application as households
from app.services.households.eligibility import evaluate_eligibility
from app.services.oversight.flags import campaign_flags
from app.services.oversight.progress import compute_progress
from app.services.search.lookup import ensure_search_index, pinyin_keys, search_ids
from app.services.visits.drafts import load_draft, open_drafts
from app.store import schema, teams
from app.store import search as store_search
from app.store.campaigns import get_campaign, list_categories
from app.store.db import Store
from app.store.events import bundle_history, events_where, list_devices, quarantined_reason
from app.store.households import override_of
from app.sync.keys import fingerprint

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stores"
MANIFESTS = {p.stem: json.loads(p.read_text("utf-8")) for p in sorted(FIXTURES.glob("*.json"))}
STORES = [f"{v}-{side}" for v, m in MANIFESTS.items() for side in ("central", "team") if m[side]]

# What today's code holds for a value an older version stored, by (table, column). A migration
# that converts stored values adds its conversion here, and only here: every comparison below
# passes the old value, stored or reported, through it. The conversions are today's own readings
# of the old words (what a clerk may still type), not the migration's tables.


def _draft_body(body: str) -> str:
    """A draft visit's fields, its choices as codes (0013); the rest as typed."""
    fields = json.loads(body)
    readers: dict[str, Callable[[str], object]] = {
        "mode": normalise_mode,
        "outcome": normalise_outcome,
        "met": lambda v: parse_code(RecipientRole, v, LEGACY_WORDS["recipient_role"]),
        "cannotSign": normalise_cannot_sign,
    }
    for name, read in readers.items():
        if isinstance(fields.get(name), str) and fields[name]:
            fields[name] = str(read(fields[name]))
    return json.dumps(fields, ensure_ascii=False)


CONVERTED: dict[tuple[str, str], Callable[[Any], Any]] = {
    # 0013: statuses, materials, rules and a draft's choices became ASCII codes.
    ("household", "status"): normalise_status,
    ("status_change", "from_status"): normalise_status,
    ("status_change", "to_status"): normalise_status,
    ("material", "material"): normalise_material,
    ("eligibility_override", "rule"): parse_rule,
    ("draft", "body"): _draft_body,
    # 0015: 男/女 became M/F.
    ("household", "sex"): parse_sex,
}
# Worked out again by a migration from the row's other values: checked on their own below.
# Flag kinds added after the saved stores (money without proof, nothing handed over, payments
# off the list): the stores' reports do not count them.
NEWER_FLAGS = {NO_PROOF, PAPER_PENDING, NOTHING_HANDED, NOT_CONFIRMED}
PROOF_FLAGS_SINCE = "0020"  # the first saved store whose version raised NEWER_FLAGS itself
RECOMPUTED = {("household", "content_hash")}  # 0015: over the sex code
# Migrations added in one commit with a later one: no store was ever at them alone.
ADDED_WITH_THE_NEXT = {"0013"}  # 0013 and 0014 came together (2716418)


def as_today(table: str, column: str, value: Any) -> Any:
    convert = CONVERTED.get((table, column))
    if convert is None or value is None:
        return value
    converted = convert(value)
    return converted.value if isinstance(converted, Enum) else converted  # as stored: text


def as_stored(value: Any) -> dict[str, Any]:
    """A value a service read back, field by field as the store holds it (codes and dates as
    text, yes/no as 1/0), to compare with what the older version reported."""

    def stored(v: object) -> object:
        if isinstance(v, date | datetime):
            return v.isoformat()
        if isinstance(v, Enum):
            return v.value
        return int(v) if isinstance(v, bool) else v

    return {f.name: stored(getattr(value, f.name)) for f in fields(value)}


def _stores_with(report: str, side: str | None = None) -> list[str]:
    """The stores whose version reported ``report`` (teams from 0002, progress from 0003)."""
    return [
        name for name in STORES if report in _report_of(name) and side in (None, name.split("-")[1])
    ]


def _report_of(name: str) -> dict[str, Any]:
    version, side = name.split("-")
    return MANIFESTS[version][side]


# --- opening each store once ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Upgraded:
    version: str
    report: dict[str, Any]  # what that version said of the store (its --json output)
    applied_before: list[str]  # migrations the file had when that version left it
    before: dict[str, tuple[list[str], list[tuple[Any, ...]]]]  # table → (columns, rows)
    current_before: dict[str, str | None]  # household id → its team, by the newest row
    path: Path  # the file after today's Store opened (and migrated) it once

    @contextmanager
    def store(self) -> Iterator[Store]:
        with Store(self.path) as store:
            yield store

    def rows(self, table: str) -> list[dict[str, Any]]:
        """The table's rows as that version left them ([] for a table it did not have)."""
        columns, rows = self.before.get(table, ([], []))
        return [dict(zip(columns, row, strict=True)) for row in rows]


def _applied(conn: sqlite3.Connection) -> list[str]:
    return [
        name
        for (name,) in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
            [schema.MIGRATION_SET],
        )
    ]


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
            " AND name != '_sqlite_migrations' ORDER BY name"
        )
    ]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    names = ", ".join(f'"{c}"' for c in columns)
    return sorted(conn.execute(f'SELECT {names} FROM "{table}"').fetchall(), key=repr)


@pytest.fixture(scope="module")
def upgraded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Upgraded:
    name = request.param
    path = tmp_path_factory.mktemp(name) / "store.db"
    with gzip.open(FIXTURES / f"{name}.db.gz") as src, path.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    conn = sqlite3.connect(path)
    applied = _applied(conn)
    before = {
        t: (cols, _rows(conn, t, cols)) for t in _tables(conn) for cols in [_columns(conn, t)]
    }
    current = (
        dict(conn.execute("SELECT household_id, team_id FROM assignment ORDER BY rowid"))
        if "assignment" in before
        else {}
    )
    conn.close()
    Store(path).close()
    version = name.split("-")[0]
    return Upgraded(version, _report_of(name), applied, before, current, path)


def _schema(path: Path) -> set[tuple[str, ...]]:
    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    finally:
        conn.close()


# --- what every old store must give --------------------------------------------------------------


def test_a_store_of_every_earlier_schema_is_kept() -> None:
    names = [name for name, _fn in schema._MIGRATIONS]
    numbers = [name[:4] for name in names]
    earlier = set(numbers[:-1]) - ADDED_WITH_THE_NEXT
    assert earlier <= set(MANIFESTS), "make_old_stores.py for the missing versions"
    assert set(MANIFESTS) <= set(numbers)
    for version, manifest in MANIFESTS.items():
        assert (FIXTURES / f"{version}-central.db.gz").is_file()
        assert (FIXTURES / f"{version}-team.db.gz").is_file() == (manifest["team"] is not None)


@pytest.mark.parametrize("upgraded", STORES, indirect=True)
def test_every_migration_is_applied_and_the_file_is_sound(
    upgraded: Upgraded, new_store_file: Path
) -> None:
    names = [name for name, _fn in schema._MIGRATIONS]
    # The file is what it claims: that version's migrations and no more.
    assert upgraded.applied_before == [n for n in names if n[:4] <= upgraded.version]
    with upgraded.store() as store:
        assert _applied(store.conn) == names
        assert store.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert store.conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert _schema(upgraded.path) == _schema(new_store_file)  # shaped as a new store


@pytest.mark.parametrize("upgraded", STORES, indirect=True)
def test_every_row_an_older_version_stored_is_kept(upgraded: Upgraded) -> None:
    with upgraded.store() as store:
        for table, (all_columns, rows) in upgraded.before.items():
            kept = [i for i, c in enumerate(all_columns) if (table, c) not in RECOMPUTED]
            columns = [all_columns[i] for i in kept]
            expected = sorted(
                (tuple(as_today(table, all_columns[i], row[i]) for i in kept) for row in rows),
                key=repr,
            )
            assert _rows(store.conn, table, columns) == expected, table


@pytest.mark.parametrize("upgraded", STORES, indirect=True)
def test_every_signature_already_stored_is_checked_once_as_it_stands(upgraded: Upgraded) -> None:
    with upgraded.store() as store:
        signatures = store.conn.execute(
            "SELECT id, record_id FROM event WHERE kind = 'signature' ORDER BY id"
        ).fetchall()
        checked = store.conn.execute(
            "SELECT event_id, record_id FROM signature_check ORDER BY event_id"
        ).fetchall()
        intact = store.conn.execute("SELECT count(*) FROM signature_check WHERE intact")
        assert checked == signatures
        assert intact.fetchone()[0] == len(signatures)  # each verifies, as its version said


@pytest.mark.parametrize("upgraded", STORES, indirect=True)
def test_a_household_content_hash_is_todays_so_the_same_roster_again_is_unchanged(
    upgraded: Upgraded,
) -> None:
    with upgraded.store() as store:
        for row in store.query("SELECT * FROM household"):
            assert row["content_hash"] == content_hash(stored_content(row)), row["id"]


@pytest.mark.parametrize("upgraded", STORES, indirect=True)
def test_the_campaign_and_its_categories_read_back(upgraded: Upgraded) -> None:
    old = upgraded.report["campaign"]
    with upgraded.store() as store:
        campaign = get_campaign(store)
        assert campaign is not None
        t = campaign.thresholds
        assert {
            "id": campaign.id,
            "name": campaign.name,
            "organizer": campaign.organizer,
            "start": campaign.start.isoformat(),
            "end": campaign.end.isoformat(),
            "min_living_fen": t.min_living_fen,
            "rule1_pct": t.rule1_pct,
            "rule2_pct": t.rule2_pct,
            "rule3_pct": t.rule3_pct,
            "hardship_cost_fen": t.hardship_cost_fen,
        } == old
        categories = [
            (c.code, c.name, c.cash_fen, c.goods, c.goods_fen)
            for c in list_categories(store, campaign.id)
        ]
    assert categories == [
        (c["code"], c["name"], c["cash_fen"], c["goods"], c["goods_fen"])
        for c in upgraded.report["categories"]["categories"]
    ]


@pytest.mark.parametrize("upgraded", STORES, indirect=True)
def test_households_read_back_with_their_status_details_and_eligibility(
    upgraded: Upgraded,
) -> None:
    report = upgraded.report
    with upgraded.store() as store:
        listed = {h.id: h for h in households.list_households(store)}
        shown = {n: households.show_household(store, n) for n in report["shown"]}
        eligibility = {r.id: r for r in evaluate_eligibility(store)}
        budget = compute_budget(store)
        overrides = {h: override_of(store, h) for h in listed}

    old_list = report["households"]["households"]
    assert sorted(listed) == sorted(h["id"] for h in old_list)
    for old in old_list:
        now = listed[old["id"]]
        assert (now.id_number, now.name, now.unit, now.category) == (
            old["id_number"],
            old["name"],
            old["unit"],
            old["category"],
        )
        assert now.status == as_today("household", "status", old["status"])

    for id_number, old in report["shown"].items():
        now = shown[id_number]
        household = as_stored(now.household)
        assert {k: household[k] for k in old["household"]
                if ("household", k) not in RECOMPUTED} == {
            k: as_today("household", k, v) for k, v in old["household"].items()
            if ("household", k) not in RECOMPUTED
        }  # fmt: skip
        assert [as_stored(m) for m in now.members] == old["members"]
        assert {m.value: at.isoformat() for m, at in now.materials.items()} == {
            as_today("material", "material", m): at for m, at in old["materials"].items()
        }
        # A change made before batches, bases and gaps were kept (0019) has none of them.
        assert [as_stored(c) for c in now.status_history] == [
            {**{k: as_today("status_change", k, v) for k, v in c.items()},
             **({"batch_id": None, "basis": None, "missing": ()} if upgraded.version < "0019"
                else {"missing": tuple(c["missing"])})}
            for c in old["status_history"]
        ]  # fmt: skip

    for old in report["eligibility"]["households"]:
        now = eligibility[old["id"]]
        assert (now.size, now.per_capita_fen, now.overridden) == (
            old["household_size"],
            old["per_capita_fen"],
            old["overridden"],
        )
        assert now.rule == as_today("eligibility_override", "rule", old["rule"])
        # The newest of a household's override rows is the one in force.
        if old["overridden"]:
            override = overrides[old["id"]]
            assert override is not None and override["rule"] == now.rule
    assert sum(1 for o in overrides.values() if o is not None) == sum(
        1 for h in report["eligibility"]["households"] if h["overridden"]
    )

    old_budget = report["budget"]
    assert budget.total_fen == old_budget["total_fen"]
    assert budget.other_costs_fen == old_budget["other_costs_fen"]
    assert budget.uncategorised == old_budget["uncategorised_households"]
    assert [(line.code, line.count, line.subtotal_fen) for line in budget.lines] == [
        (c["code"], c["count"], c["subtotal_fen"]) for c in old_budget["categories"]
    ]


@pytest.mark.parametrize("upgraded", _stores_with("teams"), indirect=True)
def test_teams_and_assignments_read_back(upgraded: Upgraded) -> None:
    old = upgraded.report["teams"]
    with upgraded.store() as store:
        campaign = upgraded.report["campaign"]["id"]
        listed = teams.list_teams(store, campaign)
        unassigned = teams.unassigned(store, campaign, CONFIRMED)
        current = teams.current_team_of(store, None)
        schedule = teams.schedule(store, campaign)
    fields = ("code", "name", "leader", "members", "area", "phone", "households")
    assert [{f: t[f] for f in fields} for t in listed] == [
        {f: t[f] for f in fields} for t in old["teams"]
    ]
    assert len(unassigned) == old["unassigned"]
    # Append-only rows: the newest of each household's is its team now.
    assert current == upgraded.current_before
    assert len(schedule) == sum(t["households"] for t in old["teams"])
    assert len(upgraded.rows("assignment")) > len(current), "a household moved should be there"


@pytest.mark.parametrize("upgraded", _stores_with("progress"), indirect=True)
def test_events_bundles_devices_and_progress_read_back(upgraded: Upgraded) -> None:
    report = upgraded.report
    with upgraded.store() as store:
        events = events_where(store, held=True)  # a revoked laptop's held ones too
        history = bundle_history(store)
        devices = [
            {**d, "fingerprint": fingerprint(bytes.fromhex(d["signing_public"]))}
            for d in list_devices(store)
        ]
        progress, _open = compute_progress(store)
        # Rules added since a store was saved raise more flags on the same records (its
        # visits were recorded unsigned): the flags of the rules it knew are the same.
        every = campaign_flags(store)
    newer_kinds = NEWER_FLAGS if upgraded.version < PROOF_FLAGS_SINCE else set()
    flags = [f for f in every if f.kind not in newer_kinds]
    newer = {f.household_id for f in every if f.kind in newer_kinds}

    assert sorted(events, key=repr) == sorted(
        (Event(**{f: row[f] for f in Event._fields}) for row in upgraded.rows("event")), key=repr
    )
    heads, problems = check_chains(events)
    assert problems == []  # every old event's hash and chain still verify
    assert {d["id"]: d["events"] for d in devices} == {d: seq for d, (seq, _h) in heads.items()}

    device_fields = ("id", "role", "team", "events", "fingerprint", "first_seen", "revoked_at")
    assert [{f: d[f] for f in device_fields} for d in devices] == [
        {f: d[f] for f in device_fields} for d in report["devices"]["devices"]
    ]

    assert sorted((h["id"], h["outcome"], h["sequence"]) for h in history) == sorted(
        (row["id"], row["outcome"], row["sequence"]) for row in upgraded.rows("bundle_log")
    )
    assert history, "the store should hold the bundles written or read"

    assert len(flags) == report["progress"]["flags"]
    for p, old in zip(progress, report["progress"]["teams"], strict=True):
        assert {k: getattr(p, k) for k in old if k != "problem"} == {
            k: v for k, v in old.items() if k != "problem"}  # fmt: skip
        assert old["problem"] <= p.problem <= old["problem"] + len(newer)


@pytest.mark.parametrize("upgraded", _stores_with("progress", "central"), indirect=True)
def test_a_bundle_in_quarantine_keeps_why(upgraded: Upgraded) -> None:
    logged = {row["id"]: row for row in upgraded.rows("bundle_log")}
    held = upgraded.rows("quarantine")
    assert held, "the office should hold the restored laptop's bundle in quarantine"
    with upgraded.store() as store:
        reasons = {
            row["id"]: quarantined_reason(store, logged[row["bundle_log_id"]]["file_sha256"])
            for row in held
        }
        history = {h["id"]: h["quarantine_reason"] for h in bundle_history(store)}
    for row in held:
        reason = reasons[row["id"]]
        assert reason is not None and history[row["bundle_log_id"]] == reason
        if row["detail"]:  # kept as a sentence before reasons were keys: the sentence stands
            assert row["detail"] in reason.kwargs.values()
        else:
            assert reason.key == row["reason_key"]


@pytest.mark.parametrize("upgraded", _stores_with("progress", "team"), indirect=True)
def test_a_team_laptop_finds_its_households_and_keeps_its_draft(
    upgraded: Upgraded, tmp_path: Path
) -> None:
    path = tmp_path / "team.db"
    shutil.copyfile(upgraded.path, path)  # the search writes its keys and list: a copy
    keyed_before = bool(upgraded.rows("household_search"))
    with Store(path) as store:
        missing = store_search.count_without_keys(store)
        ensure_search_index(store)
        assert store_search.count_without_keys(store) == 0
        assert store_search.list_is_current(store)
        found = {
            h["id"]: (
                set(search_ids(store, h["name"])),
                set(search_ids(store, h["id_number"][-4:])),
                set(search_ids(store, pinyin_keys(h["name"])[0].split()[0])),
            )
            for h in upgraded.report["households"]["households"]
        }
        drafts = open_drafts(store)
        loaded = {d.household_id: load_draft(store, d.household_id) for d in drafts}
    # Keys the old window computed are kept; a laptop from before them gets them now.
    households_now = len(upgraded.report["households"]["households"])
    assert missing == (0 if keyed_before else households_now)
    for household_id, (by_name, by_id_tail, by_initials) in found.items():
        assert household_id in by_name & by_id_tail & by_initials

    saved = {
        row["household_id"]: json.loads(as_today("draft", "body", row["body"]))
        for row in upgraded.rows("draft")
    }
    assert loaded == saved
    if "draft" in upgraded.before:
        assert saved, "a laptop from 0006 on should hold a draft"
