"""The window's language: the one catalogue (app.i18n), and Qt's own words for its dialogs.

Sentences are written in Chinese in the code and the forms and pass through ``t``; forms are
translated after loading (``translate_tree``). Qt's standard dialogs (the file picker's "Look
in:") speak the same language through Qt's own ``qtbase_*.qm``, loaded by ``install_qt``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app import i18n

_installed: list[QTranslator] = []


def set_language(lang: str) -> None:
    i18n.set_language(lang)


def language() -> str:
    return i18n.current_language()


def install_qt(app: QCoreApplication) -> None:
    """Qt's own dialogs and number formats in the window's language."""
    lang = language()
    qt_name = "zh_CN" if lang == "zh" else lang  # Qt's name for Simplified Chinese
    # English dates and numbers as in the UK (20 Jan 2027), as the catalogue writes them.
    QLocale.setDefault(QLocale("en_GB" if lang == "en" else qt_name))
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{qt_name}", folder):
        app.installTranslator(translator)
        _installed.append(translator)


def t(text: str, **params: Any) -> str:
    """The text in the window's language, with ``{placeholders}`` filled."""
    text = i18n._(text)
    return text.format(**params) if params else text


def translate_tree(root: QWidget) -> None:
    """Translate the fixed texts of a loaded form in place (nothing to do in Chinese)."""
    if language() == i18n.catalogue.SOURCE:
        return
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QAbstractButton) and widget.text():
            badge, _, rest = widget.text().partition(" ")
            if badge.isdigit() and rest:  # "1 上门": the number badge of a choice button
                widget.setText(f"{badge} {t(rest)}")
            else:
                widget.setText(t(widget.text()))
        if isinstance(widget, QLineEdit | QPlainTextEdit) and widget.placeholderText():
            widget.setPlaceholderText(t(widget.placeholderText()))
        if isinstance(widget, QGroupBox) and widget.title():
            widget.setTitle(t(widget.title()))
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                widget.setItemText(i, t(widget.itemText(i)))
        if widget.windowTitle():
            widget.setWindowTitle(t(widget.windowTitle()))
