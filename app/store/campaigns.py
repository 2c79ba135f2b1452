"""Campaign settings: the campaign row, categories, other costs, units (kind, quota, deadline)."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain.campaign import Campaign, CampaignId, Category, CategoryId, OtherCost
from app.domain.eligibility import Thresholds
from app.domain.payment import Payment
from app.store.db import Store


def insert_campaign(store: Store, row: dict[str, object]) -> None:
    store.insert("campaign", row)


def get_campaign(store: Store) -> Campaign | None:
    """The campaign this database holds (one per database file)."""
    rows = list(store.query("SELECT * FROM campaign ORDER BY created_at LIMIT 1"))
    if not rows:
        return None
    r = rows[0]
    return Campaign(
        id=CampaignId(r["id"]),
        name=r["name"],
        organizer=r["organizer"],
        start=date.fromisoformat(r["start_date"]),
        end=date.fromisoformat(r["end_date"]),
        thresholds=Thresholds(
            min_living_fen=r["min_living_fen"],
            rule1_pct=r["rule1_pct"],
            rule2_pct=r["rule2_pct"],
            rule3_pct=r["rule3_pct"],
            hardship_cost_fen=r["hardship_cost_fen"],
        ),
    )


def insert_category(store: Store, row: dict[str, object]) -> None:
    row = dict(row)
    row["position"] = store.conn.execute(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM category WHERE campaign_id = ?",
        [row["campaign_id"]],
    ).fetchone()[0]
    store.insert("category", row)


def list_categories(store: Store, campaign_id: str) -> list[Category]:
    return [
        Category(
            CategoryId(r["id"]),
            r["code"],
            r["name"],
            r["cash_fen"],
            r["goods"],
            r["goods_fen"],
            Payment(r["payment"]),
        )
        for r in store.query(
            "SELECT * FROM category WHERE campaign_id = ? ORDER BY position", [campaign_id]
        )
    ]


def link_households_to_category(store: Store, campaign_id: str, category: Category) -> int:
    """Households whose roster named this category (by code or name) and have none yet."""
    cursor = store.conn.execute(
        """UPDATE household SET category_id = ?
           WHERE campaign_id = ? AND category_id IS NULL
             AND (category_label = ? OR upper(category_label) = upper(?))""",
        [category.id, campaign_id, category.name, category.code],
    )
    return cursor.rowcount


def insert_cost(store: Store, row: dict[str, object]) -> None:
    """One revision of an other cost line: a later one names its ``line_id``; without one the
    row starts a line of its own."""
    store.insert("other_cost", {"line_id": row["id"], **row})


_LIVE_COSTS = """SELECT c.* FROM other_cost c
    WHERE c.campaign_id = ? AND c.rowid = (SELECT max(d.rowid) FROM other_cost d
                                           WHERE d.line_id = c.line_id)"""


def list_costs(store: Store, campaign_id: str) -> list[OtherCost]:
    """The cost lines in force (each line's newest revision, removed ones left out), in the
    order the lines were first entered."""
    rows = store.query(
        f"""SELECT live.* FROM ({_LIVE_COSTS}) live
            WHERE NOT live.removed
            ORDER BY (SELECT min(f.created_at) FROM other_cost f WHERE f.line_id = live.line_id),
                     (SELECT min(f.rowid) FROM other_cost f WHERE f.line_id = live.line_id)""",
        [campaign_id],
    )
    return [OtherCost(r["name"], r["amount_fen"], r["actual_fen"], r["line_id"]) for r in rows]


def cost_history(store: Store, campaign_id: str) -> list[dict[str, Any]]:
    """Every revision of every cost line, oldest first."""
    return list(
        store.query("SELECT * FROM other_cost WHERE campaign_id = ? ORDER BY rowid", [campaign_id])
    )


def update_category(store: Store, category_id: str, values: dict[str, object]) -> None:
    """The standard in force now (its change is kept in category_change, same transaction)."""
    assignments = ", ".join(f"{c} = :{c}" for c in values)
    store.conn.execute(
        f"UPDATE category SET {assignments} WHERE id = :_id", {**values, "_id": category_id}
    )


def insert_category_change(store: Store, row: dict[str, object]) -> None:
    store.insert("category_change", row)


def category_changes(store: Store, campaign_id: str) -> list[dict[str, Any]]:
    """Every change of a category's standard, oldest first, with the category's code."""
    return list(
        store.query(
            """SELECT g.*, c.code FROM category_change g JOIN category c ON c.id = g.category_id
               WHERE c.campaign_id = ? ORDER BY g.rowid""",
            [campaign_id],
        )
    )


def unit_settings(store: Store, campaign_id: str, name: str) -> dict[str, Any] | None:
    rows = list(
        store.query(
            "SELECT name, kind, quota, deadline FROM unit WHERE campaign_id = ? AND name = ?",
            [campaign_id, name],
        )
    )
    return rows[0] if rows else None


def units_of_kind(store: Store, campaign_id: str, kind: str) -> list[dict[str, Any]]:
    return list(
        store.query(
            "SELECT name, kind, quota, deadline FROM unit WHERE campaign_id = ? AND kind = ?"
            " ORDER BY name",
            [campaign_id, kind],
        )
    )


def save_unit(store: Store, row: dict[str, Any]) -> None:
    """A unit's settings now (``id``, ``campaign_id``, ``name``, ``kind``, ``quota``,
    ``deadline``), and the same as a revision with who and when (``changed_at``,
    ``changed_by``)."""
    store.conn.execute(
        """INSERT INTO unit (id, campaign_id, name, kind, quota, deadline)
           VALUES (:id, :campaign_id, :name, :kind, :quota, :deadline)
           ON CONFLICT (campaign_id, name) DO UPDATE SET kind = excluded.kind,
               quota = excluded.quota, deadline = excluded.deadline""",
        row,
    )
    store.conn.execute(
        """INSERT INTO unit_revision (id, campaign_id, name, kind, quota, deadline, changed_at,
                                      changed_by)
           VALUES (:revision_id, :campaign_id, :name, :kind, :quota, :deadline, :changed_at,
                   :changed_by)""",
        row,
    )


def unit_rules(store: Store, campaign_id: str) -> dict[str, tuple[int | None, str | None]]:
    """unit → (quota, deadline) for the units that have either."""
    rows = store.conn.execute(
        """SELECT name, quota, deadline FROM unit WHERE campaign_id = ?
           AND (quota IS NOT NULL OR deadline IS NOT NULL)""",
        [campaign_id],
    )
    return {name: (quota, deadline) for name, quota, deadline in rows}


def unit_deadline(store: Store, campaign_id: str, unit: str) -> date | None:
    row = store.conn.execute(
        "SELECT deadline FROM unit WHERE campaign_id = ? AND name = ?", [campaign_id, unit]
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def list_units(store: Store, campaign_id: str) -> list[dict[str, Any]]:
    """Every unit that has settings or has sent households: its settings, its households, those
    that take a place in its quota (not declined) and its marks still to decide."""
    return list(
        store.query(
            """SELECT name, kind, quota, deadline,
                   (SELECT count(*) FROM household h
                    WHERE h.campaign_id = u.campaign_id AND h.unit = u.name) AS households,
                   (SELECT count(*) FROM household h
                    WHERE h.campaign_id = u.campaign_id AND h.unit = u.name
                      AND h.status != 'declined') AS counted,
                   (SELECT count(*) FROM roster_mark m JOIN household h ON h.id = m.household_id
                    WHERE h.campaign_id = u.campaign_id AND m.unit = u.name
                      AND h.status != 'declined' AND NOT EXISTS
                        (SELECT 1 FROM roster_mark_decision d WHERE d.mark_id = m.id))
                    AS open_marks
               FROM (SELECT campaign_id, name, kind, quota, deadline FROM unit
                     WHERE campaign_id = :c
                     UNION SELECT DISTINCT campaign_id, unit, NULL, NULL, NULL FROM household
                     WHERE campaign_id = :c AND unit NOT IN
                        (SELECT name FROM unit WHERE campaign_id = :c)) u
               ORDER BY name""",
            {"c": campaign_id},
        )
    )


def update_campaign(store: Store, campaign_id: str, column: str, value: object) -> None:
    """The fact in force now (its change is kept in campaign_change, same transaction)."""
    assert column in _CAMPAIGN_COLUMNS, column
    store.conn.execute(f"UPDATE campaign SET {column} = ? WHERE id = ?", [value, campaign_id])


_CAMPAIGN_COLUMNS = frozenset({
    "name", "organizer", "start_date", "end_date", "min_living_fen", "rule1_pct", "rule2_pct",
    "rule3_pct", "hardship_cost_fen",
})  # fmt: skip


def insert_campaign_change(store: Store, row: dict[str, object]) -> None:
    store.insert("campaign_change", row)


def campaign_changes(store: Store, campaign_id: str) -> list[dict[str, Any]]:
    """Every change of the campaign's facts, oldest first."""
    return list(
        store.query(
            "SELECT * FROM campaign_change WHERE campaign_id = ? ORDER BY rowid", [campaign_id]
        )
    )
