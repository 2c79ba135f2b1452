"""The schema's migrations from 0018 on, after app/store/schema.py reached its size limit.

Registered by importing this module at the end of schema.py, so in order after its own. A
released migration is never edited; add a new one at the end.
"""

from __future__ import annotations

import uuid
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


# Quarantine a person decides, and revocation that keeps the money (issue 17). A hold keeps a
# laptop's events from a number on out of every sum and flag until the office decides: a
# fork's events past the point where the chains part (whichever branch came first), a revoked
# laptop's events past the point the office chose. Each row supersedes the laptop's previous
# one (the newest by ``n`` is in force; from_seq NULL: nothing held); none is changed or
# deleted, so the history of holds, revocations and decisions stays for the auditor.
_HOLDS = """
    CREATE TABLE device_hold (
        id TEXT PRIMARY KEY,
        n INTEGER NOT NULL UNIQUE,
        device_id TEXT NOT NULL,
        from_seq INTEGER CHECK (from_seq IS NULL OR from_seq >= 1),
        cause TEXT NOT NULL,
        -- a decision's: the laptop's last record it saw (one after it reopens the decision)
        decided_to INTEGER,
        reason TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        by TEXT NOT NULL
    );
    CREATE INDEX device_hold_device ON device_hold(device_id, n);
    CREATE TABLE quarantine_decision (
        id TEXT PRIMARY KEY,
        quarantine_id TEXT NOT NULL REFERENCES quarantine(id),
        decision TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        by TEXT NOT NULL
    );
    CREATE INDEX quarantine_decision_of ON quarantine_decision(quarantine_id);
    -- A record of a quarantined bundle the office accepted: written again as the office's own
    -- event (the laptop's number is taken by the other branch), the original kept in the bundle.
    CREATE TABLE adopted_event (
        event_id TEXT PRIMARY KEY REFERENCES event(id),
        original_id TEXT NOT NULL,
        decision_id TEXT NOT NULL REFERENCES quarantine_decision(id)
    );
    CREATE INDEX adopted_event_original ON adopted_event(original_id);
    -- A team credential replaced (a laptop lost before it ever sent a bundle): a laptop that
    -- enrols with it later is taken in as revoked, its records held.
    CREATE TABLE retired_credential (
        team_id TEXT NOT NULL REFERENCES team(id),
        credential TEXT NOT NULL,
        mac_key TEXT NOT NULL,
        retired_at TEXT NOT NULL,
        retired_by TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE TRIGGER device_hold_no_update BEFORE UPDATE ON device_hold
        BEGIN SELECT RAISE(ABORT, 'holds are appended, never changed'); END;
    CREATE TRIGGER device_hold_no_delete BEFORE DELETE ON device_hold
        BEGIN SELECT RAISE(ABORT, 'holds are appended, never changed'); END;
    CREATE TRIGGER quarantine_decision_no_update BEFORE UPDATE ON quarantine_decision
        BEGIN SELECT RAISE(ABORT, 'decisions are appended, never changed'); END;
    CREATE TRIGGER quarantine_decision_no_delete BEFORE DELETE ON quarantine_decision
        BEGIN SELECT RAISE(ABORT, 'decisions are appended, never changed'); END
"""


@migration("0021_holds_and_quarantine_decisions")
def _holds(db: Any) -> None:
    _run(db, _HOLDS)
    # A laptop revoked before holds existed: everything it sent later was refused, so nothing
    # of it is past the point; its later bundles are held from the next number on.
    revoked = db.execute(
        """SELECT d.id, coalesce((SELECT max(seq) FROM event e WHERE e.device_id = d.id), 0),
                  d.revoked_at, coalesce(d.revoked_by, ''), coalesce(d.revoke_reason, '')
           FROM device d WHERE d.revoked_at IS NOT NULL ORDER BY d.revoked_at, d.id"""
    ).fetchall()
    for n, (device_id, last, at, by, reason) in enumerate(revoked, 1):
        db.conn.execute(
            "INSERT INTO device_hold VALUES (?, ?, ?, ?, 'revoked', NULL, ?, ?, ?)",
            [str(uuid.uuid4()), n, device_id, last + 1, reason, at, by],
        )


_CAMPAIGN_CHANGE = """
    -- A campaign fact changed after init (name, window, 低保标准, rule thresholds): the value
    -- before and after as text, with a reason; the campaign row holds the value in force.
    CREATE TABLE campaign_change (
        id TEXT PRIMARY KEY,
        campaign_id TEXT NOT NULL REFERENCES campaign(id),
        field TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL,
        reason TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        changed_by TEXT NOT NULL
    );
    CREATE TRIGGER campaign_change_no_update BEFORE UPDATE ON campaign_change
        BEGIN SELECT RAISE(ABORT, 'campaign changes are appended, never changed'); END;
    CREATE TRIGGER campaign_change_no_delete BEFORE DELETE ON campaign_change
        BEGIN SELECT RAISE(ABORT, 'campaign changes are appended, never changed'); END
"""


@migration("0022_campaign_change")
def _campaign_change(db: Any) -> None:
    _run(db, _CAMPAIGN_CHANGE)
