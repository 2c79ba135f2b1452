"""The campaign and its settings: categories with their standards, other costs, statuses."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NewType

from app.domain.codes import parse_code
from app.domain.eligibility import Thresholds
from app.domain.payment import Payment

CampaignId = NewType("CampaignId", str)
CategoryId = NewType("CategoryId", str)


class Status(StrEnum):
    """A household's application, in the order it moves (DESIGN.md step 3); DECLINED from any."""

    APPLIED = "applied"  # 申报
    UNIT_REVIEWED = "unit_reviewed"  # 单位审核
    PUBLIC_NOTICE = "public_notice"  # 公示
    REPORTED = "reported"  # 上报
    CONFIRMED = "confirmed"  # 确定
    DECLINED = "declined"  # 不予


STATUSES = tuple(Status)
DECLINED = Status.DECLINED
CONFIRMED = Status.CONFIRMED
_STATUS_WORDS = {"申报": Status.APPLIED, "单位审核": Status.UNIT_REVIEWED,
                 "公示": Status.PUBLIC_NOTICE, "上报": Status.REPORTED, "确定": Status.CONFIRMED,
                 "确认": Status.CONFIRMED, "不予": Status.DECLINED, "不予慰问": Status.DECLINED,
                 "unit_review": Status.UNIT_REVIEWED, "notice": Status.PUBLIC_NOTICE}  # fmt: skip


class Material(StrEnum):
    """The papers an application carries (DESIGN.md step 3)."""

    ID_CARD_COPY = "id_card_copy"  # 身份证复印件
    HUKOU_COPY = "hukou_copy"  # 户口本复印件
    HARDSHIP_PROOF = "hardship_proof"  # 困难证明
    BANK_CARD_COPY = "bank_card_copy"  # 银行卡复印件
    HOUSEHOLD_FORM = "household_form"  # 档案表


MATERIALS = tuple(Material)
# Clerks shorten: 身份证, 户口本, 银行卡 (any start of the word).
_MATERIAL_WORDS = {"身份证复印件": Material.ID_CARD_COPY, "户口本复印件": Material.HUKOU_COPY,
                   "困难证明": Material.HARDSHIP_PROOF, "银行卡复印件": Material.BANK_CARD_COPY,
                   "档案表": Material.HOUSEHOLD_FORM}  # fmt: skip


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
    payment: Payment = Payment.CASH  # how its cash reaches a household (goods: by a team)

    @property
    def standard_fen(self) -> int:
        return self.cash_fen + self.goods_fen


@dataclass(frozen=True, slots=True)
class OtherCost:
    """A line of other costs (meals, fuel …): what is budgeted and, once entered, spent."""

    name: str
    amount_fen: int  # budgeted
    actual_fen: int | None = None  # spent, as the office entered it
    line_id: str = ""


def normalise_status(text: str) -> Status | None:
    """A status by its code, English name or Chinese word; None when unknown."""
    return parse_code(Status, text, _STATUS_WORDS)


def normalise_material(text: str) -> Material | None:
    value = text.strip()
    found = parse_code(Material, value, _MATERIAL_WORDS)
    if found is not None or not value:
        return found
    return next((m for word, m in _MATERIAL_WORDS.items() if word.startswith(value)), None)


class CampaignField(StrEnum):
    """A campaign fact the office may change after init (each change kept with its reason)."""

    NAME = "name"
    ORGANIZER = "organizer"
    START = "start"
    END = "end"
    MIN_LIVING = "min_living"  # 低保标准, fen
    RULE1_PCT = "rule1_pct"
    RULE2_PCT = "rule2_pct"
    RULE3_PCT = "rule3_pct"
    HARDSHIP_COST = "hardship_cost"  # rule (四), fen
