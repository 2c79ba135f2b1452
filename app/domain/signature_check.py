"""What a signature event's body says of itself, worked out once as it arrives (the store keeps
it in ``signature_check``): the visit it names, whether it is intact (the strokes and the
signed content hash to what it claims, and the content names the same visit), the cash it
shows, its method, and whether it may be a print on paper (the flags read those events).

An event never changes, so this never goes stale; what depends on the other records (is it
voided, does the visit's cash match) the audit decides from these few fields, never reading
the 3 KB of strokes again.
"""

from __future__ import annotations

import hashlib
from typing import Any, NamedTuple

import orjson

from app.domain.events import canonical
from app.domain.signature import may_be_thumbprint, read_content, strokes_sha256


class SignatureCheck(NamedTuple):
    event_id: str
    record_id: str
    visit: str | None  # the visit the body names (None: none, or not text)
    intact: bool
    shown_cash: Any  # the content's cash_fen as stored (int for a sound body), when intact
    method: str
    marked: bool  # may be a print on paper (``may_be_thumbprint``)


def check_signature(event_id: str, record_id: str, body: str) -> SignatureCheck:
    """The body's own facts (see the module's docstring). Whatever cannot be read is not
    intact, as the audit always treated it."""
    visit: Any = None
    intact, shown_cash, method = False, None, ""
    try:
        fields = orjson.loads(body)
        visit = fields["visit"]
        shown = fields["content"]
        shown_cash = shown["cash_fen"]
        intact = bool(
            shown["visit"] == visit
            and strokes_sha256(fields["strokes"]) == fields["strokes_sha256"]
            and content_hash(body, fields["content_sha256"]) == fields["content_sha256"]
        )
        raw = fields.get("method") or ""
        method = raw if isinstance(raw, str) else canonical(raw)
    except (ValueError, TypeError, KeyError, AttributeError):
        intact = False
    if not intact or not isinstance(shown_cash, int | float) or abs(shown_cash) >= 2**63:
        shown_cash = None  # compares equal to no sum of fen (SQLite holds no other)
    return SignatureCheck(event_id, record_id, visit if isinstance(visit, str) else None,
                          intact, shown_cash, method, may_be_thumbprint(body))  # fmt: skip


_CONTENT = '{"content":'
_AFTER = ',"content_sha256":"'


def content_hash(body: str, expected: str) -> str:
    """The hash of the signed content in a signature's body. The body is canonical JSON, its
    keys sorted, so the content's text is the body's first value as it stands: hashed as it is
    (equal hashes: the very text that was bound). Otherwise the content is parsed and made
    canonical again, as ``content_sha256`` does."""
    end = body.find(_AFTER)
    if body.startswith(_CONTENT) and end > 0:
        plain = hashlib.sha256(body[len(_CONTENT) : end].encode("utf-8")).hexdigest()
        if plain == expected:
            return plain
    return read_content(canonical(orjson.loads(body)["content"]))[1]
