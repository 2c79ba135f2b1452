"""Budget lines that change: other costs (meals, fuel …) and categories' standards.

Nothing is overwritten: a cost line is kept as revisions (each a row; the newest is in force),
a standard change keeps what the standard was before, who changed it, when and why. A standard
changed after the teams' bundles went out reaches them with their next bundle; visits already
recorded keep what they paid (they are events).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.campaign import Category, OtherCost, new_id
from app.domain.errors import Conflict, InvalidInput, NotFound
from app.domain.money import parse_money
from app.domain.text import clean
from app.services.infra.context import Actor, require_campaign
from app.store import campaigns as store_campaigns
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class CostRevision:
    """One revision of an other cost line: what it said from ``at`` on."""

    line_id: str
    name: str
    amount_fen: int
    actual_fen: int | None
    removed: bool
    reason: str
    at: datetime
    by: str


@dataclass(frozen=True, slots=True)
class StandardChange:
    """A category's standard, before and after one change."""

    code: str
    before: tuple[int, str, int]  # cash fen, goods, goods value fen
    after: tuple[int, str, int]
    reason: str
    at: datetime
    by: str


def _live_line(store: Store, campaign_id: str, name: str) -> OtherCost | None:
    return next((c for c in store_campaigns.list_costs(store, campaign_id) if c.name == name), None)


def _write(store: Store, campaign_id: str, line: OtherCost, actor: Actor, *, removed: bool = False,
           reason: str = "") -> None:  # fmt: skip
    store_campaigns.insert_cost(store, {
        "id": new_id(), "campaign_id": campaign_id, "line_id": line.line_id, "name": line.name,
        "amount_fen": line.amount_fen, "actual_fen": line.actual_fen, "removed": int(removed),
        "reason": clean(reason), "created_at": actor.now(), "created_by": actor.user,
    })  # fmt: skip


def add_cost(store: Store, *, name: str, amount: str, actor: Actor | None = None) -> OtherCost:
    """A new other cost line (a line of that name already there is refused: ``set_cost``
    changes it, so entering a cost twice never doubles it)."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    name = clean(name)
    if not name:
        raise InvalidInput("cost.name_missing")
    if _live_line(store, campaign.id, name) is not None:
        raise Conflict("cost.exists", name=name)
    line = OtherCost(name, parse_money(amount), None, new_id())
    with store.transaction():
        _write(store, campaign.id, line, actor)
    return line


def set_cost(
    store: Store, *, name: str, amount: str | None = None, actual: str | None = None,
    reason: str = "", actor: Actor | None = None,
) -> OtherCost:  # fmt: skip
    """A line's budgeted amount and/or what was spent, as a new revision (a new line when none
    has that name). Changing a line needs a reason."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    name = clean(name)
    if not name:
        raise InvalidInput("cost.name_missing")
    if amount is None and actual is None:
        raise InvalidInput("cost.nothing_to_set")
    current = _live_line(store, campaign.id, name)
    if current is None:
        if amount is None:
            raise NotFound("cost.not_found", name=name)
        current = OtherCost(name, 0, None, new_id())
    elif not clean(reason):
        raise InvalidInput("cost.reason_missing", name=name)
    line = OtherCost(
        name,
        parse_money(amount) if amount is not None else current.amount_fen,
        parse_money(actual) if actual is not None else current.actual_fen,
        current.line_id,
    )
    with store.transaction():
        _write(store, campaign.id, line, actor, reason=reason)
    return line


def remove_cost(store: Store, *, name: str, reason: str, actor: Actor | None = None) -> OtherCost:
    """The line leaves the budget; its revisions stay (a removal is one more, with a reason)."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    current = _live_line(store, campaign.id, clean(name))
    if current is None:
        raise NotFound("cost.not_found", name=clean(name))
    if not clean(reason):
        raise InvalidInput("cost.reason_missing", name=current.name)
    with store.transaction():
        _write(store, campaign.id, current, actor, removed=True, reason=reason)
    return current


def list_costs(store: Store) -> tuple[OtherCost, ...]:
    return tuple(store_campaigns.list_costs(store, require_campaign(store).id))


def cost_history(store: Store) -> tuple[CostRevision, ...]:
    rows = store_campaigns.cost_history(store, require_campaign(store).id)
    return tuple(
        CostRevision(r["line_id"] or r["id"], r["name"], r["amount_fen"], r["actual_fen"],
                     bool(r["removed"]), r["reason"], datetime.fromisoformat(r["created_at"]),
                     r["created_by"])
        for r in rows
    )  # fmt: skip


def change_standard(
    store: Store, *, code: str, cash: str | None = None, goods: str | None = None,
    goods_value: str | None = None, reason: str, actor: Actor | None = None,
) -> StandardChange:  # fmt: skip
    """A category's cash and/or goods standard changed, with a reason; the teams get it with
    their next bundle."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    category = _category(store, campaign.id, code)
    if not clean(reason):
        raise InvalidInput("category.reason_missing", code=category.code)
    after = (
        parse_money(cash) if cash is not None else category.cash_fen,
        clean(goods) if goods is not None else category.goods,
        parse_money(goods_value) if goods_value is not None else category.goods_fen,
    )
    before = (category.cash_fen, category.goods, category.goods_fen)
    if after[2] and not after[1]:
        raise InvalidInput("category.goods_text_missing")
    if after == before:
        raise InvalidInput("category.unchanged", code=category.code)
    with store.transaction():
        store_campaigns.update_category(
            store, category.id, {"cash_fen": after[0], "goods": after[1], "goods_fen": after[2]}
        )
        store_campaigns.insert_category_change(store, {
            "id": new_id(), "category_id": category.id, "before_cash_fen": before[0],
            "before_goods": before[1], "before_goods_fen": before[2], "cash_fen": after[0],
            "goods": after[1], "goods_fen": after[2], "reason": clean(reason),
            "changed_at": actor.now(), "changed_by": actor.user,
        })  # fmt: skip
    return StandardChange(category.code, before, after, clean(reason),
                          datetime.fromisoformat(actor.now()), actor.user)  # fmt: skip


def standard_changes(store: Store) -> tuple[StandardChange, ...]:
    return tuple(
        StandardChange(r["code"], (r["before_cash_fen"], r["before_goods"], r["before_goods_fen"]),
                       (r["cash_fen"], r["goods"], r["goods_fen"]), r["reason"],
                       datetime.fromisoformat(r["changed_at"]), r["changed_by"])
        for r in store_campaigns.category_changes(store, require_campaign(store).id)
    )  # fmt: skip


def former_standards(store: Store) -> dict[str, frozenset[tuple[int, int]]]:
    """Category code → the (cash, goods value) standards it had before: a visit recorded before
    the team's laptop heard of a change paid one of these."""
    former: dict[str, set[tuple[int, int]]] = {}
    for change in standard_changes(store):
        former.setdefault(change.code, set()).add((change.before[0], change.before[2]))
    return {code: frozenset(pairs) for code, pairs in former.items()}


def _category(store: Store, campaign_id: str, code: str) -> Category:
    wanted = clean(code)
    for category in store_campaigns.list_categories(store, campaign_id):
        if category.code.upper() == wanted.upper() or category.name == wanted:
            return category
    raise NotFound("category.not_found", code=wanted)
