"""The migrations: recorded once, never run twice, all or nothing; and what the schema enforces."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.domain.eligibility import RULES
from app.domain.errors import InvalidInput
from app.store import schema
from app.store.db import Store
from tests.store.builders import World


def _recorded(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'warmvisit' ORDER BY id"
            )
        ]
    finally:
        conn.close()


def test_migrations_are_numbered_in_order_and_named_once() -> None:
    names = [name for name, _fn in schema._MIGRATIONS]
    assert names == sorted(names) and len(set(names)) == len(names)
    assert len({name[:4] for name in names}) == len(names)


def test_migrations_are_recorded_once_and_not_run_again(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    Store(path).close()
    assert _recorded(path) == [name for name, _fn in schema._MIGRATIONS]
    conn = sqlite3.connect(path)
    assert not schema._pending(conn)
    conn.close()
    Store(path).close()  # opens without applying anything twice (a second CREATE would fail)
    assert _recorded(path) == [name for name, _fn in schema._MIGRATIONS]


def test_a_failing_migration_leaves_neither_its_changes_nor_its_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.db"
    Store(path).close()

    def half_done(db: Any) -> None:
        schema._run(db, "CREATE TABLE half (x INTEGER);\nINSERT INTO nowhere VALUES (1)")

    def later(db: Any) -> None:
        schema._run(db, "CREATE TABLE later (x INTEGER)")

    monkeypatch.setattr(
        schema,
        "_MIGRATIONS",
        [*schema._MIGRATIONS, ("9998_half", half_done), ("9999_later", later)],
    )
    with pytest.raises(InvalidInput) as caught:
        Store(path)
    assert caught.value.key == "db.unopenable" and "nowhere" in caught.value.params["detail"]
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert "half" not in tables and "later" not in tables
    assert "9998_half" not in _recorded(path)  # still pending: the next start tries it again


def test_a_new_store_is_fully_migrated_in_one_open(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        assert not schema._pending(store.conn)
        tables = {
            r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    assert {
        "campaign",
        "household",
        "assignment",
        "event",
        "bundle_log",
        "quarantine",
        "household_search",
        "draft",
        "household_list",
        "team_credential",
    } <= tables


def test_run_keeps_a_trigger_whole(store: Store) -> None:
    # The trigger's inner ";" is mid-line: the split must not cut it (0003 relies on it).
    triggers = {
        r["name"]: r["sql"]
        for r in store.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    }
    assert {"event_no_update", "event_no_delete", "status_change_no_update"} <= set(triggers)
    assert all(sql.rstrip().endswith("END") for sql in triggers.values())


def test_money_columns_refuse_negative_amounts(world: World) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        world.category("X", "负数", -1)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        world.store.insert(
            "other_cost",
            {
                "id": "c",
                "campaign_id": world.campaign_id,
                "name": "交通费",
                "amount_fen": -100,
                "created_at": "t",
                "created_by": "u",
            },
        )


def test_an_override_needs_a_reason_and_a_known_rule(world: World) -> None:
    household = world.household()

    def override(rule: str | None, reason: str) -> None:
        world.store.insert(
            "eligibility_override",
            {
                "id": reason + str(rule),
                "household_id": household,
                "rule": rule,
                "reason": reason,
                "decided_at": world.now(),
                "decided_by": "王会计",
            },
        )

    override(RULES[1], "子女就学")
    override(None, "收入核实后不符")  # none of the rules: a decision too
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        override(RULES[1], "   ")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        override("五", "没有第五条")


def test_one_household_per_id_number_in_a_campaign(world: World) -> None:
    world.household(id_number="120116197001010011")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        world.household(id_number="120116197001010011")


def test_a_device_is_central_or_team(world: World) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        world.device(role="office")
