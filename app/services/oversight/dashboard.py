"""The office's dashboard in one read (UX-OFFICE.md §7): per-team progress and money, the
budget, households nobody visits yet (unassigned), and visits per day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.events import VISIT, record_fields
from app.services.campaign.budget import Budget, compute_budget
from app.services.oversight.progress import TeamProgress, compute_progress
from app.services.search.lookup import household_count
from app.services.visits.recording import live_state
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class Dashboard:
    teams: tuple[TeamProgress, ...]
    open_flags: int
    budget: Budget
    households: int
    per_day: tuple[tuple[date, int], ...]  # households visited (live visits) per visit date
    read_at: datetime

    @property
    def assigned(self) -> int:
        return sum(team.assigned for team in self.teams)

    @property
    def visited(self) -> int:
        return sum(team.visited for team in self.teams)

    @property
    def paid_fen(self) -> int:
        return sum(team.cash_fen + team.transfer_fen + team.goods_fen for team in self.teams)


def dashboard(store: Store) -> Dashboard:
    teams, open_flags = compute_progress(store)
    per_day: dict[date, set[str]] = {}
    for record in live_state(store).values():
        if record.kind == VISIT and not record.voided:
            day = date.fromisoformat(record_fields(record)["date"])
            per_day.setdefault(day, set()).add(record.event.household_id)
    days = tuple(sorted((d, len(h)) for d, h in per_day.items()))
    return Dashboard(tuple(teams), open_flags, compute_budget(store), household_count(store),
                     days, datetime.now())  # fmt: skip
