"""The household form (困难职工档案表): the applicant, income and per-capita income, family
members, causes, the rule qualified under, materials on file, and the visits made.

It is the union's file copy (kept ten years after closing), so it carries the full ID numbers;
every other printed document masks them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.documents.pdf_fonts import FontChain
from app.documents.pdf_layout import MM, Column, Layout, Table
from app.documents.words import NONE, goods_listed, stored_day, team_words, yuan
from app.domain.campaign import Material, Status
from app.domain.eligibility import Rule
from app.domain.errors import Reason
from app.domain.id_number import parse_sex
from app.domain.money import format_fen
from app.domain.visits import Outcome, VisitMode
from app.i18n import _, label, listed, long_date, pgettext, render


@dataclass(frozen=True, slots=True)
class Applicant:
    name: str
    sex: str  # 男 / 女, as the ID number says
    ethnicity: str
    birth_date: str  # ISO
    id_number: str
    health: str
    employer: str
    unit: str
    street: str
    marital_status: str
    address: str
    phone: str
    single_parent: bool | None
    category: str
    status: Status
    team_name: str
    team_leader: str


@dataclass(frozen=True, slots=True)
class Income:
    monthly_income_fen: int | None
    size: int
    size_source: str  # members | roster | default
    per_capita_fen: int | None
    min_living_fen: int  # the campaign's 低保标准, per person and month
    medical_cost_fen: int | None
    disaster_loss_fen: int | None


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    relation: str
    id_number: str
    health: str
    income_fen: int | None
    school_or_employer: str


@dataclass(frozen=True, slots=True)
class FormVisit:
    day: date
    mode: VisitMode
    outcome: Outcome
    voided: bool
    cash_fen: int | None  # None: nothing handed over
    goods: tuple[str, ...]
    checks: tuple[str | None, ...]  # each signature's 校验码, None where it does not verify
    paper_signed: bool


@dataclass(frozen=True, slots=True)
class HouseholdForm:
    campaign: str
    organiser: str
    applicant: Applicant
    income: Income
    causes: tuple[str, ...]
    rule: Rule | None  # None: needs review
    reason: Reason  # the basis of the rule, or why it needs review
    members: tuple[Member, ...]
    materials: tuple[tuple[Material, str | None], ...]  # material, day received (ISO) or None
    visits: tuple[FormVisit, ...]


def _sex(value: str, lang: str) -> str:
    sex = parse_sex(value)
    return label(sex, lang) if sex else value or NONE


def _yes_no(value: bool | None, lang: str) -> str:
    if value is None:
        return NONE
    return pgettext("answer", "是", lang) if value else pgettext("answer", "否", lang)


def _facts(a: Applicant, lang: str) -> list[tuple[str, str]]:
    return [
        (_("姓名", lang), a.name), (_("性别", lang), _sex(a.sex, lang)),
        (_("民族", lang), a.ethnicity or NONE),
        (_("出生日期", lang), stored_day(a.birth_date, lang)),
        (_("身份证号", lang), a.id_number), (_("健康状况", lang), a.health or NONE),
        (_("工作单位", lang), a.employer or NONE), (_("报送单位", lang), a.unit),
        (_("所在街道", lang), a.street or NONE), (_("婚姻状况", lang), a.marital_status or NONE),
        (_("家庭住址", lang), a.address or NONE), (_("联系电话", lang), a.phone or NONE),
        (_("是否单亲", lang), _yes_no(a.single_parent, lang)),
        (_("慰问类别", lang), a.category or NONE),
        (_("申报状态", lang), label(a.status, lang)),
        (_("慰问组", lang), team_words(a.team_name, a.team_leader, lang) or NONE),
    ]  # fmt: skip


def _size_source(source: str, lang: str) -> str:
    if source == "members":
        return pgettext("household size from", "按登记成员", lang)
    if source == "roster":
        return pgettext("household size from", "按名单", lang)
    if source == "default":
        return pgettext("household size from", "默认", lang)
    return source


def _income(i: Income, lang: str) -> list[tuple[str, str]]:
    size = _("{count} 人（{source}）", lang).format(
        count=i.size, source=_size_source(i.size_source, lang)
    )
    low = _("{amount}/人·月", lang).format(amount=format_fen(i.min_living_fen))
    return [
        (_("家庭月收入", lang), yuan(i.monthly_income_fen)), (_("家庭人口", lang), size),
        (_("人均月收入", lang), yuan(i.per_capita_fen)),
        (_("低保标准", lang), low),
        (_("自付医疗费", lang), yuan(i.medical_cost_fen)),
        (_("灾害损失", lang), yuan(i.disaster_loss_fen)),
    ]  # fmt: skip


def rule_words(form: HouseholdForm, lang: str) -> str:
    """符合第（二）项：…, or 未符合任何一项，待复核：…."""
    reason = render(form.reason, lang)
    if form.rule is not None:
        return _("符合第（{rule}）项：{reason}", lang).format(
            rule=label(form.rule, lang), reason=reason
        )
    return _("未符合任何一项，待复核：{reason}", lang).format(reason=reason)


def _visit(v: FormVisit, lang: str) -> list[str]:
    outcome = label(v.outcome, lang)
    if v.voided:
        outcome = _("{outcome}（已作废）", lang).format(outcome=outcome)
    signed = listed((code or _("校验不符", lang) for code in v.checks), lang)
    if not signed:
        signed = _("纸质签收", lang) if v.paper_signed else NONE
    return [long_date(v.day, lang), label(v.mode, lang), outcome, yuan(v.cash_fen),
            goods_listed(v.goods, lang) or NONE, signed]  # fmt: skip


def _pairs(pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
    rows = []
    for i in range(0, len(pairs), 2):
        left = pairs[i]
        right = pairs[i + 1] if i + 1 < len(pairs) else ("", "")
        rows.append([left[0], left[1], right[0], right[1]])
    return rows


def _columns(titles: Sequence[str], widths: Sequence[float]) -> list[Column]:
    return [Column(t, w) for t, w in zip(titles, widths, strict=True)]


def household_form_layout(form: HouseholdForm, chain: FontChain, *, lang: str) -> Layout:
    heading = _("困难职工档案表", lang)
    lay = Layout(chain, title=f"{heading} {form.applicant.name}", lang=lang)
    lay.title_line(heading, 18, spaced=True)
    lay.pair_line(f"{form.campaign}    {form.organiser}", _("内部档案  注意保密", lang), 9)
    four = [Column("", 2.2), Column("", 3.3), Column("", 2.2), Column("", 3.3)]
    two = [Column("", 2.2), Column("", 8.8)]
    lay.paragraph(_("一、申请人基本情况", lang), 11)
    lay.table(Table(four, _pairs(_facts(form.applicant, lang)), size=9, header=False))
    lay.space(3 * MM)
    lay.paragraph(_("二、家庭收入", lang), 11)
    lay.table(Table(four, _pairs(_income(form.income, lang)), size=9, header=False))
    lay.table(Table(two, [[_("致困原因", lang), listed(form.causes, lang) or NONE],
                          [_("认定条件", lang), rule_words(form, lang)]],
                    size=9, header=False))  # fmt: skip
    lay.space(3 * MM)
    lay.paragraph(_("三、家庭成员", lang), 11)
    member_titles = (
        _("姓名", lang),
        _("与申请人关系", lang),
        _("身份证号", lang),
        _("健康状况", lang),
        _("月收入", lang),
        _("就读学校或工作单位", lang),
    )
    members = [[m.name, m.relation, m.id_number or NONE, m.health or NONE, yuan(m.income_fen),
                m.school_or_employer or NONE] for m in form.members]  # fmt: skip
    lay.table(Table(_columns(member_titles, (2, 2, 3.6, 2, 1.8, 3.5)),
                    members or [[_("（未登记家庭成员）", lang), "", "", "", "", ""]],
                    size=9))  # fmt: skip
    lay.space(3 * MM)
    lay.paragraph(_("四、申报材料", lang), 11)
    materials = [(label(m, lang), stored_day(day, lang) if day else _("未收到", lang))
                 for m, day in form.materials]  # fmt: skip
    lay.table(Table(four, _pairs(materials), size=9, header=False))
    lay.space(3 * MM)
    lay.paragraph(_("五、走访慰问记录", lang), 11)
    visit_titles = (
        _("日期", lang),
        _("方式", lang),
        _("结果", lang),
        _("慰问金", lang),
        _("慰问品", lang),
        _("签收（校验码）", lang),
    )
    visits = [_visit(v, lang) for v in form.visits]
    lay.table(Table(_columns(visit_titles, (2.2, 1.5, 1.8, 2.2, 4, 3)),
                    visits or [[_("（尚未走访）", lang), "", "", "", "", ""]],
                    size=9))  # fmt: skip
    lay.space(8 * MM)
    lay.pair_line(_("建档人：____________  日期：__________", lang),
                  _("审核人：____________  日期：__________", lang))  # fmt: skip
    return lay
