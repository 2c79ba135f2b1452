"""One signing, from the prepared visit to the stored record: the recipient screen shown full
screen, the signatures taken, the visit recorded with them, the screen handed back.

The visit is committed (and its draft dropped) before the screen says 已签收 ✓: if the laptop
dies during the hand-back message, the recipient was told the truth. Whoever starts a session
hears one ``ended`` signal, once, with a ``SigningEnd``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.domain.errors import WarmVisitError
from app.domain.signature import SignatureRecord
from app.domain.signing import PreparedVisit
from app.i18n import listed
from app.services.visits.drafts import discard_draft
from app.services.visits.recording import record_visit
from app.services.visits.signing import prepare_visit
from app.store.db import Store

if TYPE_CHECKING:
    from app.ui.recipient_screen import RecipientScreen


class SigningOutcome(StrEnum):
    SIGNED = "signed"  # recorded with its signatures
    TEAM = "team"  # the team took the laptop back (Esc): nothing recorded
    IDLE = "idle"  # three quiet minutes: the ink cleared, nothing recorded
    REFUSED = "refused"  # the service refused the record (``error``, a sentence for the team)
    FAILED = "failed"  # an unexpected error while recording (``error``, for the log)


@dataclass(frozen=True, slots=True)
class SigningEnd:
    outcome: SigningOutcome
    household_id: str
    visit_id: str = ""
    error: BaseException | None = None


class SigningSession(QObject):
    """Owns the recipient screen of one prepared visit; ``ended(SigningEnd)`` once, after the
    screen has closed."""

    ended = Signal(object)

    def __init__(self, store: Store, prepared: PreparedVisit, *,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store = store
        self.prepared = prepared
        self.screen: RecipientScreen | None = None
        self._recorded: SigningEnd | None = None
        self._over = False

    @property
    def household_id(self) -> str:
        return self.prepared.visit.household_id

    def start(self) -> RecipientScreen:
        """Screen 4: its own window, full screen, turned to the recipient."""
        from app.ui.recipient_screen import RecipientScreen  # the pad loads when first signed

        visit = self.prepared.visit
        visitors = listed(visit.visitors) or "-"
        slip = f"{visit.day:%m%d}-{self.prepared.visit_id[:6].upper()}"
        screen = RecipientScreen(self.prepared, visitors, slip)
        screen.confirmed.connect(self._record)
        screen.handed_back.connect(self._handed_back)
        screen.pad.inkChanged.connect(self._still_payable)
        screen.returned.connect(lambda reason: self._end(SigningEnd(
            SigningOutcome(reason), self.household_id)))  # fmt: skip
        self.screen = screen
        screen.showFullScreen()
        return screen

    def _record(self, signatures: list[SignatureRecord]) -> None:
        """The last signature is taken: store the visit with them, then tell the recipient."""
        assert self.screen is not None
        try:
            recorded = record_visit(self.store, self.prepared.visit, prepared=self.prepared,
                                    signatures=signatures)  # fmt: skip
        except WarmVisitError as error:
            self.screen.withdraw()
            self._end(SigningEnd(SigningOutcome.REFUSED, self.household_id, error=error))
            return
        except Exception as error:  # never leave the recipient in front of a stuck screen
            self.screen.withdraw()
            self._end(SigningEnd(SigningOutcome.FAILED, self.household_id, error=error))
            return
        self._recorded = SigningEnd(SigningOutcome.SIGNED, self.household_id,
                                    visit_id=recorded.visit_id)  # fmt: skip
        try:
            discard_draft(self.store, self.household_id)
        finally:  # the visit stands whatever happens to its draft
            self.screen.show_received()

    def _still_payable(self, enough: bool) -> None:
        """When the signature is there but not yet confirmed: paid meanwhile (another window or
        a bundle) is refused now, before the recipient is asked to confirm, not after."""
        if not enough or self.screen is None or self._over:
            return
        try:
            prepare_visit(self.store, self.prepared.visit)
        except WarmVisitError as error:
            self.screen.withdraw()
            self._end(SigningEnd(SigningOutcome.REFUSED, self.household_id, error=error))

    def _handed_back(self) -> None:
        if self._recorded is not None:
            self._end(self._recorded)

    def _end(self, end: SigningEnd) -> None:
        if self._over:
            return
        self._over = True
        self.screen = None
        self.ended.emit(end)
