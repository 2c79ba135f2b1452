"""A visit waiting for its signature, and which signatures it needs (UX.md §4, §6)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.errors import InvalidInput
from app.domain.signature import METHOD_THUMBPRINT, SignatureRecord, content_sha256
from app.domain.visits import RecipientRole, VisitInput


@dataclass(frozen=True, slots=True)
class PreparedVisit:
    """A checked visit with its record ids fixed; ``content`` is what the recipient is shown
    and what the signature binds (empty when nothing is handed over, so nothing is signed)."""

    visit: VisitInput
    visit_id: str
    disbursement_ids: tuple[str, ...]
    content: dict[str, Any]

    @property
    def needs_signature(self) -> bool:
        return bool(self.content)


def check_signatures(prepared: PreparedVisit, signatures: Sequence[SignatureRecord]) -> None:
    """The recipient's (or the proxy's) one signature; or, for a print on paper, witnesses."""
    if not prepared.needs_signature:
        if signatures:
            raise InvalidInput("sign.not_needed")
        return
    if not signatures:
        raise InvalidInput("sign.missing")
    bound = content_sha256(prepared.content)
    if any(s.content_sha256 != bound for s in signatures):
        raise InvalidInput("sign.content_changed")
    if prepared.visit.cannot_sign:
        if any(s.method != METHOD_THUMBPRINT or s.signer_role != "witness" for s in signatures):
            raise InvalidInput("sign.witness_only")
        names = [s.signer_name.strip() for s in signatures]
        if not all(names) or len(set(names)) != len(names):
            raise InvalidInput("sign.witness_names")
    else:
        role = "proxy" if prepared.visit.recipient_role == RecipientRole.PROXY else "recipient"
        if len(signatures) != 1 or signatures[0].signer_role != role:
            raise InvalidInput("sign.one_signer")
