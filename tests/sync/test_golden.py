"""Every released bundle format stays readable: the golden files were written by that release."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.events import hash_is_valid
from app.sync import container
from app.sync.payload import decode_payload

GOLDEN = Path(__file__).parent / "golden"
VERSIONS = sorted(p for p in GOLDEN.iterdir() if p.is_dir())


def test_there_is_a_golden_set_for_the_current_format() -> None:
    assert GOLDEN / f"v{container.FORMAT_VERSION}" in VERSIONS


@pytest.mark.parametrize("folder", VERSIONS, ids=lambda p: p.name)
def test_golden_bundles_open_and_verify(folder: Path) -> None:
    k = json.loads((folder / "keys.json").read_text(encoding="utf-8"))
    sealed = container.read_sealed((folder / "assignment.wvb").read_bytes())
    container.verify_sealed(sealed, bytes.fromhex(k["central_signing_public"]))
    body, events = decode_payload(container.open_with_credential(sealed, k["credential"]).payload)
    assert body["snapshot"]["households"][0]["name"] == "张䶮" and events == []

    sealed = container.read_sealed((folder / "result.wvb").read_bytes())
    assert sealed.header["kind"] == "result" and sealed.header["device_id"] == "laptop-1"
    container.verify_sealed(sealed, bytes.fromhex(k["laptop_signing_public"]))
    opened = container.open_with_box_key(sealed, bytes.fromhex(k["central_box_private"]))
    _body, [event] = decode_payload(opened.payload)
    assert event.content_hash == k["event_content_hash"] and hash_is_valid(event)
    assert event.data()["notes"] == "䶮 𠇔"
    # Format 1 wrote the words (上门, 已慰问); they read as the codes of today.
    assert (event.data()["mode"], event.data()["outcome"]) == ("home", "visited")
