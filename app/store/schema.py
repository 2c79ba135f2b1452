"""The schema, as numbered migrations. A released migration is never edited; add a new one.

Every table keys its rows by a UUID (text). Money columns end in ``_fen`` and hold integers.
Time stamps are ISO 8601 text with an offset.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from typing import Any

# sqlite-utils applies the migrations and keeps the record of them (its _sqlite_migrations
# table). It is imported only when one is pending: importing it is a fifth of the team
# window's start, and an opened store rarely has anything to apply.
MIGRATION_SET = "warmvisit"
_MIGRATIONS: list[tuple[str, Callable[[Any], None]]] = []


def migration(name: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    def register(fn: Callable[[Any], None]) -> Callable[[Any], None]:
        _MIGRATIONS.append((name, fn))
        return fn

    return register


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the file up to this program's schema (nothing to do: one query)."""
    if not _pending(conn):
        return
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, fn in _MIGRATIONS:
        migrations(name=name)(fn)
    migrations.apply(Database(conn))


def _pending(conn: sqlite3.Connection) -> bool:
    try:
        done = {
            name
            for (name,) in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            )
        }
    except sqlite3.OperationalError:  # a new file: no record yet
        return True  # fmt: skip
    return any(name not in done for name, _fn in _MIGRATIONS)


def _run(db: Any, script: str) -> None:
    # Not executescript(): under Python's legacy transaction control it COMMITs first, which
    # would split a migration from the record that it was applied.
    # Statements end with ";" at the end of a line; a trigger's inner ";" is mid-line.
    for statement in re.split(r";\s*\n", script):
        if statement.strip():
            db.execute(statement)


@migration("0001_central_core")
def _central_core(db: Any) -> None:
    _run(
        db,
        """
        CREATE TABLE campaign (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            organizer TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            min_living_fen INTEGER NOT NULL CHECK (min_living_fen > 0),
            rule1_pct INTEGER NOT NULL DEFAULT 150,
            rule2_pct INTEGER NOT NULL DEFAULT 200,
            rule3_pct INTEGER NOT NULL DEFAULT 300,
            hardship_cost_fen INTEGER NOT NULL DEFAULT 2000000,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE TABLE category (
            id TEXT PRIMARY KEY,
            campaign_id TEXT NOT NULL REFERENCES campaign(id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            cash_fen INTEGER NOT NULL CHECK (cash_fen >= 0),
            goods TEXT NOT NULL DEFAULT '',
            goods_fen INTEGER NOT NULL DEFAULT 0 CHECK (goods_fen >= 0),
            position INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (campaign_id, code),
            UNIQUE (campaign_id, name)
        );
        CREATE TABLE other_cost (
            id TEXT PRIMARY KEY,
            campaign_id TEXT NOT NULL REFERENCES campaign(id),
            name TEXT NOT NULL,
            amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE TABLE unit (
            id TEXT PRIMARY KEY,
            campaign_id TEXT NOT NULL REFERENCES campaign(id),
            name TEXT NOT NULL,
            deadline TEXT,
            UNIQUE (campaign_id, name)
        );
        CREATE TABLE roster_import (
            id TEXT PRIMARY KEY,
            campaign_id TEXT NOT NULL REFERENCES campaign(id),
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            unit TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL,
            added INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            unchanged INTEGER NOT NULL,
            rejected INTEGER NOT NULL,
            duplicates INTEGER NOT NULL
        );
        CREATE TABLE household (
            id TEXT PRIMARY KEY,
            campaign_id TEXT NOT NULL REFERENCES campaign(id),
            id_number TEXT NOT NULL,
            name TEXT NOT NULL,
            sex TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            unit TEXT NOT NULL,
            employer TEXT NOT NULL DEFAULT '',
            street TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            household_size INTEGER,
            monthly_income_fen INTEGER,
            medical_cost_fen INTEGER,
            disaster_loss_fen INTEGER,
            causes TEXT NOT NULL DEFAULT '',
            special_cause TEXT NOT NULL DEFAULT '',
            single_parent INTEGER,
            marital_status TEXT NOT NULL DEFAULT '',
            ethnicity TEXT NOT NULL DEFAULT '',
            health TEXT NOT NULL DEFAULT '',
            category_label TEXT NOT NULL DEFAULT '',
            category_id TEXT REFERENCES category(id),
            notes TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '申报',
            content_hash TEXT NOT NULL,
            import_id TEXT REFERENCES roster_import(id),
            source_row INTEGER,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (campaign_id, id_number)
        );
        CREATE INDEX household_unit ON household(campaign_id, unit);
        CREATE INDEX household_category ON household(category_id);
        CREATE INDEX household_status ON household(campaign_id, status);
        -- The version a correction replaced, kept whole: nobody loses what a unit first sent.
        CREATE TABLE household_history (
            id TEXT PRIMARY KEY,
            household_id TEXT NOT NULL REFERENCES household(id),
            replaced_at TEXT NOT NULL,
            replaced_by TEXT NOT NULL,
            import_id TEXT REFERENCES roster_import(id),
            before_json TEXT NOT NULL
        );
        CREATE INDEX household_history_household ON household_history(household_id);
        CREATE TABLE member (
            id TEXT PRIMARY KEY,
            household_id TEXT NOT NULL REFERENCES household(id),
            name TEXT NOT NULL,
            relation TEXT NOT NULL,
            id_number TEXT NOT NULL DEFAULT '',
            health TEXT NOT NULL DEFAULT '',
            income_fen INTEGER,
            married INTEGER,
            school_or_employer TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE INDEX member_household ON member(household_id);
        CREATE TABLE material (
            household_id TEXT NOT NULL REFERENCES household(id),
            material TEXT NOT NULL,
            received_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            PRIMARY KEY (household_id, material)
        );
        CREATE TABLE status_change (
            id TEXT PRIMARY KEY,
            household_id TEXT NOT NULL REFERENCES household(id),
            from_status TEXT NOT NULL,
            to_status TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            changed_at TEXT NOT NULL,
            changed_by TEXT NOT NULL
        );
        CREATE INDEX status_change_household ON status_change(household_id);
        -- Append-only: the newest row per household is the decision in force.
        CREATE TABLE eligibility_override (
            id TEXT PRIMARY KEY,
            household_id TEXT NOT NULL REFERENCES household(id),
            rule TEXT CHECK (rule IN ('一', '二', '三', '四') OR rule IS NULL),
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            decided_at TEXT NOT NULL,
            decided_by TEXT NOT NULL
        );
        CREATE INDEX eligibility_override_household ON eligibility_override(household_id);
        """,
    )


