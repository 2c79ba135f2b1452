"""Importing a base-level union's roster: check every row, find duplicates, write in one go.

A file with rejected rows changes nothing unless the clerk asks to skip them; the report lists
every problem so the clerk fixes the file in one pass. The same person is never stored twice:
a second row in the file, or a person another unit already sent, is reported as a duplicate.
The same unit sending a corrected file updates the rows it corrects and keeps the old version.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.documents.roster_reader import read_roster_file
from app.domain.campaign import Category, new_id, new_ids
from app.domain.id_number import mask_id
from app.domain.progress import Cancel, Progress, never, no_progress
from app.domain.roster_columns import Layout, find_layout, parse_mapping
from app.domain.roster_rows import RowProblem
from app.domain.text import clean, squeeze
from app.messages import text
from app.services.context import Actor, require_campaign
from app.services.roster_checking import Checked, check_rows
from app.store import households as store_households
from app.store.campaigns import list_categories, unit_deadline
from app.store.db import Store

BATCH = 2000


@dataclass(frozen=True, slots=True)
class Duplicate:
    row: int
    id_number_masked: str
    first_seen: int  # Excel row of the copy that is kept
    first_seen_file: str
    first_seen_unit: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)


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
    actor = actor or Actor()
    campaign = require_campaign(store)
    explicit = parse_mapping(mapping)
    sheet = read_roster_file(path)
    layout = find_layout(sheet.rows, explicit)
    default_unit = clean(unit) or _unit_from_title(sheet.rows, layout) or path.stem
    today = actor.today()

    checked, rejected = check_rows(sheet.rows, layout, default_unit, today, progress, cancel)
    categories = list_categories(store, campaign.id)
    known = store_households.known_households(store, campaign.id)
    data = path.read_bytes()
    file_sha = hashlib.sha256(data).hexdigest()

    plan = _plan(checked, known, categories, path.name, default_unit)
    warnings = list(plan.warnings)
    deadline = unit_deadline(store, campaign.id, default_unit)
    if deadline and today > deadline:
        warnings.insert(
            0,
            RowProblem(
                0,
                "",
                default_unit,
                "roster.late",
                {"unit": default_unit, "deadline": deadline.isoformat()},
            ),
        )
    result = RosterImport(
        file=path.name,
        unit=default_unit,
        imported=len(plan.new),
        updated=len(plan.changed),
        unchanged=plan.unchanged,
        rejected=tuple(rejected),
        duplicates=tuple(plan.duplicates),
        warnings=tuple(warnings),
        applied=False,
    )
    if rejected and not skip_invalid:
        return result
    if not plan.new and not plan.changed:
        # Nothing to change: the same file again leaves no trace, not even a ledger row.
        return _applied(result)

    import_id = new_id()
    now = actor.now()
    total = len(plan.new) + len(plan.changed)
    with store.transaction():
        store_households.insert_import(
            store,
            {
                "id": import_id,
                "campaign_id": campaign.id,
                "file_name": path.name,
                "file_sha256": file_sha,
                "unit": default_unit,
                "imported_at": now,
                "imported_by": actor.user,
                "added": len(plan.new),
                "updated": len(plan.changed),
                "unchanged": plan.unchanged,
                "rejected": result.rejected_rows,
                "duplicates": len(plan.duplicates),
            },
        )
        done = 0
        for start in range(0, len(plan.new), BATCH):
            cancel.check()
            batch = plan.new[start : start + BATCH]
            ids = iter(new_ids(len(batch)))
            store_households.insert_households(
                store,
                [
                    {
                        "id": next(ids),
                        "campaign_id": campaign.id,
                        "id_number": checked[0].id_number,
                        **_roster_values(checked, category_id, import_id),
                        "created_at": now,
                        "updated_at": now,
                    }
                    for checked, category_id in batch
                ],
            )
            done += len(batch)
            progress(done, total)
        for household_id, checked, category_id in plan.changed:
            cancel.check()
            values = _roster_values(checked, category_id, import_id)
            if category_id is None:
                del values["category_id"]  # keep a category the clerk set by hand
            store_households.replace_roster_values(
                store,
                household_id,
                {**values, "updated_at": now},
                {
                    "id": new_id(),
                    "replaced_at": now,
                    "replaced_by": actor.user,
                    "import_id": import_id,
                },
            )
            done += 1
            if done % BATCH == 0:
                progress(done, total)
        progress(total, total)
    return _applied(result)


def _applied(result: RosterImport) -> RosterImport:
    return RosterImport(**{**_fields(result), "applied": True})


def _fields(result: RosterImport) -> dict[str, Any]:
    return {name: getattr(result, name) for name in RosterImport.__dataclass_fields__}


@dataclass(slots=True)
class _Plan:
    new: list[tuple[Checked, str | None]] = field(default_factory=list)
    changed: list[tuple[str, Checked, str | None]] = field(default_factory=list)
    unchanged: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)


def _plan(
    rows: list[Checked],
    known: dict[str, store_households.Known],
    categories: list[Category],
    file_name: str,
    unit: str,
) -> _Plan:
    plan = _Plan()
    by_label = {c.name: c.id for c in categories} | {c.code.upper(): c.id for c in categories}
    known_labels = "、".join(c.name for c in categories) or "无 / none"
    first_row: dict[str, int] = {}
    unknown: dict[str, list[int]] = {}  # category label → rows naming it
    for checked in rows:
        row, digest = checked
        masked = mask_id(row.id_number)
        if row.id_number in first_row:
            first = first_row[row.id_number]
            plan.duplicates.append(
                Duplicate(
                    row.row,
                    masked,
                    first,
                    file_name,
                    row.unit,
                    "row.duplicate_in_file",
                    {"first_row": first},
                )
            )
            continue
        first_row[row.id_number] = row.row
        category_id = None
        if row.category_label:
            category_id = by_label.get(row.category_label) or by_label.get(
                row.category_label.upper()
            )
            if category_id is None:
                unknown.setdefault(row.category_label, []).append(row.row)
        existing = known.get(row.id_number)
        if existing is None:
            plan.new.append((checked, category_id))
        elif existing.unit != row.unit:
            plan.duplicates.append(
                Duplicate(
                    row.row,
                    masked,
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
        elif existing.content_hash == digest:
            plan.unchanged += 1
        else:
            plan.changed.append((existing.id, checked, category_id))
    for label, at in unknown.items():
        rows_text = "、".join(map(str, at[:10])) + ("…" if len(at) > 10 else "")
        plan.warnings.append(
            RowProblem(
                at[0],
                "慰问类别",
                label,
                "row.unknown_category",
                {"label": label, "known": known_labels, "rows": rows_text, "n": len(at)},
            )
        )
    return plan


def _roster_values(checked: Checked, category_id: str | None, import_id: str) -> dict[str, Any]:
    row, digest = checked
    return {
        "name": row.name,
        "sex": row.sex,
        "birth_date": row.birth_date.isoformat(),
        "unit": row.unit,
        "employer": row.employer,
        "street": row.street,
        "address": row.address,
        "phone": row.phone,
        "household_size": row.household_size,
        "monthly_income_fen": row.monthly_income_fen,
        "medical_cost_fen": row.medical_cost_fen,
        "disaster_loss_fen": row.disaster_loss_fen,
        "causes": "、".join(row.causes),
        "special_cause": row.special_cause,
        "single_parent": None if row.single_parent is None else int(row.single_parent),
        "marital_status": row.marital_status,
        "ethnicity": row.ethnicity,
        "health": row.health,
        "category_label": row.category_label,
        "category_id": category_id,
        "notes": row.notes,
        "content_hash": digest,
        "import_id": import_id,
        "source_row": row.row,
    }


_TITLE_UNIT = re.compile(r"(?:填报|报送)?单位[:：]\s*(\S+?)(?:\s|$|填表|日期)")


def _unit_from_title(rows: list[list[object]], layout: Layout) -> str:
    """A title row above the header often names the unit: "填报单位：区供热公司工会"."""
    for row in rows[: layout.header_row]:
        for cell in row:
            match = _TITLE_UNIT.search(clean(cell))
            if match:
                return squeeze(match.group(1))
    return ""


def problem_text(problem: RowProblem | Duplicate, lang: str | None = None) -> str:
    return text(problem.key, lang, **problem.params)
