"""The words of a record's fields and kinds, where a sentence names them (a bundle refused at
the door, a record a laptop would not save): 慰问金, not ``cash_fen``. A name without a word
here is shown as its code."""

from __future__ import annotations

from typing import Any

from app.domain.event_bounds import FieldName, KindName
from app.i18n.catalogue import add_param_hook, pgettext


def _field(name: str, lang: str) -> str | None:
    words = {
        "date": pgettext("record field", "走访日期", lang),
        "mode": pgettext("record field", "走访方式", lang),
        "outcome": pgettext("record field", "走访结果", lang),
        "target": pgettext("record field", "作废的记录", lang),
        "kind": pgettext("record field", "记录类型", lang),
        "revisit_on": pgettext("record field", "再访日期", lang),
        "attempted_at": pgettext("record field", "走访时间", lang),
        "visitors": pgettext("record field", "走访人", lang),
        "conditions": pgettext("record field", "看到的情况", lang),
        "notes": pgettext("record field", "备注", lang),
        "opinions": pgettext("record field", "意见建议", lang),
        "proxy_name": pgettext("record field", "代领人", lang),
        "proxy_relation": pgettext("record field", "代领人与本人关系", lang),
        "proxy_reason": pgettext("record field", "代领原因", lang),
        "cash_fen": pgettext("record field", "慰问金", lang),
        "goods": pgettext("record field", "慰问品", lang),
        "goods_fen": pgettext("record field", "慰问品价值", lang),
        "off_standard_reason": pgettext("record field", "金额不同的原因", lang),
        "category_code": pgettext("record field", "慰问类别", lang),
        "household_id": pgettext("record field", "慰问对象", lang),
        "reason": pgettext("record field", "原因", lang),
        "note": pgettext("record field", "说明", lang),
        "counted_fen": pgettext("record field", "实点现金", lang),
        "body": pgettext("record field", "整条记录", lang),
    }
    return words.get(name)


def _kind(name: str, lang: str) -> str | None:
    words = {
        "visit": pgettext("record kind", "走访", lang),
        "disbursement": pgettext("record kind", "发放", lang),
        "signature": pgettext("record kind", "签名", lang),
        "cash_count": pgettext("record kind", "现金清点", lang),
        "revise": pgettext("record kind", "更正", lang),
        "void": pgettext("record kind", "作废", lang),
    }
    return words.get(name)


def _param(value: Any, lang: str) -> Any:
    if isinstance(value, FieldName):
        # handovers.goods → goods: the last name says what it is
        return _field(value.rsplit(".", 1)[-1], lang) or str(value)
    if isinstance(value, KindName):
        return _kind(value, lang) or str(value)
    return value


add_param_hook(_param)
