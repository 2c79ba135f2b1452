"""The word for each enumerated code, in the catalogue under the code's kind as context.

``label(Status.CONFIRMED)`` is 确定 (the status; 确定 the button is another entry). A code given
as a message parameter is shown as its word, and a tuple of codes as a list of words.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from app.domain.audit import Part, Proof, Way
from app.domain.campaign import CampaignField, Material, Status
from app.domain.decisions import Basis, Gap, Mark, MarkDecision, UnitKind
from app.domain.eligibility import Rule
from app.domain.id_number import Sex
from app.domain.payment import Payment
from app.domain.resolutions import Decision
from app.domain.signature import SignatureMethod
from app.domain.transfers import TransferOutcome
from app.domain.visits import (
    CannotSign,
    Outcome,
    PhoneAnswer,
    PlanScope,
    RecipientRole,
    VisitMode,
)
from app.i18n.catalogue import add_param_hook, current_language, listed, pgettext

# Keyed by the codes (StrEnum members); a plain str equal to a code finds it too.
_LABELS: dict[str, tuple[str, str]] = {}


def L(code: StrEnum, context: str, source: str) -> None:  # noqa: N802  (an extraction keyword)
    _LABELS[code] = (context, source)


L(Status.APPLIED, "status", "申报")
L(Status.UNIT_REVIEWED, "status", "单位审核")
L(Status.PUBLIC_NOTICE, "status", "公示")
L(Status.REPORTED, "status", "上报")
L(Status.CONFIRMED, "status", "确定")
L(Status.DECLINED, "status", "不予")
L(Material.ID_CARD_COPY, "material", "身份证复印件")
L(Material.HUKOU_COPY, "material", "户口本复印件")
L(Material.HARDSHIP_PROOF, "material", "困难证明")
L(Material.BANK_CARD_COPY, "material", "银行卡复印件")
L(Material.HOUSEHOLD_FORM, "material", "档案表")
L(Rule.ONE, "rule", "一")
L(Rule.TWO, "rule", "二")
L(Rule.THREE, "rule", "三")
L(Rule.FOUR, "rule", "四")
L(Gap.REVIEW, "gap", "资格待复核")
L(Gap.NOT_ELIGIBLE, "gap", "认定不符合条件")
L(Basis.LATE_FORFEITED, "basis", "逾期视为放弃")
L(Basis.OVER_QUOTA_FORFEITED, "basis", "超额，视为放弃")
L(UnitKind.TOWN, "unit_kind", "镇/工业区")
L(UnitKind.SECTOR, "unit_kind", "系统/产业")
L(Mark.OVER_QUOTA, "mark", "超额")
L(Mark.LATE, "mark", "逾期")
L(MarkDecision.ACCEPT, "mark_decision", "接受")
L(MarkDecision.FORFEIT, "mark_decision", "视为放弃")
L(CampaignField.NAME, "campaign_field", "活动名称")
L(CampaignField.ORGANIZER, "campaign_field", "主办单位")
L(CampaignField.START, "campaign_field", "走访开始日期")
L(CampaignField.END, "campaign_field", "走访结束日期")
L(CampaignField.MIN_LIVING, "campaign_field", "低保标准")
L(CampaignField.RULE1_PCT, "campaign_field", "第一条收入比例")
L(CampaignField.RULE2_PCT, "campaign_field", "第二条收入比例")
L(CampaignField.RULE3_PCT, "campaign_field", "第三条收入比例")
L(CampaignField.HARDSHIP_COST, "campaign_field", "第四条支出门槛")
L(Sex.MALE, "sex", "男")
L(Sex.FEMALE, "sex", "女")
L(VisitMode.HOME, "mode", "上门")
L(VisitMode.PHONE, "mode", "电话")
L(VisitMode.WORKPLACE, "mode", "单位")
L(Payment.CASH, "payment", "现金")
L(Payment.TRANSFER, "payment", "转账")
L(TransferOutcome.PAID, "transfer", "已到账")
L(TransferOutcome.FAILED, "transfer", "失败")
L(Outcome.VISITED, "outcome", "已慰问")
L(Outcome.NOT_HOME, "outcome", "不在家")
L(Outcome.REFUSED, "outcome", "拒收")
L(Outcome.MOVED_OUT, "outcome", "迁出")
L(Outcome.DECEASED, "outcome", "去世")
L(Outcome.UNREACHABLE, "outcome", "联系不上")
L(RecipientRole.SELF, "role", "本人")
L(RecipientRole.PROXY, "role", "代领")
L(PhoneAnswer.SELF, "answered", "本人")
L(PhoneAnswer.FAMILY, "answered", "家属")
L(PhoneAnswer.NO_ANSWER, "answered", "无人接听")
L(PlanScope.CAMPAIGN, "plan_scope", "全活动")
L(PlanScope.UNIT, "plan_scope", "单位")
L(PlanScope.HOUSEHOLD, "plan_scope", "户")
L(CannotSign.ILLITERATE, "cannot_sign", "不识字")
L(CannotSign.HAND, "cannot_sign", "手部不便")
L(CannotSign.SIGHT, "cannot_sign", "视力")
L(CannotSign.BEDRIDDEN, "cannot_sign", "卧床")
L(CannotSign.OTHER, "cannot_sign", "其他")
L(Decision.RECOVERED, "decision", "已追回")
L(Decision.BOTH_RIGHT, "decision", "两笔都对")
L(Decision.VOID_ONE, "decision", "作废其一")
L(Decision.PAPER_RECEIVED, "decision", "已收到纸质凭证")
L(Decision.VOID, "decision", "作废")
L(Decision.ACCEPTED, "decision", "认可")
L(Proof.SIGNATURE, "proof", "签名")
L(Proof.PAPER, "proof", "纸质签收")
L(Proof.BANK, "proof", "银行确认")
L(Proof.AWAITING_BANK, "proof", "待银行确认")
L(Proof.NONE, "proof", "没有凭证")
L(Way.TEAM, "audit way", "各慰问组")
L(Way.HOUSEHOLD, "audit way", "各户")
L(Way.PROOF, "audit way", "各类凭证")
L(Way.SUMMARY, "audit way", "汇总表")
L(Part.CASH, "money part", "现金")
L(Part.TRANSFER, "money part", "转账")
L(Part.GOODS, "money part", "慰问品")
L(SignatureMethod.PAD, "signature_method", "签名板")
L(SignatureMethod.THUMBPRINT, "signature_method", "按手印")


def label(code: StrEnum | str, lang: str | None = None) -> str:
    """The word for ``code``; a plain string that is no known code is shown as it is."""
    entry = _LABELS.get(code)
    if entry is None:
        return str(code)
    return pgettext(entry[0], entry[1], lang or current_language())


def labels(codes: Iterable[StrEnum], lang: str | None = None) -> str:
    """Words joined as a list is written: 上门、电话 / at home, phone."""
    lang = lang or current_language()
    return listed((label(c, lang) for c in codes), lang)


def labelled(kind: type[StrEnum]) -> tuple[StrEnum, ...]:
    return tuple(code for code in _LABELS if isinstance(code, kind))


def _param(value: Any, lang: str) -> Any:
    """A code as its word; a tuple (of codes, names, dates, rows) as a list is written."""
    if isinstance(value, StrEnum):
        return label(value, lang)
    if isinstance(value, tuple | list):
        if not value:
            return "-"
        return listed((label(v, lang) if isinstance(v, StrEnum) else v for v in value), lang)
    return value


add_param_hook(_param)
