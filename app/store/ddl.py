"""The DDL of later migrations, as text (schema.py keeps their order and runs them; a released
migration's text is never edited either)."""

# Status changes kept as written (batch, rule, what was missing); units' kind and quota with
# their revisions; roster marks 超额 / 逾期 and the clerk's decisions on them.
OFFICE_DECISIONS = """
        -- A bulk change is one batch; a rule's reason is a code (late_forfeited …) beside the
        -- clerk's words; a confirmation made despite what was missing names it (codes, by ",").
        ALTER TABLE status_change ADD COLUMN batch_id TEXT;
        ALTER TABLE status_change ADD COLUMN basis TEXT NOT NULL DEFAULT '';
        ALTER TABLE status_change ADD COLUMN missing TEXT NOT NULL DEFAULT '';
        -- Who moved a household, when and why is kept as written.
        CREATE TRIGGER status_change_no_update BEFORE UPDATE ON status_change
            BEGIN SELECT RAISE(ABORT, 'status changes are kept as written'); END;
        CREATE TRIGGER status_change_no_delete BEFORE DELETE ON status_change
            BEGIN SELECT RAISE(ABORT, 'status changes are kept as written'); END;
        -- A unit's kind (town | sector) and quota (households at most); the unit row holds the
        -- settings now, unit_revision every setting as it was made.
        ALTER TABLE unit ADD COLUMN kind TEXT CHECK (kind IN ('town', 'sector'));
        ALTER TABLE unit ADD COLUMN quota INTEGER CHECK (quota >= 0);
        CREATE TABLE unit_revision (
            id TEXT PRIMARY KEY,
            campaign_id TEXT NOT NULL REFERENCES campaign(id),
            name TEXT NOT NULL,
            kind TEXT,
            quota INTEGER,
            deadline TEXT,
            changed_at TEXT NOT NULL,
            changed_by TEXT NOT NULL
        );
        -- A household a roster file brought over its unit's quota or after its deadline: kept,
        -- and open until the clerk decides (accept with a reason, or forfeit: 不予).
        CREATE TABLE roster_mark (
            id TEXT PRIMARY KEY,
            household_id TEXT NOT NULL REFERENCES household(id),
            mark TEXT NOT NULL CHECK (mark IN ('over_quota', 'late')),
            import_id TEXT NOT NULL REFERENCES roster_import(id),
            unit TEXT NOT NULL,
            quota INTEGER,
            deadline TEXT,
            received TEXT NOT NULL,
            UNIQUE (household_id, mark)
        );
        CREATE TABLE roster_mark_decision (
            id TEXT PRIMARY KEY,
            mark_id TEXT NOT NULL UNIQUE REFERENCES roster_mark(id),
            decision TEXT NOT NULL CHECK (decision IN ('accept', 'forfeit')),
            reason TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            decided_by TEXT NOT NULL
        );
        CREATE TRIGGER unit_revision_no_change BEFORE UPDATE ON unit_revision
            BEGIN SELECT RAISE(ABORT, 'unit settings are kept as made'); END;
        CREATE TRIGGER unit_revision_no_delete BEFORE DELETE ON unit_revision
            BEGIN SELECT RAISE(ABORT, 'unit settings are kept as made'); END;
        CREATE TRIGGER roster_mark_no_change BEFORE UPDATE ON roster_mark
            BEGIN SELECT RAISE(ABORT, 'roster marks are kept as made'); END;
        CREATE TRIGGER roster_mark_no_delete BEFORE DELETE ON roster_mark
            BEGIN SELECT RAISE(ABORT, 'roster marks are kept as made'); END;
        CREATE TRIGGER roster_mark_decision_no_change BEFORE UPDATE ON roster_mark_decision
            BEGIN SELECT RAISE(ABORT, 'decisions are kept as made'); END;
        CREATE TRIGGER roster_mark_decision_no_delete BEFORE DELETE ON roster_mark_decision
            BEGIN SELECT RAISE(ABORT, 'decisions are kept as made'); END
"""
