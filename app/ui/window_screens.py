"""The team window's screens after the list, each built the first time it is shown.

The window opens on the list: building the visit form, the locked record, the end of day and
the lock screen up front (and importing what they need) cost ~0.1 s of every start, for screens
a team may not open for minutes. ``MainWindow`` mixes this in; the screens keep their names
(``window.visit_page`` …), so nothing that uses them knows the difference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QStackedWidget, QWidget

if TYPE_CHECKING:
    from app.ui.day_page import DayPage
    from app.ui.lock import IdleWarning, LockScreen
    from app.ui.signed_page import SignedPage
    from app.ui.visit_page import VisitPage


class LazyScreens:
    """Needs from the window: ``store``, ``db_path``, ``pages`` and the handlers it connects."""

    pages: QStackedWidget
    _visit_page: VisitPage | None = None
    _signed_page: SignedPage | None = None
    _day_page: DayPage | None = None
    _lock_screen: LockScreen | None = None
    _idle_warning: IdleWarning | None = None
    _lock_title = ""

    @property
    def visit_page(self) -> VisitPage:
        if self._visit_page is None:
            from app.ui.main_window import load_form
            from app.ui.visit_page import VisitPage

            w: Any = self
            page = VisitPage(w.store, load_form, w)
            self.pages.addWidget(page)
            page.finished.connect(w._visit_finished)
            page.sign_requested.connect(w.show_recipient_screen)
            page.signed.connect(w.show_signed)
            self._visit_page = page
        return self._visit_page

    @property
    def signed_page(self) -> SignedPage:
        if self._signed_page is None:
            from app.ui.signed_page import SignedPage

            w: Any = self
            page = SignedPage(w)
            self.pages.addWidget(page)
            page.next_household.connect(lambda: w._visit_finished(True))
            page.void_requested.connect(w.void_and_redo)
            page.print_receipt.connect(lambda v: w.print_document("receipt", v))
            page.print_letter.connect(lambda v: w.print_document("letter", v))
            self._signed_page = page
        return self._signed_page

    @property
    def day_page(self) -> DayPage:
        if self._day_page is None:
            from app.ui.day_page import DayPage

            w: Any = self
            page = DayPage(w.store, w.db_path, w._failed, w)
            self.pages.addWidget(page)
            page.back.connect(lambda: w._visit_finished(True))
            page.print_log.connect(lambda day: w.print_document("daily-log", day))
            self._day_page = page
        return self._day_page

    @property
    def lock_screen(self) -> LockScreen:
        if self._lock_screen is None:
            from app.ui.lock import LockScreen

            w: Any = self
            self._lock_screen = LockScreen(w.store, self._lock_title, w)
            self._lock_screen.unlocked.connect(w._unlocked)
        return self._lock_screen

    def set_lock_title(self, title: str) -> None:
        """The team's name on the lock screen (after a bundle named the team)."""
        self._lock_title = title
        if self._lock_screen is not None:
            self._lock_screen.deleteLater()
            self._lock_screen = None

    @property
    def idle_warning(self) -> IdleWarning:
        if self._idle_warning is None:
            from app.ui.lock import IdleWarning

            self._idle_warning = IdleWarning(self)  # type: ignore[arg-type]
        return self._idle_warning

    def showing(self, screen: QWidget | None) -> bool:
        """Whether ``screen`` (a built one, or None) is the page shown now."""
        return screen is not None and self.pages.currentWidget() is screen
