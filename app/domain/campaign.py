"""The campaign and its settings: categories with their standards, other costs, statuses."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import date
from typing import NewType

from app.domain.eligibility import Thresholds

CampaignId = NewType("CampaignId", str)
CategoryId = NewType("CategoryId", str)

# Application status, in the order a household moves through them (DESIGN.md step 3).
STATUSES = ("申报", "单位审核", "公示", "上报", "确定", "不予")
STATUS_ENGLISH = {
    "申报": "applied",
    "单位审核": "unit reviewed",
    "公示": "public notice",
    "上报": "reported",
    "确定": "confirmed",
    "不予": "declined",
}
DECLINED = "不予"
CONFIRMED = "确定"

MATERIALS = ("身份证复印件", "户口本复印件", "困难证明", "银行卡复印件", "档案表")


def new_id() -> str:
    return str(uuid.uuid4())


def new_ids(count: int) -> list[str]:
    """``count`` random (version 4) UUIDs at once: a roster import needs 100,000 of them and
    uuid4() one by one costs more than checking the rows."""
    digits = os.urandom(16 * count).hex()
    variant = _VARIANT
    # Digit 13 becomes the version (4); digit 17 the RFC 4122 variant, 8-b from its low 2 bits.
    return [f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant[h[16]]}{h[17:20]}-{h[20:]}"
            for h in (digits[i : i + 32] for i in range(0, 32 * count, 32))]  # fmt: skip


_VARIANT = {f"{n:x}": f"{8 | (n & 3):x}" for n in range(16)}


@dataclass(frozen=True, slots=True)
class Campaign:
    id: CampaignId
    name: str
    organizer: str
    start: date
    end: date
    thresholds: Thresholds


@dataclass(frozen=True, slots=True)
class Category:
    id: CategoryId
    code: str
    name: str
    cash_fen: int
    goods: str
    goods_fen: int

    @property
    def standard_fen(self) -> int:
        return self.cash_fen + self.goods_fen


@dataclass(frozen=True, slots=True)
class OtherCost:
    name: str
    amount_fen: int


def normalise_status(text: str) -> str | None:
    """A status by its Chinese word or English name; None when unknown."""
    value = text.strip()
    if value in STATUSES:
        return value
    by_english = {english: status for status, english in STATUS_ENGLISH.items()}
    return by_english.get(value.lower())


def normalise_material(text: str) -> str | None:
    value = text.strip()
    if value in MATERIALS:
        return value
    # Clerks shorten: 身份证, 户口本, 银行卡.
    return next((m for m in MATERIALS if value and m.startswith(value)), None)
