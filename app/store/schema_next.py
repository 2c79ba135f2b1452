"""The schema's migrations from 0018 on, after app/store/schema.py reached its size limit.

Registered by importing this module at the end of schema.py, so in order after its own. A
released migration is never edited; add a new one at the end.
"""

from __future__ import annotations

from typing import Any

from app.store import ddl
from app.store.schema import _run, migration

# 0018: how households are paid and their bank accounts (append-only).
_PAYMENTS_AND_ACCOUNTS = """
    -- How a category's cash reaches a household; a household may be set apart (NULL: as
    -- its category). Each change of a household's is kept in payment_change.
    ALTER TABLE category ADD COLUMN payment TEXT NOT NULL DEFAULT 'cash'
        CHECK (payment IN ('cash', 'transfer'));
    ALTER TABLE household ADD COLUMN payment TEXT CHECK (payment IN ('cash', 'transfer'));
    CREATE TABLE payment_change (
        id TEXT PRIMARY KEY,
        household_id TEXT NOT NULL REFERENCES household(id),
        from_payment TEXT,
        to_payment TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL,
        changed_by TEXT NOT NULL
    );
    CREATE INDEX payment_change_household ON payment_change(household_id);
    -- Append-only: the newest row of a household is its account in force; older rows are
    -- its history (a roster's correction, the clerk's after a failed transfer).
    CREATE TABLE bank_account (
        id TEXT PRIMARY KEY,
        household_id TEXT NOT NULL REFERENCES household(id),
        bank TEXT NOT NULL DEFAULT '',
        branch TEXT NOT NULL DEFAULT '',
        card TEXT NOT NULL CHECK (length(card) BETWEEN 16 AND 19),
        luhn_ok INTEGER NOT NULL,
        import_id TEXT REFERENCES roster_import(id),
        reason TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL
    );
    CREATE INDEX bank_account_household ON bank_account(household_id)
"""

# 0018: the batches of transfers and the files written and read for them.
_BATCHES = """
    -- A payment list for finance: its households are the transfer events of the batch.
    CREATE TABLE transfer_batch (
        id TEXT PRIMARY KEY,
        campaign_id TEXT NOT NULL REFERENCES campaign(id),
        number INTEGER NOT NULL,
        code TEXT NOT NULL,
        lines INTEGER NOT NULL,
        total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        UNIQUE (campaign_id, number)
    );
    -- Every list file written, and whether it showed the card numbers in full: who, when.
    CREATE TABLE transfer_list_file (
        id TEXT PRIMARY KEY,
        batch_id TEXT NOT NULL REFERENCES transfer_batch(id),
        file_name TEXT NOT NULL,
        full_cards INTEGER NOT NULL,
        written_at TEXT NOT NULL,
        written_by TEXT NOT NULL
    );
    -- Every bank result file read in (in the transaction of its transfer results).
    CREATE TABLE transfer_result_file (
        id TEXT PRIMARY KEY,
        batch_id TEXT NOT NULL REFERENCES transfer_batch(id),
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        paid INTEGER NOT NULL,
        failed INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        read_at TEXT NOT NULL,
        read_by TEXT NOT NULL
    )
"""


@migration("0018_transfers")
def _transfers(db: Any) -> None:
    _run(db, _PAYMENTS_AND_ACCOUNTS)
    _run(db, _BATCHES)


@migration("0019_office_decisions")
def _office_decisions(db: Any) -> None:
    _run(db, ddl.OFFICE_DECISIONS)


# 0020: each signature event's own facts, worked out once (app.domain.signature_check), so the
# audit and the flags never read 3 KB of strokes again. Append-only like the events: an event
# never changes, nor does what its body says of itself.
_SIGNATURE_CHECK = """
    CREATE TABLE signature_check (
        event_id TEXT PRIMARY KEY REFERENCES event(id),
        record_id TEXT NOT NULL,
        visit TEXT,
        intact INTEGER NOT NULL,
        shown_cash,
        method TEXT NOT NULL,
        marked INTEGER NOT NULL
    );
    CREATE INDEX signature_check_marked ON signature_check(marked) WHERE marked;
    CREATE TRIGGER signature_check_no_update BEFORE UPDATE ON signature_check
        BEGIN SELECT RAISE(ABORT, 'signature checks are immutable'); END;
    CREATE TRIGGER signature_check_no_delete BEFORE DELETE ON signature_check
        BEGIN SELECT RAISE(ABORT, 'signature checks are immutable'); END
"""


@migration("0020_signature_check")
def _signature_check(db: Any) -> None:
    from app.store.signature_checks import check_rows

    _run(db, _SIGNATURE_CHECK)
    rows = db.execute("SELECT id, record_id, body FROM event WHERE kind = 'signature'")
    db.conn.executemany(_INSERT_CHECK, check_rows(rows))


_INSERT_CHECK = "INSERT INTO signature_check VALUES (?, ?, ?, ?, ?, ?, ?)"
