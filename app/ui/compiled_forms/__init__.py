"""The Qt Designer forms of forms/, compiled to Python by scripts/compile_forms.py."""