@migration("0002_teams")
def _teams(db: Any) -> None:
    _run(
        db,
        """
        CREATE TABLE team (
            id TEXT PRIMARY KEY,
            campaign_id TEXT NOT NULL REFERENCES campaign(id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            leader TEXT NOT NULL,
            members TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            area TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            UNIQUE (campaign_id, code)
        );
        -- Append-only: the newest row of a household is its team (NULL: withdrawn). Moves and
        -- withdrawals stay visible for the audit and for later assignment bundles.
        CREATE TABLE assignment (
            id TEXT PRIMARY KEY,
            household_id TEXT NOT NULL REFERENCES household(id),
            team_id TEXT REFERENCES team(id),
            planned_date TEXT,
            assigned_at TEXT NOT NULL,
            assigned_by TEXT NOT NULL
        );
        CREATE INDEX assignment_household ON assignment(household_id);
        CREATE VIEW current_assignment AS
            SELECT a.* FROM assignment a
            WHERE a.rowid = (SELECT max(b.rowid) FROM assignment b
                             WHERE b.household_id = a.household_id)
        """,
    )


@migration("0003_sync")
def _sync(db: Any) -> None:
    _run(
        db,
        """
        -- What this database is: role central|team, its own device id, pinned keys, sequences.
        CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- Every device known here: this one (with its private keys) and, at the central office,
        -- each team laptop that has sent a bundle. A revoked device's later bundles are refused.
        CREATE TABLE device (
            id TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('central', 'team')),
            team_id TEXT REFERENCES team(id),
            signing_public TEXT NOT NULL,
            signing_private TEXT,
            box_public TEXT,
            box_private TEXT,
            first_seen TEXT NOT NULL,
            revoked_at TEXT,
            revoked_by TEXT,
            revoke_reason TEXT
        );
        -- Immutable: rows are inserted, never updated or deleted (triggers below enforce it).
        CREATE TABLE event (
            id TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL CHECK (seq >= 1),
            prev_hash TEXT NOT NULL,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            household_id TEXT NOT NULL,
            team_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            body TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            received_at TEXT NOT NULL,
            UNIQUE (device_id, seq)
        );
        CREATE INDEX event_record ON event(record_id);
        CREATE INDEX event_household ON event(household_id);
        CREATE INDEX event_team ON event(team_id);
        CREATE TRIGGER event_no_update BEFORE UPDATE ON event
            BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
        CREATE TRIGGER event_no_delete BEFORE DELETE ON event
            BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
        CREATE TABLE team_credential (
            team_id TEXT PRIMARY KEY REFERENCES team(id),
            credential TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE cash_float (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES team(id),
            amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL
        );
        -- One row per bundle written or read, in the same transaction as its effect.
        CREATE TABLE bundle_log (
            id TEXT PRIMARY KEY,
            direction TEXT NOT NULL CHECK (direction IN ('export', 'import')),
            kind TEXT NOT NULL,
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            team_id TEXT,
            device_id TEXT,
            sequence INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            new INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            flagged INTEGER NOT NULL DEFAULT 0,
            quarantined INTEGER NOT NULL DEFAULT 0,
            at TEXT NOT NULL,
            by TEXT NOT NULL
        );
        CREATE INDEX bundle_log_device ON bundle_log(device_id, sequence);
        -- A bundle that contradicts what is known: kept whole for a person to decide.
        CREATE TABLE quarantine (
            id TEXT PRIMARY KEY,
            bundle_log_id TEXT NOT NULL REFERENCES bundle_log(id),
            reason_key TEXT NOT NULL,
            detail TEXT NOT NULL,
            bundle BLOB NOT NULL,
            at TEXT NOT NULL
        )
        """,
    )


