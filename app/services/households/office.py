"""The office's household table (UX-OFFICE.md §2): a page of rows, filters, facets with counts,
sorted orders, the figures that take a while (rules, visits, flags), and the status change
of the households selected goes through app.services.households.status (preview_selected).

Filtering and sorting happen here, over ids; the window's model holds ids and reads a page
of rows at a time (a proxy model over 100,000 rows costs seconds and a hundred megabytes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from app.domain.campaign import Status
from app.domain.eligibility import Rule
from app.domain.errors import NotFound
from app.domain.id_number import mask_id
from app.services.households.application import (
    HouseholdDetail,
    override_eligibility,
    show_household,
)
from app.services.households.eligibility import (
    EligibilityRow,
    eligibility_of,
    eligibility_of_ids,
    evaluate_eligibility,
)
from app.services.search.lookup import VisitStatus, household_count, visit_statuses
from app.store import office as store_office
from app.store.db import Store

FACETS = ("status", "category", "unit", "street", "team")  # filters answered by the store
REVIEW = "review"  # the rule facet's value for households no rule covers (待审)


@dataclass(frozen=True, slots=True)
class OfficeRow:
    """A household as the office's table shows it (the ID masked)."""

    id: str
    name: str
    id_masked: str
    unit: str
    street: str
    address: str
    phone: str
    status: Status
    category: str  # "" when none yet
    due_fen: int | None  # the category's cash + goods
    transfer: bool
    team: str  # the team's code; "" unassigned


@dataclass(frozen=True, slots=True)
class Extras:
    """What takes a second or more over 100,000 households: read off the GUI thread."""

    visits: dict[str, VisitStatus] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)  # open flags per household
    households: int = 0
    # Every household's rule (None: needs review): ~10 s over 100,000 households, so read only
    # when a rule filter asks (``with_rules``); the table reads a page's rules with its rows.
    rules: dict[str, Rule | None] | None = None


@dataclass(frozen=True, slots=True)
class Filters:
    """Values chosen per facet (an empty tuple: any), and the three yes/no filters."""

    chosen: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (facet, values)
    rules: tuple[str, ...] = ()  # "1".."4", REVIEW
    flagged: bool | None = None
    paid: bool | None = None

    @property
    def empty(self) -> bool:
        return not self.chosen and not self.rules and self.flagged is None and self.paid is None

    def needs_extras(self) -> bool:
        return bool(self.rules) or self.flagged is not None or self.paid is not None


def office_rows(store: Store, ids: Sequence[str]) -> dict[str, OfficeRow]:
    def due(r: dict[str, object]) -> int | None:
        cash, goods = r["cash_fen"], r["goods_fen"]
        return None if cash is None else int(cash) + int(goods or 0)  # type: ignore[call-overload]

    return {
        hid: OfficeRow(hid, r["name"], mask_id(r["id_number"]), r["unit"], r["street"],
                       r["address"], r["phone"], Status(r["status"]), r["category"] or "",
                       due(r), r["payment"] == "transfer", r["team"] or "")
        for hid, r in store_office.office_rows(store, ids).items()
    }  # fmt: skip


def extras(store: Store) -> Extras:
    """Visits and open flags of every household (a worker's connection)."""
    from app.services.oversight.flags import campaign_flags  # after the first paint

    flags: dict[str, int] = {}
    for flag in campaign_flags(store):
        flags[flag.household_id] = flags.get(flag.household_id, 0) + 1
    return Extras(visit_statuses(store), flags, household_count(store))


def with_rules(store: Store, extra: Extras) -> Extras:
    """``extra`` with every household's rule (a worker's connection: seconds)."""
    return replace(extra, rules={r.id: r.rule for r in evaluate_eligibility(store)})


def rules_for(store: Store, household_ids: Sequence[str]) -> dict[str, Rule | None]:
    """The rules of a page of households (None: needs review)."""
    return {hid: row.rule for hid, row in eligibility_of_ids(store, household_ids).items()}


def facet_counts(store: Store, facet: str) -> list[tuple[str, int]]:
    """The values a filter offers, with how many households have each."""
    return store_office.value_counts(store, facet)


def rule_counts(extra: Extras) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for rule in (extra.rules or {}).values():
        key = rule.value if rule else REVIEW
        counts[key] = counts.get(key, 0) + 1
    return sorted(counts.items())


def allowed(store: Store, filters: Filters, extra: Extras | None) -> set[str] | None:
    """The households the filters keep; None when nothing is filtered (all of them)."""
    if filters.empty:
        return None
    kept = store_office.ids_where(store, dict(filters.chosen)) if filters.chosen else None
    if extra is None or not filters.needs_extras():
        return kept
    kept = store_office.ids_where(store, {}) if kept is None else kept
    rules = extra.rules
    if filters.rules and rules is not None:
        wanted = set(filters.rules)
        kept = {h for h in kept if ((r := rules.get(h)) and r.value or REVIEW) in wanted}
    if filters.flagged is not None:
        kept = {h for h in kept if (h in extra.flags) == filters.flagged}
    if filters.paid is not None:
        kept = {h for h in kept if _paid(extra.visits.get(h)) == filters.paid}
    return kept


def _paid(visit: VisitStatus | None) -> bool:
    return visit is not None and visit.paid_fen > 0


def sorted_ids(store: Store, column: str) -> list[str]:
    """Every household in the order of a column (name by pinyin)."""
    return store_office.ids_sorted(store, column)


@dataclass(frozen=True, slots=True)
class OfficeDetail:
    """The detail pane's household: its facts, members, materials and status history, and the
    rule it qualifies under (or why it needs review)."""

    detail: HouseholdDetail
    eligibility: EligibilityRow


def office_detail(store: Store, household_id: str) -> OfficeDetail | None:
    id_number = store_office.id_number_of(store, household_id)
    if id_number is None:
        return None
    return OfficeDetail(show_household(store, id_number), eligibility_of(store, id_number))


def override_rule(store: Store, household_id: str, *, rule: str | None, reason: str) -> Rule | None:
    """The clerk's decision on a household's rule (一..四, or None: not eligible), with a reason:
    ``override_eligibility`` for the household the table shows."""
    id_number = store_office.id_number_of(store, household_id)
    if id_number is None:
        raise NotFound("household.not_found", id_number="-")
    return override_eligibility(store, id_number, rule=rule, reason=reason)
