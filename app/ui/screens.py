"""The team window's screens after the list, each built the first time it is shown.

The window opens on the list: building the visit form, the locked record, the end of day and
the lock screen up front (and importing what they need) would cost every start, for screens a
team may not open for minutes. ``Screens`` builds them on demand inside the window's page
stack and passes on what they ask for as its own signals, which the window connects once,
before any screen exists.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from app.store.db import Store

if TYPE_CHECKING:
    from app.domain.visits import VisitInput
    from app.services.search.lookup import HouseholdCard
    from app.services.visits.signing import SignedVisit
    from app.ui.day_page import DayPage
    from app.ui.lock import IdleWarning, LockScreen
    from app.ui.signed_page import SignedPage
    from app.ui.visit_page import VisitPage


class Screens(QObject):
    """The visit form, the locked record, the end of day (pages of ``pages``) and the lock
    screen and idle warning (overlays on ``host``)."""

    back_to_list = Signal(bool)  # True when something was saved: the statuses changed
    sign_requested = Signal(object)  # a PreparedVisit, for the recipient screen
    void_requested = Signal(str)  # visit id
    print_requested = Signal(str, str)  # kind (receipt, letter, daily-log), visit id or day
    unlocked = Signal()
    failed = Signal(object)  # an error of a screen's own job, for the window's error box

    def __init__(self, store: Store, db_path: Path, pages: QStackedWidget,
                 host: QWidget) -> None:  # fmt: skip
        super().__init__(host)
        self.store, self.db_path = store, db_path
        self._pages, self._host = pages, host
        self._visit: VisitPage | None = None
        self._signed: SignedPage | None = None
        self._day: DayPage | None = None
        self._lock: LockScreen | None = None
        self._warning: IdleWarning | None = None
        self._lock_title = ""

    # --- the screens, built when first asked for ---------------------------------------------

    @property
    def visit_page(self) -> VisitPage:
        if self._visit is None:
            from app.ui.visit_page import VisitPage

            page = VisitPage(self.store, self._pages)
            self._pages.addWidget(page)
            page.finished.connect(self.back_to_list)
            page.sign_requested.connect(self.sign_requested)
            self._visit = page
        return self._visit

    @property
    def signed_page(self) -> SignedPage:
        if self._signed is None:
            from app.ui.signed_page import SignedPage

            page = SignedPage(self._pages)
            self._pages.addWidget(page)
            page.next_household.connect(lambda: self.back_to_list.emit(True))
            page.void_requested.connect(self.void_requested)
            page.print_receipt.connect(lambda v: self.print_requested.emit("receipt", v))
            page.print_letter.connect(lambda v: self.print_requested.emit("letter", v))
            self._signed = page
        return self._signed

    @property
    def day_page(self) -> DayPage:
        if self._day is None:
            from app.ui.day_page import DayPage

            page = DayPage(self.store, self.db_path, self.failed.emit, self._pages)
            self._pages.addWidget(page)
            page.back.connect(lambda: self.back_to_list.emit(True))
            page.print_log.connect(lambda day: self.print_requested.emit("daily-log", day))
            self._day = page
        return self._day

    @property
    def lock_screen(self) -> LockScreen:
        if self._lock is None:
            from app.ui.lock import LockScreen

            self._lock = LockScreen(self.store, self._lock_title, self._host)
            self._lock.unlocked.connect(self.unlocked)
        return self._lock

    # --- showing them ---------------------------------------------------------------------

    def showing(self, name: str) -> bool:
        """Whether the page ``name`` (visit, signed, day) is built and shown now."""
        page = {"visit": self._visit, "signed": self._signed, "day": self._day}[name]
        return page is not None and self._pages.currentWidget() is page

    def open_visit(self, household: HouseholdCard, start_from: VisitInput | None = None) -> None:
        self.visit_page.open(household, start_from)
        self._pages.setCurrentWidget(self.visit_page)

    def back_to_visit(self) -> None:
        """The form as the team left it (the recipient screen came back unsigned)."""
        self._pages.setCurrentWidget(self.visit_page)

    def open_signed(self, visit: SignedVisit, name: str, id_tail: str) -> None:
        self.signed_page.show_visit(visit, name, id_tail)
        self._pages.setCurrentWidget(self.signed_page)

    def open_day(self) -> None:
        if self.showing("visit"):
            self.visit_page.leave()
        self.day_page.open()
        self._pages.setCurrentWidget(self.day_page)

    def tell_saved(self, text: str) -> None:
        """A printed file's place, on the screens that print."""
        if self._signed is not None:
            self._signed.status.setText(text)
        if self._day is not None:
            self._day.message.setText(text)

    # --- the draft, the lock and the idle warning -----------------------------------------

    def save_draft(self) -> None:
        """Before a lock or closing: the visit being recorded is saved (never dropped)."""
        if self._visit is not None and self._visit.household:
            self._visit.save_draft_now()

    def shut_down(self) -> None:
        self.save_draft()
        if self._visit is not None:
            self._visit.stop_autosave()

    def lock(self) -> None:
        self.save_draft()
        if self._warning is not None:
            self._warning.hide()
        self.lock_screen.lock()

    def set_lock_title(self, title: str) -> None:
        """The team's name on the lock screen (after a bundle named the team)."""
        self._lock_title = title
        if self._lock is not None:
            self._lock.deleteLater()
            self._lock = None

    def fit_overlays(self, rect: QRect) -> None:
        """The host was resized: the lock screen keeps covering it."""
        if self._lock is not None and self._lock.isVisible():
            self._lock.setGeometry(rect)

    def warn_idle(self, seconds: int) -> None:
        """The countdown before the idle lock; 0 hides it."""
        if self._warning is None:
            if seconds <= 0:
                return
            from app.ui.lock import IdleWarning

            self._warning = IdleWarning(self._host)
        self._warning.show_seconds(seconds)
