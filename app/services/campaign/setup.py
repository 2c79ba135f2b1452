"""Setting up a campaign: the campaign itself and its categories (other costs: revisions.py;
units: units.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.campaign import Campaign, Category, CategoryId, new_id
from app.domain.errors import Conflict, InvalidInput
from app.domain.money import parse_money
from app.domain.text import clean
from app.services.infra.context import Actor, require_campaign
from app.store import campaigns as store_campaigns
from app.store.campaigns import get_campaign
from app.store.db import Store


def init_campaign(
    store: Store,
    *,
    name: str,
    organizer: str,
    start: date,
    end: date,
    min_living: str,
    rule1_pct: int = 150,
    rule2_pct: int = 200,
    rule3_pct: int = 300,
    hardship_cost: str = "20000",
    actor: Actor | None = None,
) -> Campaign:
    actor = actor or Actor()
    if get_campaign(store) is not None:
        raise Conflict("campaign.exists", name=get_campaign(store).name)  # type: ignore[union-attr]
    name, organizer = clean(name), clean(organizer)
    if not name:
        raise InvalidInput("campaign.name_missing")
    if not organizer:
        raise InvalidInput("campaign.organizer_missing")
    if end < start:
        raise InvalidInput("campaign.dates", start=start.isoformat(), end=end.isoformat())
    min_living_fen = parse_money(min_living)
    if min_living_fen <= 0:
        raise InvalidInput("campaign.min_living")
    if not 0 < rule1_pct <= rule2_pct <= rule3_pct <= 1000:
        raise InvalidInput("campaign.percentages")
    with store.transaction():
        store_campaigns.insert_campaign(
            store,
            {
                "id": new_id(),
                "name": name,
                "organizer": organizer,
                "start_date": start.isoformat(),
                "end_date": end.isoformat(),
                "min_living_fen": min_living_fen,
                "rule1_pct": rule1_pct,
                "rule2_pct": rule2_pct,
                "rule3_pct": rule3_pct,
                "hardship_cost_fen": parse_money(hardship_cost),
                "created_at": actor.now(),
                "created_by": actor.user,
            },
        )
    return require_campaign(store)


@dataclass(frozen=True, slots=True)
class CategoryAdded:
    category: Category
    linked_households: int  # households whose roster already named this category


def add_category(
    store: Store,
    *,
    code: str,
    name: str,
    cash: str,
    goods: str = "",
    goods_value: str | None = None,
    actor: Actor | None = None,
) -> CategoryAdded:
    actor = actor or Actor()
    campaign = require_campaign(store)
    code, name, goods = clean(code), clean(name), clean(goods)
    if not code or not name:
        raise InvalidInput("category.code_name_missing")
    existing = store_campaigns.list_categories(store, campaign.id)
    for other in existing:
        if other.code.upper() == code.upper() or other.name == name:
            raise Conflict("category.exists", code=other.code, name=other.name)
    goods_fen = parse_money(goods_value) if goods_value not in (None, "") else 0
    if goods_fen and not goods:
        raise InvalidInput("category.goods_text_missing")
    category = Category(CategoryId(new_id()), code, name, parse_money(cash), goods, goods_fen)
    with store.transaction():
        store_campaigns.insert_category(
            store,
            {
                "id": category.id,
                "campaign_id": campaign.id,
                "code": category.code,
                "name": category.name,
                "cash_fen": category.cash_fen,
                "goods": category.goods,
                "goods_fen": category.goods_fen,
                "created_at": actor.now(),
            },
        )
        linked = store_campaigns.link_households_to_category(store, campaign.id, category)
    return CategoryAdded(category, linked)


def list_categories(store: Store) -> tuple[Category, ...]:
    """The campaign's categories, in the order they were added."""
    return tuple(store_campaigns.list_categories(store, require_campaign(store).id))
