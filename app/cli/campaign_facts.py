"""``campaign set`` and ``campaign history``: the campaign's facts changed after init, each change
with its reason (app.services.campaign.facts)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.args import command
from app.cli.output import OUT, table
from app.domain.campaign import CampaignField
from app.domain.money import format_fen
from app.i18n import label
from app.services.campaign import facts
from app.store.db import Store

_MONEY = (CampaignField.MIN_LIVING, CampaignField.HARDSHIP_COST)


def register_fact_changes(campaign: Any) -> None:
    c = command(campaign, "set", cmd_campaign_set, "change one of the campaign's facts")
    c.add_argument("field", help=", ".join(f.value for f in CampaignField))
    c.add_argument("value", help="dates YYYY-MM-DD, money in yuan, percentages as integers")
    c.add_argument("--reason", required=True)
    command(campaign, "history", cmd_campaign_history, "every change of the campaign's facts")


def shown(field: CampaignField, stored: str) -> str:
    """A stored value as a person reads it (money in yuan)."""
    return format_fen(int(stored)) if field in _MONEY else stored


def cmd_campaign_set(store: Store, a: argparse.Namespace) -> int:
    done = facts.change_campaign(store, a.field, a.value, a.reason)
    c, then = done.change, done.consequence

    def human() -> None:
        OUT.say(
            OUT.text(
                "cli.campaign_changed",
                field=label(c.field),
                before=shown(c.field, c.before),
                after=shown(c.field, c.after),
            )
        )
        if then.rules_changed is not None:
            OUT.say(OUT.text("cli.campaign_rules_changed", count=then.rules_changed))
        if then.visits_outside:
            OUT.say(OUT.text("cli.campaign_visits_outside", count=then.visits_outside))

    # fmt: skip

    OUT.result(
        {"field": c.field.value, "before": c.before, "after": c.after, "reason": c.reason,
         "visits_outside": then.visits_outside, "rules_changed": then.rules_changed},
        human,
    )  # fmt: skip
    return 0


def cmd_campaign_history(store: Store, a: argparse.Namespace) -> int:
    changes = facts.campaign_history(store)
    OUT.result(
        {"changes": [{"field": c.field.value, "before": c.before, "after": c.after,
                      "reason": c.reason, "at": c.at.isoformat(), "by": c.by}
                     for c in changes]},
        lambda: OUT.say(table(
            [OUT.text("col.time"), OUT.text("col.campaign_field"), OUT.text("col.before"),
             OUT.text("col.after"), OUT.text("col.why_changed"), OUT.text("col.by")],
            [(f"{c.at:%Y-%m-%d %H:%M}", label(c.field), shown(c.field, c.before),
              shown(c.field, c.after), c.reason, c.by) for c in changes], right=())
            if changes else OUT.text("cli.no_history")),
    )  # fmt: skip
    return 0
