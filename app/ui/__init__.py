"""PySide6 windows, models and widgets: thin over the services. The only package that imports Qt."""