@migration("0004_fewer_household_indexes")
def _fewer_household_indexes(db: Any) -> None:
    # These three indexes cost an import far more than the full scan they would save a unit,
    # status or category filter (figures in docs/decisions.md).
    _run(
        db,
        """
        DROP INDEX household_unit;
        DROP INDEX household_category;
        DROP INDEX household_status
        """,
    )


@migration("0005_household_search")
def _household_search(db: Any) -> None:
    # The SQL comments below are part of a released migration (stored in the file's schema):
    # they stay as written.
    _run(
        db,
        """
        -- Pinyin keys of each name over all readings (曾三 → "zs cs"), computed once: pypinyin
        -- takes ~60 µs a name, too slow to run per keystroke.
        CREATE TABLE household_search (
            household_id TEXT PRIMARY KEY REFERENCES household(id),
            initials TEXT NOT NULL,
            pinyin TEXT NOT NULL
        )
        """,
    )


@migration("0006_drafts")
def _drafts(db: Any) -> None:
    _run(
        db,
        """
        -- A visit being typed, saved as it is typed. Not a record: it is replaced while typing
        -- and removed when the visit is saved as events (or the team discards it).
        CREATE TABLE draft (
            household_id TEXT PRIMARY KEY REFERENCES household(id),
            body TEXT NOT NULL,
            saved_at TEXT NOT NULL
        )
        """,
    )


@migration("0007_credential_mac_key")
def _credential_mac_key(db: Any) -> None:
    # The key derived from a team's credential (scrypt, slow on purpose), kept so a merge of
    # 100 teams' first bundles does not derive it 100 times.
    _run(db, "ALTER TABLE team_credential ADD COLUMN mac_key TEXT")


@migration("0009_household_list")
def _household_list(db: Any) -> None:
    _run(
        db,
        """
        -- The list the team window shows and searches, in display order (street, address, name):
        -- narrow rows, stored in that order, so a search is one scan of a small table (~20 ms
        -- for 100,000 households) instead of a scan and a sort of the wide household table
        -- (~0.5 s). Rebuilt from household and household_search when their fingerprint changes.
        CREATE TABLE household_list (
            rank INTEGER PRIMARY KEY,
            household_id TEXT NOT NULL,
            hay TEXT NOT NULL,       -- name, address, street (NUL between)
            letters TEXT NOT NULL,   -- pinyin initials and full pinyin, all readings
            phone TEXT NOT NULL,
            id_end TEXT NOT NULL     -- the ID number and char(1): a tail matches at the end
        )
        """,
    )


