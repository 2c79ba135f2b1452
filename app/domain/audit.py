"""The audit's codes: the proof a fen has, and the ways the money is summed against the total."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from app.domain.ledger import Payment
from app.domain.signature import METHOD_THUMBPRINT


class Proof(StrEnum):
    SIGNATURE = "signature"  # a signature that verifies, bound to the visit and its cash
    PAPER = "paper"  # the signed paper (签收表 or a print's slip) is at the office
    BANK = "bank"  # the bank confirmed the transfer
    AWAITING_BANK = "awaiting_bank"  # a transfer not yet confirmed: owed, not spent
    NONE = "none"  # cash or goods by hand with nothing to prove it


class Way(StrEnum):
    """A way of summing the money handed over, each checked against the campaign's total."""

    TEAM = "team"  # per team that handed it over
    HOUSEHOLD = "household"
    PROOF = "proof"
    SUMMARY = "summary"  # the 汇总表's lines, by the households' units


class Part(StrEnum):
    CASH = "cash"  # by hand
    TRANSFER = "transfer"
    GOODS = "goods"


def proof_of(
    p: Payment, visit: Mapping[str, Any] | None, signed: Mapping[str, str], bank: frozenset[str]
) -> tuple[Proof, Proof]:
    """The proof of the payment's part by hand (cash and goods) and of its transfer
    (``visit``: the fields of its visit)."""
    by_bank = Proof.BANK if p.record_id in bank else Proof.AWAITING_BANK
    method = signed.get(p.visit_id)
    if method is not None and method != METHOD_THUMBPRINT:
        by_hand = Proof.SIGNATURE
    elif visit is not None and visit.get("slip_received"):
        by_hand = Proof.PAPER  # the signed sheet, or a print's slip beside its witnesses'
    else:
        by_hand = Proof.NONE
    return by_hand, by_bank
