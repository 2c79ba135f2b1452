"""The Qt Designer forms of forms/, as compiled into app/ui/compiled_forms (the same in a
checkout, a wheel or a build: it is Python)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """A widget laid out by the form ``name``; its widgets are the attributes of ``widget.ui``."""
    # Imported by name, each where it is needed: so a bundler (PyInstaller) sees the import,
    # and the visit form's module loads only when the visit form is built.
    if name == "main_window.ui":
        from app.ui.compiled_forms.main_window_ui import Ui_MainWindow as Form
    elif name == "visit_form.ui":
        from app.ui.compiled_forms.visit_form_ui import Ui_VisitForm as Form
    else:
        raise ValueError(f"no compiled form {name}: run scripts/compile_forms.py")
    widget = QWidget(parent)
    form = Form()
    form.setupUi(widget)
    widget.ui = form  # the compiled form keeps its widgets as attributes; keep it alive
    return widget
