"""Importing a base-level union's roster: check every row, find duplicates, write in one go.

A file with rejected rows changes nothing unless the clerk asks to skip them; the report lists
every problem so the clerk fixes the file in one pass. The same person is never stored twice:
a second row in the file, or a person another unit already sent, is reported as a duplicate.
The same unit sending a corrected file updates the rows it corrects and keeps the old version.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Generator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.documents.roster_reader import Sheet, read_roster_file
from app.domain.campaign import Category, CategoryId, Status, new_id
from app.domain.decisions import Mark
from app.domain.id_number import mask_id
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.domain.roster_columns import Layout, find_layout, parse_mapping
from app.domain.roster_rows import (
    CATEGORY_LABEL,
    CONTENT_HASH,
    ID_NUMBER,
    SOURCE_ROW,
    STORED_FIELDS,
    UNIT,
    RowProblem,
)
from app.domain.text import clean, squeeze
from app.services.infra.bulk import paused_gc
from app.services.infra.context import Actor, require_campaign
from app.services.rosters.checking import (
    CATEGORY_ID,
    INSERT_COLUMNS,
    VALUES,
    CheckedSlice,
    RowStamp,
    check_rows,
    data_rows,
)
from app.services.rosters.marks import MarkedHousehold, mark_import
from app.services.transfers.roster_accounts import RosterAccounts, read_accounts
from app.store import households as store_households
from app.store import transfers as store_transfers
from app.store.campaigns import list_categories, unit_deadline
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class Duplicate:
    row: int
    id_number_masked: str
    first_seen: int  # Excel row of the copy that is kept
    first_seen_file: str
    first_seen_unit: str
    key: str
    params: Mapping[str, str | int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RosterImport:
    file: str
    unit: str
    imported: int
    updated: int
    unchanged: int
    rejected: tuple[RowProblem, ...]
    duplicates: tuple[Duplicate, ...]
    warnings: tuple[RowProblem, ...]
    applied: bool  # False: refused because of rejected rows, nothing written
    accounts: int = 0  # bank accounts written (new, or changed from the one in force)
    # Households it added over their unit's quota or after its deadline, for the clerk to decide.
    marked: tuple[MarkedHousehold, ...] = ()

    @property
    def rejected_rows(self) -> int:
        return len({p.row for p in self.rejected})


def import_roster(
    store: Store,
    path: Path,
    *,
    unit: str | None = None,
    skip_invalid: bool = False,
    mapping: Sequence[str] = (),
    actor: Actor | None = None,
    progress: Progress = no_progress,
    cancel: Cancel = never,
) -> RosterImport:
    with paused_gc():  # 100,000 rows of cells: bulk work (app.services.infra.bulk)
        progress(0, 0)  # under way, size unknown: reading 100,000 rows takes a second
        sheet = read_roster_file(path)
        layout = find_layout(sheet.rows, parse_mapping(mapping))
        return import_sheet(store, path, sheet, layout, unit, skip_invalid, actor, progress,
                            cancel)  # fmt: skip


def import_sheet(
    store: Store, path: Path, sheet: Sheet, layout: Layout, unit: str | None, skip_invalid: bool,
    actor: Actor | None, progress: Progress, cancel: Cancel, *, rehearse: bool = False,
) -> RosterImport:  # fmt: skip
    """``import_roster`` on a sheet already read. ``rehearse``: everything is done as if
    applied (the quota and deadline marks included) and then rolled back: the preview."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    accounts = read_accounts(sheet.rows, layout)  # the bank columns, when it has a card column
    rows = accounts.without_rejected(sheet.rows) if accounts and skip_invalid else sheet.rows
    default_unit = clean(unit) or _unit_from_title(sheet.rows, layout) or path.stem
    today = actor.today()
    categories = list_categories(store, campaign.id)
    plan = _Plan(store_households.known_households(store, campaign.id), categories, path.name,
                 accounts is not None)  # fmt: skip
    run = _Run(store, _ledger_row(new_id(), campaign.id, path, default_unit, actor.now(),
                                  actor.user), accounts, today)  # fmt: skip
    run.rehearse = rehearse
    stamp = RowStamp(campaign.id, run.import_id, run.now, category_lookup(categories),
                     Status.APPLIED.value)  # fmt: skip
    slices = check_rows(rows, layout, default_unit, today, stamp)
    rejected, applied = run.write(slices, plan, skip_invalid=skip_invalid,
                                  total=data_rows(rows, layout), progress=progress,
                                  cancel=cancel)  # fmt: skip
    warnings = _marked_units(run.marked) + plan.warnings() + (accounts.warnings if accounts else [])
    warnings += _late_corrections(store, campaign.id, today, plan, run.marked)
    return RosterImport(
        file=path.name, unit=default_unit, imported=plan.new, updated=len(plan.changed),
        unchanged=plan.unchanged, rejected=tuple(rejected), duplicates=tuple(plan.duplicates),
        warnings=tuple(warnings), applied=applied, accounts=run.accounts_written,
        marked=run.marked,
    )  # fmt: skip