@migration("0010_no_event_record_index")
def _no_event_record_index(db: Any) -> None:
    # An index of random UUIDs is costly to keep up while an office merges hundreds of
    # thousands of events. A record is looked up alone only on a team laptop (void, reprint),
    # where a scan of its few thousand events is quick; elsewhere records are read by
    # household or team.
    _run(db, "DROP INDEX IF EXISTS event_record")


@migration("0011_household_updated_index")
def _household_updated_index(db: Any) -> None:
    # The window checks at every start whether its list table is current, by the newest
    # change: from this index a lookup, without it a read of every household (and its page
    # cache). An import stamps all its rows alike, so the index
    # grows at its end and costs the import next to nothing.
    _run(db, "CREATE INDEX household_updated ON household(updated_at)")


@migration("0012_event_household_device_index")
def _event_household_device_index(db: Any) -> None:
    # After each bundle a merge asks which of its households another laptop wrote about: with
    # the laptop in the index, its own just-written rows (3 KB signatures among them) are
    # passed over without reading them, and the wider index is no dearer to keep up.
    _run(db, "DROP INDEX IF EXISTS event_household")
    _run(db, "CREATE INDEX event_household ON event(household_id, device_id)")


# The words enumerated values were stored as until migration 0013 (app.domain.codes has the codes).
_STATUS_CODES = {"申报": "applied", "单位审核": "unit_reviewed", "公示": "public_notice",
                 "上报": "reported", "确定": "confirmed", "不予": "declined"}  # fmt: skip
_MATERIAL_CODES = {"身份证复印件": "id_card_copy", "户口本复印件": "hukou_copy",
                   "困难证明": "hardship_proof", "银行卡复印件": "bank_card_copy",
                   "档案表": "household_form"}  # fmt: skip
_RULE_CODES = {"一": "1", "二": "2", "三": "3", "四": "4"}
_DRAFT_CODES = {
    "mode": {"上门": "home", "电话": "phone", "单位": "workplace"},
    "outcome": {"已慰问": "visited", "不在家": "not_home", "拒收": "refused",
                "迁出": "moved_out", "去世": "deceased", "联系不上": "unreachable"},
    "met": {"本人": "self", "代领": "proxy"},
    "cannotSign": {"不识字": "illiterate", "手部不便": "hand_impaired",
                   "视力": "sight_impaired", "卧床": "bedridden", "其他": "other"},
}  # fmt: skip


def _recode(db: Any, table: str, column: str, codes: dict[str, str]) -> None:
    for word, code in codes.items():
        db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [code, word])


@migration("0013_codes_not_words")
def _codes_not_words(db: Any) -> None:
    # Statuses, materials, rules and the draft form's choices become ASCII codes; the words are
    # the catalogue's. Events are never rewritten: app.domain.legacy reads their old words.
    _recode(db, "household", "status", _STATUS_CODES)
    for column in ("from_status", "to_status"):
        _recode(db, "status_change", column, _STATUS_CODES)
    _recode(db, "material", "material", _MATERIAL_CODES)
    # The rule's CHECK names the words: the table is made anew with the codes.
    _run(
        db,
        """
        CREATE TABLE eligibility_override_new (
            id TEXT PRIMARY KEY,
            household_id TEXT NOT NULL REFERENCES household(id),
            rule TEXT CHECK (rule IN ('1', '2', '3', '4') OR rule IS NULL),
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            decided_at TEXT NOT NULL,
            decided_by TEXT NOT NULL
        );
        INSERT INTO eligibility_override_new
            SELECT id, household_id,
                   CASE rule WHEN '一' THEN '1' WHEN '二' THEN '2' WHEN '三' THEN '3'
                             WHEN '四' THEN '4' ELSE rule END,
                   reason, decided_at, decided_by
            FROM eligibility_override ORDER BY rowid;
        DROP TABLE eligibility_override;
        ALTER TABLE eligibility_override_new RENAME TO eligibility_override;
        CREATE INDEX eligibility_override_household ON eligibility_override(household_id)
        """,
    )
    for household_id, body in db.execute("SELECT household_id, body FROM draft").fetchall():
        fields = json.loads(body)
        for name, codes in _DRAFT_CODES.items():
            if isinstance(fields.get(name), str):
                fields[name] = codes.get(fields[name], fields[name])
        db.execute("UPDATE draft SET body = ? WHERE household_id = ?",
                   [json.dumps(fields, ensure_ascii=False), household_id])  # fmt: skip


