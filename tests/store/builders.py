"""A small builder of store contents, through the store's own functions (the fixtures that
give a test its World over a temporary file are in conftest.py).

``world.household()`` and friends take only what a test cares about and fill the rest with
plausible values; time stamps come from a clock that advances one minute a call, so "newest"
is never a tie unless a test makes it one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from app.domain.campaign import STATUSES, Category, CategoryId, new_id
from app.domain.events import GENESIS, Event, make_event
from app.store import campaigns, events, households, teams
from app.store.db import Store
from tests.builders import make_id


def id_number(serial: int, birth: str = "19700101") -> str:
    """A valid resident ID number (天津滨海新区) with its check digit."""
    return make_id(f"120116{birth}{serial:03d}")


@dataclass
class World:
    store: Store
    campaign_id: str = ""
    _clock: datetime = field(
        default_factory=lambda: datetime.fromisoformat("2027-01-05T09:00+08:00")
    )
    _serial: int = 0

    def now(self) -> str:
        self._clock += timedelta(minutes=1)
        return self._clock.isoformat()

    def campaign(self, **values: Any) -> str:
        self.campaign_id = values.pop("id", None) or new_id()
        with self.store.transaction():
            campaigns.insert_campaign(
                self.store,
                {
                    "id": self.campaign_id,
                    "name": "2027年春节送温暖",
                    "organizer": "区总工会",
                    "start_date": "2027-01-20",
                    "end_date": "2027-01-28",
                    "min_living_fen": 78000,
                    "created_at": self.now(),
                    "created_by": "王会计",
                    **values,
                },
            )
        return self.campaign_id

    def category(
        self, code: str, name: str, cash_fen: int, goods: str = "", goods_fen: int = 0
    ) -> Category:
        row = {
            "id": new_id(),
            "campaign_id": self.campaign_id,
            "code": code,
            "name": name,
            "cash_fen": cash_fen,
            "goods": goods,
            "goods_fen": goods_fen,
            "created_at": self.now(),
        }
        with self.store.transaction():
            campaigns.insert_category(self.store, row)
        return Category(CategoryId(row["id"]), code, name, cash_fen, goods, goods_fen)

    def household(self, name: str = "张三", *, status: str = STATUSES[0], **values: Any) -> str:
        """A household row as a roster import writes it; returns its id."""
        self._serial += 1
        now = self.now()
        row = {
            "id": new_id(),
            "campaign_id": self.campaign_id,
            "id_number": id_number(self._serial),
            "name": name,
            "sex": "M",
            "birth_date": "1970-01-01",
            "unit": "单位甲",
            "content_hash": f"h{self._serial}",
            "source_row": self._serial + 1,
            "created_at": now,
            "updated_at": now,
            **values,
        }
        with self.store.transaction():
            row["status"] = status
            households.insert_households(self.store, list(row), [tuple(row.values())])
        return str(row["id"])

    def households(self, count: int, *, status: str = STATUSES[0], **values: Any) -> list[str]:
        """``count`` households in one transaction (for lists longer than a query's chunk)."""
        now = self.now()
        rows = []
        for _ in range(count):
            self._serial += 1
            rows.append(
                {
                    "id": new_id(),
                    "campaign_id": self.campaign_id,
                    "id_number": id_number(
                        self._serial % 1000, f"{1940 + self._serial // 1000}0101"
                    ),
                    "name": f"户{self._serial}",
                    "sex": "F",
                    "birth_date": "1970-01-01",
                    "unit": "单位甲",
                    "content_hash": "h",
                    "created_at": now,
                    "updated_at": now,
                    **values,
                }
            )
        with self.store.transaction():
            for r in rows:
                r["status"] = status
            households.insert_households(
                self.store, list(rows[0]), [tuple(r.values()) for r in rows]
            )
        return [str(r["id"]) for r in rows]

    def team(self, code: str, **values: Any) -> str:
        row = {
            "id": new_id(),
            "campaign_id": self.campaign_id,
            "code": code,
            "name": f"{code}组",
            "leader": "周组长",
            "created_at": self.now(),
            "created_by": "王会计",
            **values,
        }
        with self.store.transaction():
            teams.insert_team(self.store, row)
        return str(row["id"])

    def assign(self, household_id: str, team_id: str | None, planned: str | None = None) -> None:
        """One more assignment row (append-only): None withdraws the household."""
        with self.store.transaction():
            teams.insert_assignments(
                self.store,
                [
                    {
                        "id": new_id(),
                        "household_id": household_id,
                        "team_id": team_id,
                        "planned_date": planned,
                        "assigned_at": self.now(),
                        "assigned_by": "王会计",
                    }
                ],
            )

    def device(self, role: str = "team", team_id: str | None = None) -> str:
        row = {
            "id": new_id(),
            "role": role,
            "team_id": team_id,
            "signing_public": "ab" * 32,
            "first_seen": self.now(),
        }
        with self.store.transaction():
            events.insert_device(self.store, row)
        return str(row["id"])

    def chain(
        self,
        device_id: str,
        household_id: str,
        team_id: str,
        kinds: Sequence[str],
        start: int = 1,
        prev_hash: str = GENESIS,
        body: dict[str, Any] | None = None,
    ) -> list[Event]:
        """Events of one laptop, numbered from ``start`` and chained by hash (not stored)."""
        chain = []
        for seq, kind in enumerate(kinds, start=start):
            event = make_event(
                id=new_id(),
                device_id=device_id,
                seq=seq,
                prev_hash=prev_hash,
                kind=kind,
                record_id=new_id(),
                household_id=household_id,
                team_id=team_id,
                created_at=self.now(),
                body=body or {"date": "2027-01-21", "n": seq},
            )
            chain.append(event)
            prev_hash = event.content_hash
        return chain

    def bundle_log(self, **values: Any) -> str:
        row = {
            "id": new_id(),
            "direction": "import",
            "kind": "result",
            "file_name": "b.wvb",
            "file_sha256": new_id(),
            "team_id": None,
            "device_id": None,
            "sequence": 1,
            "outcome": "applied",
            "at": self.now(),
            "by": "王会计",
            **values,
        }
        with self.store.transaction():
            events.insert_bundle_log(self.store, row)
        return str(row["id"])