def _marked_units(marked: tuple[MarkedHousehold, ...]) -> list[RowProblem]:
    """A line for the whole file per unit and mark: its deadline passed, its quota exceeded."""
    counts: dict[tuple[str, str], list[MarkedHousehold]] = {}
    for m in marked:
        counts.setdefault((m.unit, m.mark.value), []).append(m)
    return [
        RowProblem(0, "", unit, f"roster.marked_{mark}",
                   {**dict(found[0].why.params), "n": len(found)})
        for (unit, mark), found in counts.items()
    ]  # fmt: skip


def _late_corrections(
    store: Store, campaign_id: str, today: date, plan: _Plan, marked: tuple[MarkedHousehold, ...]
) -> list[RowProblem]:
    """A late file that only corrects households marks nobody (only new households are 逾期),
    but the clerk should still see, per unit, that it came after the unit's deadline."""
    corrected: dict[str, int] = {}
    for _household, values, _category in plan.changed:
        corrected[values[UNIT]] = corrected.get(values[UNIT], 0) + 1
    said = {m.unit for m in marked if m.mark == Mark.LATE}  # with the households it added
    found = []
    for unit, n in sorted(corrected.items()):
        deadline = unit_deadline(store, campaign_id, unit)
        if deadline is not None and today > deadline and unit not in said:
            params = {"unit": unit, "deadline": deadline.isoformat(), "n": n}
            found.append(RowProblem(0, "", unit, "roster.late_corrections", params))
    return found


