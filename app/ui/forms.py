"""The Qt Designer forms of forms/, as compiled into app/ui/compiled_forms (the same in a
checkout, a wheel or a build: it is Python)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class FormWidget(QWidget):
    """A widget laid out by a compiled form; ``ui`` keeps the form (its widgets are the form's
    attributes) alive."""

    ui: object


def load_form(name: str, parent: QWidget | None = None) -> FormWidget:
    """A widget laid out by the form ``name``."""
    # Imported by name, each where it is needed: so a bundler (PyInstaller) sees the import,
    # and the visit form's module loads only when the visit form is built.
    widget = FormWidget(parent)
    if name == "main_window.ui":
        from app.ui.compiled_forms.main_window_ui import Ui_MainWindow

        main = Ui_MainWindow()
        main.setupUi(widget)
        widget.ui = main
    elif name == "visit_form.ui":
        from app.ui.compiled_forms.visit_form_ui import Ui_VisitForm

        visit = Ui_VisitForm()
        visit.setupUi(widget)
        widget.ui = visit
    else:
        raise ValueError(f"no compiled form {name}: run scripts/compile_forms.py")
    return widget
