"""Starting the window: the application object, fonts, language, and the screenshot mode."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.services.context import open_store


def run_gui(
    db_path: Path, *, lang: str = "zh", screenshot: Path | None = None,
    size: tuple[int, int] = (1366, 768),
) -> int:  # fmt: skip
    if screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
    from PySide6.QtWidgets import QApplication

    from app.ui.fonts import register_fonts, ui_font
    from app.ui.lang import set_language
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    set_language(lang)
    families = register_fonts()
    app.setFont(ui_font(families))
    if lang == "zh":
        # CI and many Linux boxes say LANG=C.UTF-8: pick Chinese explicitly.
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load("qtbase_zh_CN", folder):
            app.installTranslator(translator)
    store = open_store(db_path)
    window = MainWindow(store, db_path)
    window.resize(*size)
    window.show()
    if screenshot is not None:

        def save() -> None:
            window.grab().save(str(screenshot))
            app.quit()

        QTimer.singleShot(300, save)  # after the first paint
    code = app.exec()
    window.close()  # stops a background job before Qt and the store go
    store.close()
    return code
