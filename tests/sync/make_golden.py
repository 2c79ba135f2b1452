"""Write the golden bundles of the current format into tests/sync/golden/v<FORMAT_VERSION>/.

Run once per released format (never overwrite an existing version's files): later versions of
WarmVisit must still read what earlier ones wrote. `.venv/bin/python tests/sync/make_golden.py`
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.domain.events import make_event  # noqa: E402
from app.sync import container, keys  # noqa: E402
from app.sync.payload import encode_payload  # noqa: E402

CREDENTIAL = "K7M2Q-9XWPA-D3RTB-HN6YC-E4UVF"


def main() -> None:
    folder = Path(__file__).parent / "golden" / f"v{container.FORMAT_VERSION}"
    if folder.exists():
        raise SystemExit(f"{folder} exists: golden files of a released format are never rewritten")
    folder.mkdir(parents=True)
    central_sign = keys.generate_signing_key()
    laptop_sign = keys.generate_signing_key()
    central_box = keys.generate_box_key()
    event = make_event(
        id="5b0c6a3e-0000-4000-8000-000000000001", device_id="laptop-1", seq=1,
        prev_hash="0" * 64, kind="visit", record_id="visit-1", household_id="household-1",
        team_id="team-1", created_at="2027-01-20T14:31:05+08:00",
        body={"visit_id": "visit-1", "date": "2027-01-20", "mode": "home", "outcome": "visited",
              "notes": "䶮 𠇔"},
    )  # fmt: skip
    assignment = container.seal_for_credential(
        encode_payload({"snapshot": {"households": [{"id": "household-1", "name": "张䶮"}]}}),
        {"kind": "assignment", "campaign_id": "campaign-1", "team_id": "team-1",
         "team_code": "T1", "sequence": 1, "created_at": "2027-01-10T09:00:00+08:00"},
        signing_key=central_sign, credential=CREDENTIAL,
    )  # fmt: skip
    result = container.seal_for_public_key(
        encode_payload({"cash_counts": []}, [event]),
        {"kind": "result", "campaign_id": "campaign-1", "team_id": "team-1",
         "device_id": "laptop-1", "sequence": 1, "created_at": "2027-01-20T18:00:00+08:00"},
        signing_key=laptop_sign, recipient_box_public=keys.box_public(central_box),
    )  # fmt: skip
    (folder / "assignment.wvb").write_bytes(assignment)
    (folder / "result.wvb").write_bytes(result)
    (folder / "keys.json").write_text(json.dumps({
        "credential": CREDENTIAL,
        "central_signing_public": keys.signing_public(central_sign).hex(),
        "laptop_signing_public": keys.signing_public(laptop_sign).hex(),
        "central_box_private": central_box.hex(),
        "event_content_hash": event.content_hash,
    }, indent=2) + "\n", encoding="utf-8")  # fmt: skip
    print(f"wrote {folder}")


if __name__ == "__main__":
    main()
