"""Setting up a campaign: ``campaign`` and ``category`` (``cost``: app.cli.costs; ``unit``:
app.cli.units)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.args import Subparsers, command, group, iso_date
from app.cli.campaign_facts import register_fact_changes
from app.cli.costs import register_standard_changes
from app.cli.output import OUT, table
from app.domain.campaign import Campaign
from app.domain.money import format_fen
from app.services.campaign import setup as campaigns
from app.services.infra.context import require_campaign
from app.store.db import Store


def register(sub: Subparsers) -> None:
    campaign = group(sub, "campaign", "慰问活动 campaign")
    c = command(campaign, "init", cmd_campaign_init, "create the campaign")
    c.add_argument("--name", required=True)
    c.add_argument("--organizer", required=True)
    c.add_argument("--start", required=True, type=iso_date)
    c.add_argument("--end", required=True, type=iso_date)
    c.add_argument("--min-living", required=True, help="低保标准, yuan per person per month")
    c.add_argument("--rule1-pct", type=int, default=150)
    c.add_argument("--rule2-pct", type=int, default=200)
    c.add_argument("--rule3-pct", type=int, default=300)
    c.add_argument("--hardship-cost", default="20000", help="rule (四) threshold, yuan")
    command(campaign, "show", cmd_campaign_show, "show the campaign")
    register_fact_changes(campaign)

    category = group(sub, "category", "慰问类别 categories")
    c = command(category, "add", cmd_category_add, "add a category")
    c.add_argument("--code", required=True)
    c.add_argument("--name", required=True)
    c.add_argument("--cash", required=True, help="cash standard, yuan")
    c.add_argument("--goods", help="goods description")
    c.add_argument("--goods-value", help="goods value, yuan")
    command(category, "list", cmd_category_list, "list categories")
    register_standard_changes(category)


def cmd_campaign_init(store: Store, a: argparse.Namespace) -> int:
    c = campaigns.init_campaign(
        store, name=a.name, organizer=a.organizer, start=a.start, end=a.end,
        min_living=a.min_living, rule1_pct=a.rule1_pct, rule2_pct=a.rule2_pct,
        rule3_pct=a.rule3_pct, hardship_cost=a.hardship_cost,
    )  # fmt: skip
    OUT.result(
        _campaign_json(c),
        lambda: OUT.say(OUT.text("cli.campaign_created", name=c.name, db=store.path)),
    )
    return 0


def _campaign_json(c: Campaign) -> dict[str, Any]:
    t = c.thresholds
    return {
        "id": c.id, "name": c.name, "organizer": c.organizer, "start": c.start.isoformat(),
        "end": c.end.isoformat(), "min_living_fen": t.min_living_fen, "rule1_pct": t.rule1_pct,
        "rule2_pct": t.rule2_pct, "rule3_pct": t.rule3_pct,
        "hardship_cost_fen": t.hardship_cost_fen,
    }  # fmt: skip


def cmd_campaign_show(store: Store, a: argparse.Namespace) -> int:
    c = require_campaign(store)
    t = c.thresholds

    def human() -> None:
        OUT.say(OUT.text("cli.campaign_show", name=c.name, organizer=c.organizer,
                      start=c.start.isoformat(), end=c.end.isoformat(),
                      min_living=format_fen(t.min_living_fen), p1=t.rule1_pct, p2=t.rule2_pct,
                      p3=t.rule3_pct, cost=format_fen(t.hardship_cost_fen),
                      db=store.path))  # fmt: skip

    OUT.result({**_campaign_json(c), "db": str(store.path)}, human)
    return 0


def cmd_category_add(store: Store, a: argparse.Namespace) -> int:
    added = campaigns.add_category(
        store, code=a.code, name=a.name, cash=a.cash, goods=a.goods or "",
        goods_value=a.goods_value,
    )  # fmt: skip
    c = added.category
    OUT.result(
        {"code": c.code, "name": c.name, "cash_fen": c.cash_fen, "goods": c.goods,
         "goods_fen": c.goods_fen, "linked_households": added.linked_households},
        lambda: OUT.say(OUT.text("cli.category_added", code=c.code, name=c.name,
                              cash=format_fen(c.cash_fen), goods=c.goods or "-",
                              goods_value=format_fen(c.goods_fen),
                              linked=added.linked_households)),
    )  # fmt: skip
    return 0


def cmd_category_list(store: Store, a: argparse.Namespace) -> int:
    cats = campaigns.list_categories(store)
    OUT.result(
        {"categories": [{"code": c.code, "name": c.name, "cash_fen": c.cash_fen,
                         "goods": c.goods, "goods_fen": c.goods_fen} for c in cats]},
        lambda: OUT.say(table(
            [OUT.text("col.code"), OUT.text("col.category"), OUT.text("col.cash_each"),
             OUT.text("col.goods"), OUT.text("col.goods_value")],
            [(c.code, c.name, format_fen(c.cash_fen), c.goods, format_fen(c.goods_fen))
             for c in cats], right=(2, 4))),
    )  # fmt: skip
    return 0
