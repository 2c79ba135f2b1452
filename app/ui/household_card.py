"""The household card beside the list (UX.md screen 2): who, category, standard, how they
qualify, materials, and every visit (voided ones struck through). The ID stays masked."""

from __future__ import annotations

import html
from datetime import date

from app.domain.campaign import MATERIALS
from app.domain.id_number import mask_id
from app.domain.money import format_fen
from app.i18n import field, label, listed, render
from app.services.households.application import show_household
from app.services.households.eligibility import eligibility_of
from app.services.search.lookup import HouseholdCard
from app.services.visits.signing import signed_visits
from app.store.db import Store
from app.ui.lang import t


def card_html(store: Store, info: HouseholdCard, revisit_on: date | None = None) -> str:
    """``revisit_on``: a planned revisit, which replaces the assignment's date (as in the list)."""
    history = []
    for visit in signed_visits(store, info.id):
        line = f"{visit.day.isoformat()} {label(visit.mode)} {label(visit.outcome)}"
        if visit.attempted_at:
            line += f" {visit.attempted_at}"
        if visit.cash_fen:
            line += f" {t('发放')} {format_fen(visit.cash_fen)}"
        if visit.signed:
            line += f" {t('校验码')} {visit.signatures[0].record.check_code}"
        if visit.revisit_on:
            line += f" · {t('再次走访 {date}', date=visit.revisit_on.isoformat())}"
        history.append(f"<s>{html.escape(line)}</s>{t('（已作废）')}" if visit.voided
                       else html.escape(line))  # fmt: skip
    detail = show_household(store, info.id_number)
    qualifies = eligibility_of(store, info.id_number)
    reason = render(qualifies.reason)
    rule = (t("第（{rule}）条：{reason}", rule=label(qualifies.rule), reason=reason)
            if qualifies.rule else t("待复核：{reason}", reason=reason))  # fmt: skip
    members = listed(t("{name}（{relation}）", name=m.name, relation=m.relation)
                     for m in detail.members) or t("未登记")  # fmt: skip
    materials = listed(f"{'✓' if m in detail.materials else '✕'}{label(m)}" for m in MATERIALS)
    esc = html.escape
    cash = format_fen(info.cash_fen) if info.cash_fen is not None else "-"
    goods = format_fen(info.goods_fen) if info.goods_fen is not None else "-"
    when = revisit_on or info.planned_date
    planned = when.isoformat() if when else "-"
    lines = [
        field(t("身份证号"), f"{mask_id(info.id_number)}　{label(info.sex)}"),
        field(t("住址"), info.address or info.street),
        field(t("电话"), info.phone or "-"),
        field(
            t("慰问类别"), f"{info.category or '-'}　{t('慰问金')} {cash}　{t('慰问品')} {goods}"
        ),
        field(t("计划日期"), planned),
        field(t("慰问品"), info.goods or "-"),
        field(t("家庭成员"), members),
        field(t("认定依据"), rule),
        field(t("材料"), materials),
    ]
    return (
        f"<h2>{esc(info.name)}</h2>"
        + "".join(f"<p>{esc(line)}</p>" for line in lines)
        + f"<h3>{t('走访记录')}</h3>"
        + ("".join(f"<p>{h}</p>" for h in history) or f"<p>{t('还没有走访')}</p>")
    )
