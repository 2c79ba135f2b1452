"""The detail pane of the office's household table: facts, the rule, members, materials, the
status history newest first (who, when, old → new, why), visits and money (UX-OFFICE.md §2)."""

from __future__ import annotations

from html import escape

from app.domain.campaign import MATERIALS, Status
from app.domain.decisions import step_after
from app.domain.id_number import mask_id
from app.domain.money import format_fen
from app.i18n import label, render
from app.services.households.office import Extras, office_detail
from app.store.db import Store
from app.ui.lang import language, t


def _rows(pairs: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td style='color:#555'>{escape(k)}&nbsp;</td><td>{escape(v)}</td></tr>"
                    for k, v in pairs)  # fmt: skip
    return f"<table cellspacing=2>{cells}</table>"


def _next_step(status: Status) -> str:
    if status == Status.DECLINED:
        return t("不予：改状态不会恢复（须单独恢复并写明理由）")
    after = step_after(status)
    return t("下一步：{step}", step=label(after)) if after else ""


def detail_html(store: Store, household_id: str, extras: Extras | None) -> str:
    found = office_detail(store, household_id)
    if found is None:
        return ""
    h, elig = found.detail.household, found.eligibility
    rule = label(elig.rule) if elig.rule else t("待审")
    parts = [
        f"<h3>{escape(h.name)}</h3>",
        f"<p>{escape(mask_id(h.id_number))}<br><b>{escape(label(h.status))}</b> "
        f"{escape(_next_step(h.status))}</p>",
        _rows(
            [
                (t("单位"), h.unit),
                (t("街道"), h.street),
                (t("住址"), h.address),
                (t("电话"), h.phone),
                (t("类别"), h.category_name or "-"),
                (
                    t("应发"),
                    format_fen((h.category_cash_fen or 0) + (h.category_goods_fen or 0))
                    if h.category_cash_fen is not None
                    else "-",
                ),
                (t("依据"), rule),
                (
                    t("人均收入"),
                    format_fen(elig.per_capita_fen) if elig.per_capita_fen is not None else "-",
                ),
            ]
        ),  # fmt: skip
        f"<p style='color:#555'>{escape(render(elig.reason, language()))}</p>",
    ]
    parts.append(f"<h4>{escape(t('成员'))}</h4>")
    members = [(m.relation, m.name) for m in found.detail.members]
    parts.append(_rows(members) if members else f"<p>{escape(t('未登记成员'))}</p>")
    parts.append(f"<h4>{escape(t('材料'))}</h4>")
    got = found.detail.materials
    parts.append(_rows([(label(m), t("已收 {day}", day=got[m].isoformat()) if m in got
                         else t("缺")) for m in MATERIALS]))  # fmt: skip
    parts.append(f"<h4>{escape(t('走访与钱'))}</h4>")
    parts.append(f"<p>{escape(_money(household_id, extras))}</p>")
    parts.append(f"<h4>{escape(t('历史'))}</h4>")
    history = [(c.changed_at.strftime("%Y-%m-%d %H:%M"),
                f"{c.changed_by}：{label(c.from_status)} → {label(c.to_status)}"
                + (f"（{c.reason}）" if c.reason else ""))
               for c in reversed(found.detail.status_history)]  # fmt: skip
    parts.append(_rows(history) if history else f"<p>{escape(t('状态未改过'))}</p>")
    return "".join(parts)


def _money(household_id: str, extras: Extras | None) -> str:
    if extras is None:
        return "…"
    visit = extras.visits.get(household_id)
    flags = extras.flags.get(household_id, 0)
    said = t("未走访") if visit is None or visit.outcome is None else label(visit.outcome)
    if visit is not None and visit.paid_fen:
        said += " · " + t("已发 {amount}", amount=format_fen(visit.paid_fen))
    if flags:
        said += " · " + t("待处理问题 {n}", n=flags)
    return said
