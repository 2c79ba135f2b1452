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
HouseholdId = NewType("HouseholdId", str)

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
    raw = bytearray(os.urandom(16 * count))
    ids = []
    for start in range(0, 16 * count, 16):
        raw[start + 6] = (raw[start + 6] & 0x0F) | 0x40  # version 4
        raw[start + 8] = (raw[start + 8] & 0x3F) | 0x80  # RFC 4122 variant
        h = raw[start : start + 16].hex()
        ids.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return ids


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
