"""The team PIN on screen: setting it, the void dialog, the lock screen and the idle timer.

The lock screen covers the whole window (a child widget on top), so the screen under it keeps
its state: unlocking returns to the same screen and field (UX.md §8). Any key or pointer input
in the application restarts the idle timer; 30 s before the lock a countdown offers 继续使用.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import WarmVisitError
from app.i18n import render
from app.services.laptop import lock as team_lock
from app.store.db import Store
from app.ui.lang import language, t

WARN_SECONDS = 30
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel, QEvent.Type.TabletPress, QEvent.Type.TouchBegin}  # fmt: skip


def _pin_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(6)
    edit.setMinimumHeight(48)
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    edit.setStyleSheet("font-size: 24px;")
    return edit


class SetPinDialog(QDialog):
    """The team PIN typed twice; subclasses add rows and store it their way."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        title, hint, pin_label = self._texts()
        self.setWindowTitle(title)
        layout = QFormLayout(self)
        hint_label = QLabel(hint)
        hint_label.setWordWrap(True)
        layout.addRow(hint_label)
        self._extra_rows(layout)
        self.first, self.second = _pin_edit(), _pin_edit()
        layout.addRow(pin_label, self.first)
        layout.addRow(t("再输入一次"), self.second)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def _texts(self) -> tuple[str, str, str]:
        """The title, the hint above the fields and the PIN field's label."""
        return t("设置组长密码"), t("请设置4到6位数字的组长密码（锁屏和作废时用）"), t("组长密码")

    def _extra_rows(self, layout: QFormLayout) -> None:
        """Rows above the PIN fields (none here)."""

    def _store_pin(self, pin: str) -> None:
        team_lock.set_pin(self.store, pin)

    def save(self) -> None:
        if self.first.text() != self.second.text():
            self.message.setText(t("两次输入不一样"))
            self.first.setFocus()
            return
        try:
            self._store_pin(self.first.text())
        except WarmVisitError as error:
            self.message.setText(render(error, language()))
            return
        self.accept()


class ResetPinDialog(SetPinDialog):
    """忘记组长密码: the team credential from the office's sheet proves the leader; a new PIN."""

    def _texts(self) -> tuple[str, str, str]:
        return (t("重设组长密码"),
                t("请输入区中心发给本组的密码单上的组密码（25个字符），再设新的组长密码"),
                t("新组长密码"))  # fmt: skip

    def _extra_rows(self, layout: QFormLayout) -> None:
        self.credential = QLineEdit()
        self.credential.setObjectName("resetCredential")
        self.credential.setMinimumHeight(40)
        layout.addRow(t("组密码"), self.credential)

    def _store_pin(self, pin: str) -> None:
        team_lock.reset_pin(self.store, self.credential.text(), pin)