@migration("0014_quarantine_reason_params")
def _quarantine_reason_params(db: Any) -> None:
    # Why a bundle is held, as a message key and its parameters (JSON), rendered in the reader's
    # language; ``detail`` keeps the sentences written before (in Chinese).
    _run(db, "ALTER TABLE quarantine ADD COLUMN reason_params TEXT NOT NULL DEFAULT '{}'")


@migration("0015_sex_codes")
def _sex_codes(db: Any) -> None:
    # 男/女 become the codes M/F (app.domain.id_number.Sex), and each household's content hash
    # is worked out again over the code, so an unchanged roster imported again stays unchanged.
    from app.domain.roster_rows import content_hash, stored_content

    _recode(db, "household", "sex", {"男": "M", "女": "F"})
    cursor = db.execute("SELECT * FROM household")
    names = [d[0] for d in cursor.description]
    index = names.index("id")
    rehashed = [(content_hash(stored_content(dict(zip(names, row, strict=True)))), row[index])
                for row in cursor.fetchall()]  # fmt: skip
    db.conn.executemany("UPDATE household SET content_hash = ? WHERE id = ?", rehashed)


@migration("0016_budget_revisions")
def _budget_revisions(db: Any) -> None:
    # An other cost is a line kept as revisions: each row is one (what the line says from then
    # on; the newest row of a line is in force), so a correction never loses the old figure.
    # A category's standard changes likewise keep what it was before, for the audit and so a
    # visit paid at the old standard is not taken for one off it.
    _run(
        db,
        """
        ALTER TABLE other_cost ADD COLUMN line_id TEXT;
        ALTER TABLE other_cost ADD COLUMN actual_fen INTEGER CHECK (actual_fen >= 0);
        ALTER TABLE other_cost ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE other_cost ADD COLUMN reason TEXT NOT NULL DEFAULT '';
        UPDATE other_cost SET line_id = id;
        CREATE INDEX other_cost_line ON other_cost(line_id);
        CREATE TABLE category_change (
            id TEXT PRIMARY KEY,
            category_id TEXT NOT NULL REFERENCES category(id),
            before_cash_fen INTEGER NOT NULL,
            before_goods TEXT NOT NULL,
            before_goods_fen INTEGER NOT NULL,
            cash_fen INTEGER NOT NULL CHECK (cash_fen >= 0),
            goods TEXT NOT NULL,
            goods_fen INTEGER NOT NULL CHECK (goods_fen >= 0),
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            changed_at TEXT NOT NULL,
            changed_by TEXT NOT NULL
        );
        CREATE INDEX category_change_category ON category_change(category_id)
        """,
    )


@migration("0017_visit_plan")
def _visit_plan(db: Any) -> None:
    # How a household is to be visited (上门 / 电话 …) and whether a phone visit must reach the
    # person: the campaign's default, a unit's, a household's own; a row sets either or both.
    # Append-only: the newest row of a (scope, target) that sets a value is in force, the
    # earlier ones stay as the record of who decided.
    _run(
        db,
        """
        CREATE TABLE visit_plan (
            id TEXT PRIMARY KEY,
            campaign_id TEXT NOT NULL REFERENCES campaign(id),
            scope TEXT NOT NULL CHECK (scope IN ('campaign', 'unit', 'household')),
            target TEXT NOT NULL DEFAULT '',
            mode TEXT CHECK (mode IN ('home', 'phone', 'workplace')),
            phone_must_reach INTEGER CHECK (phone_must_reach IN (0, 1)),
            set_at TEXT NOT NULL,
            set_by TEXT NOT NULL,
            CHECK (mode IS NOT NULL OR phone_must_reach IS NOT NULL)
        );
        CREATE INDEX visit_plan_target ON visit_plan(campaign_id, scope, target)
        """,
    )


# Migrations from 0018 on are in schema_next.py (this module reached its size limit); imported
# last, so they register after those above, in their order.
from app.store import schema_next  # noqa: E402, F401
