"""The team window: today's households, search as you type, one household's details, and the
screens that follow (UX.md §1): the visit record, the recipient screen (its own full-screen
window), the locked 已签收 screen, the end of day; the idle lock over all of them.

Laid out in forms/main_window.ui; this module wires it to the services. The screens after
the list are built on demand by ``Screens`` (app/ui/screens.py); a signing is owned by a
``SigningSession`` (app/ui/signing_session.py), which the window starts and hears end.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import Cancelled, WarmVisitError
from app.domain.long_work import CancelFlag
from app.domain.money import format_fen
from app.domain.signing import PreparedVisit
from app.domain.visits import NOT_MET
from app.i18n import N_
from app.services.bundles.devices import team_of_laptop
from app.services.infra.context import open_store, require_campaign
from app.services.laptop.lock import has_pin, idle_minutes
from app.services.search.index import SearchIndex, load_search_index
from app.services.search.lookup import (
    cash_float,
    ensure_search_index,
    has_campaign,
    household_card,
    household_count,
    planned_for,
    search_ids,
    search_work,
    visit_statuses,
)
from app.services.visits.drafts import open_drafts
from app.services.visits.recording import recorded_input, void_visit
from app.services.visits.signing import locked_visit
from app.store.db import Store
from app.ui import clock, stick_dialogs
from app.ui.errors import error_box
from app.ui.forms import load_form
from app.ui.household_card import card_html
from app.ui.household_model import HouseholdTable, fit_columns, squeeze_columns
from app.ui.lang import t, translate_tree
from app.ui.lock import IdleWatcher, SetPinDialog, VoidDialog
from app.ui.screens import Screens
from app.ui.search_edit import SearchEdit
from app.ui.worker import start_job

if TYPE_CHECKING:
    from app.domain.visits import VisitInput
    from app.ui.day_page import DayPage
    from app.ui.lock import LockScreen
    from app.ui.recipient_screen import RecipientScreen
    from app.ui.signed_page import SignedPage
    from app.ui.signing_session import SigningEnd, SigningSession
    from app.ui.visit_page import VisitPage

# The list filter, applied over the search result.
FILTERS = (("all", N_("全部")), ("not_visited", N_("未走访")), ("revisit", N_("需再访")),
           ("visited", N_("已慰问")), ("planned_today", N_("今日计划")))  # fmt: skip
INLINE_INDEX = 2000  # households indexed on the spot (~0.1 s); more go to a worker thread


class MainWindow(QWidget):
    def __init__(self, store: Store, db_path: Path) -> None:
        super().__init__()
        self.store = store
        self.db_path = db_path
        self.form = load_form("main_window.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        translate_tree(self.form)
        self.setWindowTitle(t("送温暖走访 WarmVisit"))
        self.pages: QStackedWidget = self.form.findChild(QStackedWidget, "pages")
        self.heading: QLabel = self.form.findChild(QLabel, "heading")
        self.progress_line: QLabel = self.form.findChild(QLabel, "progressLine")
        self.empty_hint: QLabel = self.form.findChild(QLabel, "emptyHint")
        self.detail: QTextBrowser = self.form.findChild(QTextBrowser, "householdDetail")
        self.table: QTableView = self.form.findChild(QTableView, "householdTable")
        self.list_filter: QComboBox = self.form.findChild(QComboBox, "listFilter")
        self.search = SearchEdit.in_place_of(
            self.form.findChild(QLineEdit, "searchBox"), self.form.findChild(QLabel, "searchLabel")
        )
        self.heading.setStyleSheet("font-size: 22px; font-weight: bold;")
        # The list gets the room on a narrow screen (125 % on 1366×768 is 1093 px wide).
        self.detail.setMinimumWidth(260)
        self.form.findChild(QHBoxLayout, "listLayout").setStretch(0, 3)
        self.form.findChild(QHBoxLayout, "listLayout").setStretch(1, 1)
        self.model = HouseholdTable(store)
        self.screens = Screens(store, db_path, self.pages, self)
        self.signing: SigningSession | None = None
        self.error_box: QMessageBox | None = None
        self.letter_editor: QWidget | None = None
        self._closed = False
        self.remember_state = False  # set by the start (app/ui/app.py), not in tests
        self.idle = IdleWatcher(lambda: idle_minutes(store), self.screens.warn_idle,
                                self.lock_now, self)  # fmt: skip
        self._status: dict[str, Any] = {}
        self._drafts: frozenset[str] = frozenset()
        self._search_index: SearchIndex | None = None  # the list in memory, once read
        self._total = 0
        self._float: int | None = None
        self._card_row = -1
        self._widths: dict[int, int] = {}
        self._card_timer = QTimer(self, singleShot=True, interval=50)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._set_up_list()
        self._connect_screens()
        self._connect_buttons_and_keys()
        self.reload()

    def _set_up_list(self) -> None:
        """The household table, its filter, and the search that refills it as the team types."""
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        titles = header.font()
        titles.setPixelSize(16)  # secondary text (UX.md §10): the titles take less of the width
        header.setFont(titles)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(HouseholdTable.ADDRESS, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(44)  # ≥ 44 px targets for older users
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.activated.connect(lambda index: self.start_visit(index.row()))
        self._card_timer.timeout.connect(lambda: self._show(self._card_row))
        self._timer.timeout.connect(self.refresh_list)
        self.search.queryChanged.connect(lambda _q: self._timer.start())
        self.search.drive(self.table)
        self.search.openRequested.connect(self._open_current)
        for code, words in FILTERS:
            self.list_filter.addItem(t(words), code)
        self.list_filter.currentIndexChanged.connect(lambda _i: self.refresh_list())

    def _connect_screens(self) -> None:
        self.screens.back_to_list.connect(self._visit_finished)
        self.screens.sign_requested.connect(self.start_signing)
        self.screens.void_requested.connect(self.void_and_redo)
        self.screens.print_requested.connect(self.print_document)
        self.screens.unlocked.connect(self._unlocked)
        self.screens.failed.connect(self.show_error)

    def _connect_buttons_and_keys(self) -> None:
        find = self.form.findChild
        find(QPushButton, "startVisit").clicked.connect(
            lambda: self.start_visit(self.table.currentIndex().row())
        )
        importer = find(QPushButton, "importButton")
        importer.clicked.connect(lambda: self.import_bundle())  # noqa: PLW0108 (not the bool)
        self.setAcceptDrops(True)  # a bundle file (or the stick's folder) dropped on the window
        find(QPushButton, "dayButton").clicked.connect(self.show_day)
        find(QPushButton, "lettersButton").clicked.connect(self.show_letters)
        find(QPushButton, "lockButton").clicked.connect(self.lock_now)
        find(QPushButton, "helpButton").clicked.connect(self.show_help)
        for keys in ("Ctrl+F", "F3"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.focus_search)
        QShortcut(QKeySequence("Ctrl+L"), self).activated.connect(self.lock_now)
        QShortcut(QKeySequence("F1"), self).activated.connect(self.show_help)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self._print_current)

    # The screens by name, for scripts and tests that walk the window (built when asked).

    @property
    def visit_page(self) -> VisitPage:
        return self.screens.visit_page

    @property
    def signed_page(self) -> SignedPage:
        return self.screens.signed_page

    @property
    def day_page(self) -> DayPage:
        return self.screens.day_page

    @property
    def lock_screen(self) -> LockScreen:
        return self.screens.lock_screen

    @property
    def recipient_screen(self) -> RecipientScreen | None:
        return self.signing.screen if self.signing is not None else None

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        if not has_campaign(self.store):
            self.heading.setText(t("送温暖走访"))
            self.pages.setCurrentIndex(1)
            return
        campaign = require_campaign(self.store)
        team = team_of_laptop(self.store)
        team_text = f" · {team.name}" if team else ""
        self.heading.setText(f"{campaign.name} · {campaign.organizer}{team_text}")
        self.screens.set_lock_title(f"{campaign.organizer}{team_text}")
        self.pages.setCurrentIndex(0)
        count = household_count(self.store)
        if count > INLINE_INDEX:
            # Checking whether the list is current: off the GUI thread and after the first
            # paint; the list shown meanwhile is the one already built.
            def index() -> None:
                if not self._closed:
                    self._index_in_background(count)

            QTimer.singleShot(0, self, index)
        else:
            if search_work(self.store):
                ensure_search_index(self.store)
            self._search_index = load_search_index(self.store)  # a few ms for a team's list
        self.refresh_statuses()
        self._widths = fit_columns(self.table)  # once, from the first screen of the list
        if self.model.rowCount():  # the first card at once: the first screen is whole
            self._card_timer.stop()
            self._show(0)
        self.focus_search()
        QTimer.singleShot(0, self.offer_drafts)

    def offer_drafts(self) -> None:
        """After a crash: ask, never restore or discard silently (UX.md §8)."""
        from app.ui.window_start import offer_drafts

        offer_drafts(self)

    def start_visit_for(self, household_id: str, start_from: VisitInput | None = None) -> None:
        """The visit form (from ``start_from``'s values: a voided record entered again); or,
        for a household whose visit is signed, the locked record."""
        info = household_card(self.store, household_id)
        if info is None:
            return
        if locked_visit(self.store, household_id) is not None:
            self.show_signed(household_id)
            return
        from app.ui.visit_day import ask_visit_day  # asked only when a visit starts

        self.day_prompt = ask_visit_day(
            self, self.store, lambda: self.screens.open_visit(info, start_from)
        )

    def refresh_statuses(self) -> None:
        """Visit status of every household, from the events: after loading and after a save,
        not on every keystroke."""
        self._status = visit_statuses(self.store)
        self._drafts = frozenset(d.household_id for d in open_drafts(self.store))
        self._total = household_count(self.store)  # here, not per keystroke
        self._float = cash_float(self.store)
        self.refresh_list()

    def _index_in_background(self, missing: int) -> None:
        """The central office's 100,000 households take seconds to index: off the GUI thread,
        with a progress bar and Cancel; name and ID searches work meanwhile."""
        dialog = QProgressDialog(t("正在建立拼音检索…"), t("取消"), 0, missing, self)
        dialog.setWindowTitle(t("请稍候"))
        dialog.setMinimumDuration(800)  # shown only when there is real work
        dialog.setValue(0)
        flag = self._index_flag = CancelFlag()
        dialog.canceled.connect(flag.set)
        db_path = self.db_path

        def work(progress: Any) -> tuple[int, SearchIndex | None]:
            # A small cache: the list is read once, front to back (the window's memory aim).
            with open_store(db_path, cache_mb=2) as own:
                changed = ensure_search_index(own, progress=progress, cancel=flag)
                return changed, load_search_index(own, cancel=flag)

        def done(result: Any) -> None:
            dialog.reset()
            changed, self._search_index = result
            if changed:  # else the list shown is the current one
                self.refresh_list()

        def failed(error: object) -> None:
            dialog.reset()
            if not isinstance(error, Cancelled):
                self.show_error(error)

        def progressed(done_: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done_)
            if done_ == 0 and total > 1:
                self.refresh_list()  # the new list table is there; pinyin keys follow

        self._index_job = start_job(self, work, done, failed, progressed)

    def _filtered(self, ids: Sequence[str]) -> Sequence[str]:
        """The filter over the search result (a pass over ids, not a proxy model)."""
        chosen = self.list_filter.currentData() or "all"
        status = self._status
        if chosen == "all":
            return ids
        if chosen == "planned_today":
            today = clock.today()
            planned = planned_for(self.store, today)
            return [h for h in ids if (h in planned and h not in status)
                    or (h in status and status[h].revisit_on == today)]  # fmt: skip
        if chosen == "not_visited":
            return [h for h in ids if h not in status or status[h].outcome is None]
        if chosen == "revisit":  # not met, or a phone call that did not reach the person
            return [h for h in ids if h in status
                    and (status[h].outcome in NOT_MET or status[h].unreached)]  # fmt: skip
        return [h for h in ids if h in status and status[h].counted]

    def refresh_list(self) -> None:
        ids = self._filtered(search_ids(self.store, self.search.query(),
                                        index=self._search_index))  # fmt: skip
        self.model.load(ids, self._status, self._drafts)
        total = self._total
        done = sum(1 for s in self._status.values() if s.counted)
        paid = sum(s.paid_fen for s in self._status.values())
        line = t("已慰问 {done}/{total} 户 · 已发 {paid}", done=done, total=total,
                 paid=format_fen(paid))  # fmt: skip
        if self._float is not None:
            line += f" / {t('备用金')} {format_fen(self._float)}"
        self.progress_line.setText(line)
        query = self.search.query().strip()
        hint = ""
        if query and not ids:
            hint = t("没有找到“{query}”，可试姓名中的一个字、拼音首字母、身份证后4位", query=query)
        elif not ids and self.list_filter.currentData() == "planned_today":
            hint = t("今天没有计划走访的户。选“全部”可看所有的户")
        elif not ids and self.list_filter.currentData() != "all":
            hint = t("没有这样的户。选“全部”可看所有的户")
        elif total and done == total:
            hint = t("今天的户都已走访 ✓")
        self.empty_hint.setText(hint)
        if ids:
            self.table.selectRow(0)
        else:
            self.detail.clear()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- one household ------------------------------------------------------------------

    def _selected(self, selected: QItemSelection, _old: QItemSelection) -> None:
        rows = selected.indexes()
        if rows:
            # The card a moment later: while a name is typed, every key selects another first
            # row, and only the last one's card is read (the list itself shows at once).
            self._card_row = rows[0].row()
            self._card_timer.start()

    def _show(self, row: int) -> None:
        if self._closed:
            return
        household_id = self.model.household_id(row)
        if household_id is None:
            return
        info = household_card(self.store, household_id)
        if info is None:
            return
        status = self._status.get(household_id)
        self.detail.setHtml(card_html(self.store, info, status.revisit_on if status else None))

    def start_visit(self, row: int) -> None:
        household_id = self.model.household_id(row)
        if household_id:
            self.start_visit_for(household_id)

    def _open_current(self) -> None:
        if self._timer.isActive():  # Enter right after typing: the list for the last key first
            self._timer.stop()
            self.refresh_list()
        self.start_visit(self.table.currentIndex().row())

    def _visit_finished(self, saved: bool) -> None:
        self.pages.setCurrentIndex(0)
        if saved:
            self.refresh_statuses()
        else:  # the draft left behind shows in the list
            self._drafts = frozenset(d.household_id for d in open_drafts(self.store))
            self.refresh_list()
        self.focus_search()

    # --- signing, the locked record, voids ---------------------------------------------

    def start_signing(self, prepared: PreparedVisit) -> None:
        """Screen 4, turned to the recipient; the session records the visit."""
        from app.ui.signing_session import SigningSession

        session = SigningSession(self.store, prepared, parent=self)
        session.ended.connect(self._signing_ended)
        self.signing = session
        self.idle.stop()  # the recipient screen has its own three-minute rule
        session.start()

    def _signing_ended(self, end: SigningEnd) -> None:
        from app.ui.signing_session import SigningOutcome

        self.signing = None
        self.idle.restart()
        if end.outcome is SigningOutcome.SIGNED:
            self.screens.visit_page.signing_ended(end)
            self.show_signed(end.household_id)
            return
        self.screens.back_to_visit()
        if end.outcome is SigningOutcome.IDLE:
            self.lock_now()  # the team unlocks and reads what happened
        self.screens.visit_page.signing_ended(end)
        if end.outcome is SigningOutcome.FAILED:
            self.show_error(end.error)

    def show_signed(self, household_id: str) -> None:
        visit = locked_visit(self.store, household_id)
        info = household_card(self.store, household_id)
        if visit is None or info is None:
            self._visit_finished(True)
            return
        self.screens.open_signed(visit, info.name, info.id_number[-4:])
        self.refresh_statuses()

    def void_and_redo(self, visit_id: str) -> None:
        """作废并重录: a reason and the team PIN (set first if there is none)."""
        if not has_pin(self.store):
            setter = SetPinDialog(self.store, self)
            setter.accepted.connect(lambda: self.void_and_redo(visit_id))
            self.pin_dialog = setter
            setter.open()
            return
        dialog = VoidDialog(self.store, self)

        def accepted() -> None:
            visit = self.screens.signed_page.visit
            try:
                void_visit(self.store, visit_id, reason=dialog.reason.text())
            except WarmVisitError as error:
                self.show_error(error)
                return
            self.refresh_statuses()  # the list and the top line: the voided money is not paid
            if visit is not None:  # the new record starts from the voided one's values
                self.start_visit_for(visit.household_id, recorded_input(self.store, visit_id))

        dialog.accepted.connect(accepted)
        self.void_dialog = dialog
        dialog.open()

    def print_document(self, kind: str, key: str) -> None:
        """A receipt or letter of a visit (key: the visit id), or the day's log (key: the day);
        written off the GUI thread; a box says where and offers to print (app/ui/print_jobs.py)."""
        visit = self.screens.signed_page.visit if kind in ("receipt", "letter") else None
        card = household_card(self.store, visit.household_id) if visit else None
        team = team_of_laptop(self.store)

        def done(path: Path) -> None:
            self.last_printed = path
            self.screens.tell_saved(t("已保存 {file}", file=path))
            self.saved_box = saved_box(self, path)  # where it is; print, view, open the folder

        from app.ui.print_jobs import print_in_background, saved_box

        self._print_job = print_in_background(
            self, self.db_path, kind, key, id_number=card.id_number if card else "",
            name=card.name if card else "", team=team.code if team else "",
            on_done=done, on_error=self.show_error,
        )  # fmt: skip

    def _print_current(self) -> None:
        if self.screens.showing("signed"):
            self.screens.signed_page.buttons["printReceipt"].click()

    # --- end of day, lock, help --------------------------------------------------------

    def show_letters(self) -> None:
        """The letter template editor with its preview, for the selected household."""
        from app.ui.letter_editor import LetterEditor  # reportlab loads when letters are asked

        team = team_of_laptop(self.store)
        household = self.model.household_id(self.table.currentIndex().row())
        card = household_card(self.store, household) if household else None
        self.letter_editor = LetterEditor(self.store, self.db_path, team.code if team else None,
                                          card.id_number if card else None, self)  # fmt: skip
        self.letter_editor.open()

    def show_day(self) -> None:
        self.screens.open_day()

    def lock_now(self) -> None:
        """Ctrl+L, the idle timer: the draft is saved first; unlock returns to the same place."""
        if self.signing is not None:
            return  # the recipient screen clears itself after three quiet minutes
        self._focus_before_lock = self.focusWidget()
        self.idle.stop()
        self.screens.lock()  # the draft saved first

    def _unlocked(self) -> None:
        self.idle.restart()
        widget = getattr(self, "_focus_before_lock", None)
        if widget is not None:
            widget.setFocus()

    def show_help(self) -> None:
        """F1: what each screen is for (the one shown first) and the keys."""
        from app.ui.help import HelpDialog

        current = next((n for n in ("visit", "signed", "day") if self.screens.showing(n)), "list")
        self.help_box = HelpDialog(current, self)
        self.help_box.open()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.screens.shut_down()  # closing never drops a draft
        if self.remember_state and not self._closed and self.isVisible():
            from app.ui.window_state import remember

            remember(self, self.db_path)  # opens as it was left
        if self.letter_editor is not None:
            self.letter_editor.close()  # its own window: it would outlive this one
        self._closed = True
        self._card_timer.stop()
        self._timer.stop()
        self.idle.shutdown()
        job = getattr(self, "_index_job", None)
        if job is not None and job.isRunning():  # stop the indexing job before Qt goes
            self._index_flag.set()
            job.quit()
            job.wait(10_000)
        super().closeEvent(event)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.screens.fit_overlays(self.rect())
        if self._widths:  # maximised, restored, or another scale: the columns fit again
            QTimer.singleShot(0, self, lambda: squeeze_columns(self.table, self._widths))

    # --- first run: the assignment bundle ----------------------------------------------

    def import_bundle(self, path: str | None = None, credential: str | None = None) -> None:
        """The first run: a bundle file chosen, dropped on the window, or found in the folder
        chosen (the USB stick); then the credential the team leader was given."""
        from app.ui.window_start import import_bundle

        import_bundle(self, path, credential)

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        stick_dialogs.accept_file_drag(event)

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        if paths := stick_dialogs.dropped_paths(event):
            self.import_bundle(str(paths[0]))

    def show_error(self, error: object) -> None:
        """A refusal's sentence; anything unexpected logged, its box able to copy the
        details (app/ui/errors.py); a cancel, nothing."""
        self.error_box = error_box(self, error)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            if self.screens.showing("signed") or self.screens.showing("day"):
                self._visit_finished(True)  # back one level; never discards anything
                return
            if self.search.text():
                self.search.clear()
                return
        super().keyPressEvent(event)
