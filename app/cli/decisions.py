"""How the command line shows the office's decisions: a status change's preview (counts, the
households left alone and why, what 确定 lacks), a household's history of statuses and marks,
and the households a roster brought over quota or late."""

from __future__ import annotations

from typing import Any

from app.cli.output import OUT
from app.domain.decisions import Skip
from app.i18n import label, render
from app.services.households.application import HouseholdDetail
from app.services.households.status import PlannedChange, StatusPreview, StatusResult
from app.services.rosters.marks import MarkedHousehold


def status_json(preview: StatusPreview, done: StatusResult | None) -> dict[str, Any]:
    """``household set-status`` in JSON: the preview's counts and every household chosen."""
    return {
        "status": preview.request.status.value,
        "applied": done is not None,
        "batch_id": done.batch_id if done else None,
        "selected": preview.selected,
        "changed": len(preview.changing) if done else 0,
        "changing": len(preview.changing),
        "skipped": len(preview.skipped),
        "skipped_by": [{"skip": g.skip.value, "status": g.status.value, "count": g.count}
                       for g in preview.skip_groups],
        "blocked": render(preview.blocked, OUT.lang) if preview.blocked else None,
        "households": [_planned_json(h) for h in preview.households],
    }  # fmt: skip


def _planned_json(h: PlannedChange) -> dict[str, Any]:
    return {"id": h.household_id, "name": h.name, "id_number": h.id_number, "unit": h.unit,
            "from_status": h.from_status.value, "to_status": h.to_status.value,
            "move": h.move.value if h.move else None, "skip": h.skip.value if h.skip else None,
            "gaps": [g.value for g in h.gaps]}  # fmt: skip


# Why a household is left alone: counted (the preview's line), and per household.
_SKIPPED = {
    Skip.DECLINED: ("status.skip.declined", "status.why.declined"),
    Skip.NOT_YET: ("status.skip.not_yet", "status.why.not_yet"),
    Skip.ALREADY: ("status.skip.already", "status.why.already"),
    Skip.PAST: ("status.skip.past", "status.why.past"),
    Skip.PENDING_MARK: ("status.skip.pending_mark", "status.why.pending_mark"),
}


def _why(h: PlannedChange, *, counted: int | None = None) -> str:
    """Why a household is left alone: per household, or (``counted``) for a group."""
    assert h.skip is not None
    group, one = _SKIPPED[h.skip]
    shown = h.to_status if h.skip == Skip.ALREADY else h.from_status
    return OUT.text(one if counted is None else group, status=shown, next=h.next_step or "-",
                    n=counted or 0)  # fmt: skip


def say_preview(preview: StatusPreview, *, listed: bool) -> None:
    """The counts, then (``listed``) each household left alone; always each one that 确定
    would confirm with something missing."""
    OUT.say(OUT.text("cli.status_preview", status=preview.request.status,
                     selected=preview.selected, changing=len(preview.changing)))  # fmt: skip
    if preview.skipped:
        first = {(h.skip, h.from_status): h for h in reversed(preview.skipped)}
        groups = [_why(first[(g.skip, g.status)], counted=g.count) for g in preview.skip_groups]
        OUT.say(OUT.text("cli.status_skipped", n=len(preview.skipped), groups=" · ".join(groups)))
    if listed:
        for h in preview.skipped:
            OUT.say(OUT.text("cli.status_line", name=h.name, id=h.id_number_masked, unit=h.unit,
                             why=_why(h)))  # fmt: skip
    for h in preview.incomplete:
        OUT.say(OUT.text("cli.status_gaps", name=h.name, id=h.id_number_masked, unit=h.unit,
                         gaps=h.gaps))  # fmt: skip


def mark_json(m: MarkedHousehold) -> dict[str, Any]:
    return {"mark_id": m.mark_id, "household_id": m.household_id, "name": m.name,
            "id_number": m.id_number, "unit": m.unit, "file": m.file, "row": m.row,
            "mark": m.mark.value, "received": m.received.isoformat(),
            "decision": m.decision.value if m.decision else None, "reason": m.reason,
            "decided_at": m.decided_at.isoformat() if m.decided_at else None,
            "decided_by": m.decided_by or None, "why": render(m.why, OUT.lang)}  # fmt: skip


def say_history(d: HouseholdDetail) -> None:
    """Decisions on marks and status changes, oldest first (a forfeit's decision before the
    不予 it made), marks still open last, in the reader's language."""
    if not (d.status_history or d.marks):
        return
    OUT.say(OUT.text("cli.history_head"))
    lines: list[tuple[str, str]] = []
    for m in d.marks:
        if m.decision is None or m.decided_at is None:
            lines.append(("~", OUT.text("cli.history_mark_open", why=render(m.why, OUT.lang))))
            continue
        key = "cli.history_mark_why" if m.reason else "cli.history_mark"
        lines.append((m.decided_at.isoformat(), OUT.text(
            key, at=_when(m.decided_at.isoformat()), by=m.decided_by, mark=m.mark,
            decision=m.decision, why=m.reason)))  # fmt: skip
    for c in d.status_history:
        why = tuple(x for x in (label(c.basis) if c.basis else "", c.reason,
                                OUT.text("cli.history_missing", gaps=c.missing)
                                if c.missing else "") if x)  # fmt: skip
        key = "cli.history_status_why" if why else "cli.history_status"
        lines.append((c.changed_at.isoformat(), OUT.text(
            key, at=_when(c.changed_at.isoformat()), by=c.changed_by,
            from_status=c.from_status, to_status=c.to_status, why=why)))  # fmt: skip
    for _at, line in sorted(lines, key=lambda x: x[0]):
        OUT.say(line)


def _when(iso: str) -> str:
    """2027-01-06 10:00: a time stamp as a clerk reads it."""
    return iso[:16].replace("T", " ")


def say_marks(found: tuple[MarkedHousehold, ...]) -> None:
    """The households a roster brought over quota or late, one line each."""
    OUT.say(OUT.text("cli.marks_head"))
    for m in found:
        OUT.say(OUT.text("cli.mark_line", unit=m.unit, row=m.row, name=m.name,
                         id=m.id_number_masked, why=render(m.why, OUT.lang)))  # fmt: skip
