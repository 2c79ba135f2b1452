"""Qt runs offscreen in every test (set before any Qt import)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