class _Run:
    """Writing one roster file: its ledger row (written with the first change, so a file that
    changes nothing leaves none) and its households, in one transaction."""

    def __init__(
        self,
        store: Store,
        ledger: dict[str, object],
        accounts: RosterAccounts | None,
        today: date,
    ) -> None:
        self.store = store
        self.ledger = ledger
        self.accounts = accounts
        self.accounts_written = 0
        self.import_id = str(ledger["id"])
        self.now = str(ledger["imported_at"])
        self.today = today
        self.marked: tuple[MarkedHousehold, ...] = ()
        self._opened = False
        self.rehearse = False  # roll back at the end, whatever was found

    def _open_ledger(self) -> None:
        if not self._opened:
            store_households.insert_import(self.store, self.ledger)
            self._opened = True

    def write(
        self, slices: Generator[CheckedSlice, None, None], plan: _Plan, *, skip_invalid: bool,
        total: int,
        progress: Progress, cancel: Cancel,
    ) -> tuple[list[RowProblem], bool]:  # fmt: skip
        """Every problem found, and whether the file was applied (nothing written otherwise).

        Slices are written while later ones are still being checked; a file with rejected
        rows stops writing at the first and is rolled back whole at the end (unless the clerk
        skips them), and so is a cancel."""
        # A bad card rejects its row (the rows were left blank if the clerk skips them).
        rejected: list[RowProblem] = list(self.accounts.problems) if self.accounts else []
        try:
            with self.store.transaction():
                with closing(slices):
                    for part in slices:
                        cancel.check()
                        rejected += part.problems
                        new = plan.add(part.rows)
                        if new and (skip_invalid or not rejected):
                            self._open_ledger()
                            store_households.insert_households(self.store, INSERT_COLUMNS, new)
                        progress(part.done, total)
                cancel.check()
                new_accounts = self._new_accounts(plan)
                if (rejected and not skip_invalid) or not (
                    plan.new or plan.changed or new_accounts
                ):
                    raise _NothingToWrite
                self._finish(plan, rejected)
                store_transfers.insert_accounts(self.store, new_accounts)
                self.accounts_written = len(new_accounts)
                progress(total, total)
                if self.rehearse:
                    raise _Rehearsed
        except _Rehearsed:
            pass
        except _NothingToWrite:
            # Refused: nothing was written. Nothing to change: the same file again leaves no
            # trace, not even a ledger row.
            return sorted(rejected, key=lambda p: p.row), not (rejected and not skip_invalid)
        return sorted(rejected, key=lambda p: p.row), True

    def _new_accounts(self, plan: _Plan) -> list[tuple[object, ...]]:
        if self.accounts is None:
            return []
        campaign_id = str(self.ledger["campaign_id"])
        return self.accounts.new_rows(self.store, campaign_id, plan.household_at, self.import_id,
                                      self.now, str(self.ledger["imported_by"]))  # fmt: skip

    def _finish(self, plan: _Plan, rejected: list[RowProblem]) -> None:
        self._open_ledger()
        by = str(self.ledger["imported_by"])
        for household_id, values, category_id in plan.changed:
            _replace(self.store, household_id, values, category_id, self.import_id, self.now, by)
        self.marked = mark_import(self.store, campaign_id=str(self.ledger["campaign_id"]),
                                  import_id=self.import_id, today=self.today)  # fmt: skip
        store_households.set_import_counts(self.store, self.import_id, {
            "added": plan.new, "updated": len(plan.changed), "unchanged": plan.unchanged,
            "rejected": len({p.row for p in rejected}), "duplicates": len(plan.duplicates),
        })  # fmt: skip


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """A roster file that changed something: when, by whom, what it did."""

    file: str
    sha256: str
    unit: str
    at: datetime
    by: str
    added: int
    updated: int
    unchanged: int
    rejected: int
    duplicates: int


def import_history(store: Store) -> tuple[ImportRecord, ...]:
    """The roster files that changed something, oldest first, with what each changed. A file
    refused for bad rows, or imported again unchanged, leaves no entry."""
    campaign = require_campaign(store)
    return tuple(
        ImportRecord(
            row["file_name"], row["file_sha256"], row["unit"],
            datetime.fromisoformat(row["imported_at"]), row["imported_by"], row["added"],
            row["updated"], row["unchanged"], row["rejected"], row["duplicates"],
        )
        for row in store_households.import_history(store, campaign.id)
    )  # fmt: skip


class _NothingToWrite(Exception):
    """Rolls the import's transaction back: refused, or the file changes nothing."""


class _Rehearsed(Exception):
    """Rolls a preview's transaction back once everything was found."""


def _ledger_row(
    import_id: str, campaign_id: str, path: Path, unit: str, now: str, user: str
) -> dict[str, Any]:
    with path.open("rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    return {
        "id": import_id,
        "campaign_id": campaign_id,
        "file_name": path.name,
        "file_sha256": digest,
        "unit": unit,
        "imported_at": now,
        "imported_by": user,
        # Counted when the whole file went through (set_import_counts, same transaction).
        "added": 0,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "duplicates": 0,
    }


def _replace(
    store: Store, household_id: str, values: tuple[Any, ...], category_id: str | None,
    import_id: str, now: str, user: str,
) -> None:  # fmt: skip
    """A corrected row: new values, the replaced version kept whole in the history."""
    changes: dict[str, Any] = dict(zip(STORED_FIELDS, values, strict=True))
    del changes["id_number"]  # the key it was found by
    if category_id is not None:  # else keep a category the clerk set by hand
        changes["category_id"] = category_id
    changes |= {"import_id": import_id, "updated_at": now}
    store_households.replace_roster_values(
        store,
        household_id,
        changes,
        {"id": new_id(), "replaced_at": now, "replaced_by": user, "import_id": import_id},
    )