class VoidDialog(QDialog):
    """作废并重录: a reason and the team PIN; ``accepted`` only when both are right."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(t("作废并重录"))
        layout = QFormLayout(self)
        intro = QLabel(t("作废这次走访？原记录保留并标为作废，然后重新录入。"))
        intro.setWordWrap(True)
        layout.addRow(intro)
        self.reason = QLineEdit()
        self.reason.setMinimumHeight(44)
        self.pin = _pin_edit()
        layout.addRow(t("作废原因"), self.reason)
        layout.addRow(t("组长密码"), self.pin)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def check(self) -> None:
        if not self.reason.text().strip():
            self.message.setText(render(WarmVisitError("visit.void_reason"), language()))
            self.reason.setFocus()
            return
        try:
            ok = team_lock.try_pin(self.store, self.pin.text())  # a growing wait after misses
        except WarmVisitError as error:
            self.message.setText(render(error, language()))
            self.pin.clear()
            return
        if not ok:
            wait = team_lock.seconds_to_wait(self.store)
            wrong = (
                WarmVisitError("pin.wait", seconds=wait) if wait else WarmVisitError("pin.wrong")
            )
            self.message.setText(render(wrong, language()))
            self.pin.clear()
            return
        self.accept()


class LockScreen(QWidget):
    """Covers its parent. Shows only WarmVisit, the team and 记录已保存; a PIN keypad."""

    unlocked = Signal()

    def __init__(self, store: Store, team: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("lockScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("QWidget#lockScreen { background: #f2f4f7; }")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for text, px in ((t("送温暖走访"), 32), (team, 24), (t("记录已保存"), 22),
                         (t("请输入组长密码解锁"), 20)):  # fmt: skip
            label = QLabel(text)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet(f"font-size: {px}px;")
            layout.addWidget(label)
        self.pin = _pin_edit()
        self.pin.setObjectName("lockPin")
        self.pin.setMaximumWidth(260)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.returnPressed.connect(self.try_unlock)
        layout.addWidget(self.pin, 0, Qt.AlignmentFlag.AlignHCenter)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        keypad = QGridLayout()
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", t("清除"), "0", t("解锁")]
        for n, key in enumerate(keys):
            button = QPushButton(key)
            button.setMinimumSize(88, 60)
            button.setStyleSheet("font-size: 24px;")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, k=key: self._key(k))
            keypad.addWidget(button, n // 3, n % 3)
        holder = QWidget()
        holder.setLayout(keypad)
        layout.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)
        forgot = QPushButton(t("忘记组长密码…"))
        forgot.setObjectName("forgotPin")
        forgot.setFlat(True)
        forgot.clicked.connect(self.reset_pin)
        layout.addWidget(forgot, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.hide()

    def _key(self, key: str) -> None:
        if key == t("清除"):
            self.pin.clear()
        elif key == t("解锁"):
            self.try_unlock()
        else:
            self.pin.setText(self.pin.text() + key)

    def reset_pin(self) -> None:
        """The leader forgot the PIN: a new one set with the team credential unlocks."""
        dialog = ResetPinDialog(self.store, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.hide()
            self.unlocked.emit()

    def lock(self) -> None:
        self.pin.clear()
        self.message.setText("" if team_lock.has_pin(self.store) else t("还没有设置组长密码"))
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.pin.setFocus()

    def try_unlock(self) -> None:
        if not team_lock.has_pin(self.store):
            self.hide()
            self.unlocked.emit()
            return
        try:
            ok = team_lock.try_pin(self.store, self.pin.text())  # a growing wait after misses
        except WarmVisitError as error:
            self.message.setText(render(error, language()))
            self.pin.clear()
            return
        if ok:
            self.hide()
            self.unlocked.emit()
            return
        wait = team_lock.seconds_to_wait(self.store)
        wrong = WarmVisitError("pin.wait", seconds=wait) if wait else WarmVisitError("pin.wrong")
        self.message.setText(render(wrong, language()))
        self.pin.clear()


class IdleWatcher(QObject):
    """Watches the whole application's input; ``warn(seconds_left)`` then ``idle()``."""

    def __init__(self, minutes: Callable[[], int], warn: Callable[[int], None],
                 idle: Callable[[], None], parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._minutes, self._warn, self._idle = minutes, warn, idle
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self._tick)
        self.seconds_left = 0
        self.countdown = QTimer(self, interval=1000)
        self.countdown.timeout.connect(self._count)
        self._app = QApplication.instance()
        if self._app is not None:
            self._app.installEventFilter(self)
        self.restart()

    def shutdown(self) -> None:
        """Before the window goes: stop watching (a filter left behind outlives the window)."""
        self.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None

    def restart(self) -> None:
        """Re-read the setting and start over (after unlocking, signing, a warning)."""
        self.countdown.stop()
        self.timer.start(max(self._minutes() * 60 - WARN_SECONDS, 1) * 1000)

    def _touched(self) -> None:
        # Every key and mouse move lands here: restart the same interval, no store query.
        if self.countdown.isActive():
            self.countdown.stop()
            self._warn(0)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.countdown.stop()

    def _tick(self) -> None:
        self.seconds_left = WARN_SECONDS
        self._warn(self.seconds_left)
        self.countdown.start()

    def _count(self) -> None:
        self.seconds_left -= 1
        if self.seconds_left <= 0:
            self.countdown.stop()
            self._idle()
        else:
            self._warn(self.seconds_left)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if self._app is None:
            return False
        # Input events only, told apart by class: asking every event its type makes PySide
        # convert each to an enum, and a rare internal type once built all of QtCore's enums
        # (the slowest keystroke of the window's benchmark; docs/decisions.md).
        if (isinstance(event, QInputEvent) and event.type() in _ACTIVITY
                and (self.timer.isActive() or self.countdown.isActive())):  # fmt: skip
            self._touched()
        return False


class IdleWarning(QLabel):
    """即将锁屏：30 秒 — any key or click continues (the watcher restarts on it)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("background: #fff4cc; border: 3px solid #8a6d00; font-size: 28px;"
                           " padding: 24px; color: #222;")  # fmt: skip
        self.hide()

    def show_seconds(self, seconds: int) -> None:
        if seconds <= 0:
            self.hide()
            return
        self.setText(t("即将锁屏：{seconds} 秒", seconds=seconds) + "\n" + t("继续使用"))
        self.adjustSize()
        parent = self.parentWidget()
        self.move((parent.width() - self.width()) // 2, (parent.height() - self.height()) // 3)
        self.raise_()
        self.show()
