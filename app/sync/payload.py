"""The plaintext inside a bundle: canonical JSON, events as compact rows.

A row per event (a list, not an object) keeps 100,000 events small and fast to parse; the
content hash inside each row is rechecked on arrival, so a payload cannot alter an event
unnoticed even before the bundle signature is considered.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from app.domain.errors import BundleRefused
from app.domain.events import Event

EVENT_COLUMNS = tuple(Event.__dataclass_fields__)


def encode_payload(obj: dict[str, Any], events: Iterable[Event] = ()) -> bytes:
    body = dict(obj)
    body["event_columns"] = list(EVENT_COLUMNS)
    body["events"] = [[getattr(e, c) for c in EVENT_COLUMNS] for e in events]
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_payload(data: bytes) -> tuple[dict[str, Any], list[Event]]:
    try:
        body = json.loads(data.decode("utf-8"))
        if not isinstance(body, dict) or body.get("event_columns") != list(EVENT_COLUMNS):
            raise ValueError("unexpected payload layout")
        events = [Event(*row) for row in body.pop("events")]
        for event in events:
            if not (isinstance(event.seq, int) and isinstance(event.body, str)):
                raise ValueError("bad event row")
    except (ValueError, TypeError, UnicodeDecodeError, KeyError):
        raise BundleRefused("bundle.payload_invalid") from None
    body.pop("event_columns")
    return body, events