class _Plan:
    """What each checked row is, in file order: new, a correction, unchanged, a duplicate."""

    def __init__(
        self, known: dict[str, store_households.Known], categories: list[Category],
        file_name: str, track_rows: bool = False,
    ) -> None:  # fmt: skip
        self.new = 0
        # Excel row → the household it is (new or known), when bank accounts are to follow.
        self.household_at: dict[int, str] = {}
        self._track = track_rows
        self.changed: list[tuple[str, tuple[Any, ...], str | None]] = []
        self.unchanged = 0
        self.duplicates: list[Duplicate] = []
        self._known = known
        self._file_name = file_name
        self._known_labels = tuple(c.name for c in categories)
        self._first_row: dict[str, int] = {}
        self._unknown: dict[str, list[int]] = {}  # category label → rows naming it

    def add(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """Plan the next rows (``INSERT_COLUMNS`` each); return the new ones, as they are."""
        new: list[tuple[Any, ...]] = []
        first_row, known = self._first_row, self._known
        for row in rows:
            id_number, excel_row = row[_ID_NUMBER], row[_SOURCE_ROW]
            first = first_row.get(id_number)
            if first is not None:
                self.duplicates.append(
                    Duplicate(
                        excel_row,
                        mask_id(id_number),
                        first,
                        self._file_name,
                        row[_UNIT],
                        "row.duplicate_in_file",
                        {"first_row": first},
                    )
                )
                continue
            first_row[id_number] = excel_row
            category_id = row[CATEGORY_ID]
            label = row[_CATEGORY_LABEL]
            if label and category_id is None:
                self._unknown.setdefault(label, []).append(excel_row)
            existing = known.get(id_number)
            if self._track and (existing is None or existing.unit == row[_UNIT]):
                self.household_at[excel_row] = row[0] if existing is None else existing.id
            if existing is None:
                new.append(row)
            elif existing.unit != row[_UNIT]:
                self.duplicates.append(
                    Duplicate(
                        excel_row,
                        mask_id(id_number),
                        existing.source_row,
                        existing.file_name,
                        existing.unit,
                        "row.duplicate_in_store",
                        {
                            "unit": existing.unit,
                            "file": existing.file_name,
                            "first_row": existing.source_row,
                        },
                    )
                )
            elif existing.content_hash == row[_CONTENT_HASH]:
                self.unchanged += 1
            else:
                self.changed.append((existing.id, row[VALUES:], category_id))
        self.new += len(new)
        return new

    def warnings(self) -> list[RowProblem]:
        warnings = []
        for label, at in self._unknown.items():
            rows_text = tuple(map(str, at[:10])) + (("…",) if len(at) > 10 else ())
            warnings.append(
                RowProblem(
                    at[0],
                    "慰问类别",
                    label,
                    "row.unknown_category",
                    {"label": label, "known": self._known_labels, "rows": rows_text, "n": len(at)},
                )
            )
        return warnings


def category_lookup(categories: list[Category]) -> dict[str, CategoryId]:
    """A roster's 慰问类别 names a category by its name or its code (any case)."""
    return {c.name: c.id for c in categories} | {c.code.upper(): c.id for c in categories}


# Where the plan finds what it needs in a row written as INSERT_COLUMNS.
_ID_NUMBER, _UNIT, _CATEGORY_LABEL, _CONTENT_HASH, _SOURCE_ROW = (
    VALUES + i for i in (ID_NUMBER, UNIT, CATEGORY_LABEL, CONTENT_HASH, SOURCE_ROW)
)

_TITLE_UNIT = re.compile(r"(?:填报|报送)?单位[:：]\s*(\S+?)(?:\s|$|填表|日期)")


def _unit_from_title(rows: list[list[object]], layout: Layout) -> str:
    """A title row above the header often names the unit: "填报单位：区供热公司工会"."""
    for row in rows[: layout.header_row]:
        for cell in row:
            match = _TITLE_UNIT.search(clean(cell))
            if match:
                return squeeze(match.group(1))
    return ""
