"""Event bodies written before enumerated values became codes (bundle format 1, before the
first release) hold Chinese words (上门, 已慰问, 代领, 按手印 …). Events are never rewritten, so
such a body is read as the codes it means, here and only here (``Event.data``).
"""

from __future__ import annotations

from typing import Any

from app.domain.visits import LEGACY_WORDS

THUMBPRINT_WORD = "按手印"  # a format-1 signature body by a print on paper holds this word
_VISIT_FIELDS = ("mode", "outcome", "recipient_role", "cannot_sign")
_SIGNATURE_FIELDS = ("method", "reason")
FIELDS_OF_KIND = {"visit": _VISIT_FIELDS, "revise": _VISIT_FIELDS, "signature": _SIGNATURE_FIELDS}


def upgrade_body(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    for name in FIELDS_OF_KIND.get(kind, ()):
        value = data.get(name)
        if type(value) is str and value and not value.isascii():
            data[name] = str(LEGACY_WORDS[name].get(value, value))
    return data
