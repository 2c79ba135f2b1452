"""What the campaign will cost: count × (cash + goods) per category, plus other costs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from app.domain.campaign import DECLINED
from app.services.infra.context import require_campaign, unwritable
from app.store import households as store_households
from app.store.campaigns import list_categories, list_costs
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class BudgetLine:
    code: str
    name: str
    count: int
    cash_each_fen: int
    goods_each_fen: int
    goods: str

    @property
    def cash_fen(self) -> int:
        return self.count * self.cash_each_fen

    @property
    def goods_fen(self) -> int:
        return self.count * self.goods_each_fen

    @property
    def subtotal_fen(self) -> int:
        return self.cash_fen + self.goods_fen


@dataclass(frozen=True, slots=True)
class Budget:
    campaign: str
    lines: tuple[BudgetLine, ...]
    other_costs: tuple[tuple[str, int], ...]
    uncategorised: int  # households counted nowhere because they have no category yet

    @property
    def categories_fen(self) -> int:
        return sum(line.subtotal_fen for line in self.lines)

    @property
    def other_costs_fen(self) -> int:
        return sum(amount for _name, amount in self.other_costs)

    @property
    def total_fen(self) -> int:
        return self.categories_fen + self.other_costs_fen

    @property
    def households(self) -> int:
        return sum(line.count for line in self.lines)


def compute_budget(store: Store) -> Budget:
    """Every household not declined (不予) counts under its category."""
    campaign = require_campaign(store)
    counts = store_households.budget_counts(store, campaign.id, DECLINED)
    lines = tuple(
        BudgetLine(c.code, c.name, counts.get(c.id, 0), c.cash_fen, c.goods_fen, c.goods)
        for c in list_categories(store, campaign.id)
    )
    costs = tuple((cost.name, cost.amount_fen) for cost in list_costs(store, campaign.id))
    return Budget(campaign.name, lines, costs, counts.get(None, 0))


def write_budget(path: Path, budget: Budget, *, lang: str) -> None:
    """The budget as an XLSX with SUM formulas the clerk can extend."""
    from app.documents.budget_xlsx import write_budget_xlsx  # openpyxl loads only when asked

    try:
        write_budget_xlsx(path, budget, lang=lang)
    except OSError as exc:
        raise unwritable(path, exc) from None


def with_standard(
    budget: Budget, code: str, cash_fen: int, goods_fen: int, *, name: str = ""
) -> Budget:
    """The budget as it would be were category ``code``'s standard this (a category not there
    yet is added, with no households): the window's total as the clerk types a standard."""
    lines = [replace(line, cash_each_fen=cash_fen, goods_each_fen=goods_fen)
             if line.code == code else line for line in budget.lines]  # fmt: skip
    if not any(line.code == code for line in budget.lines):
        lines.append(BudgetLine(code, name or code, 0, cash_fen, goods_fen, ""))
    return replace(budget, lines=tuple(lines))
