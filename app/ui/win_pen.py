"""Windows only: no press-and-hold menus, flicks or pen/touch feedback on the signing window.

Without this, Windows turns a slow pen stroke into a right-click ring and merges dots (UX.md §5;
Drawpile #877, aseprite #3596). ``SetWindowFeedbackSetting`` (user32, Windows 8+) switches each
feedback kind off for one window. Elsewhere this does nothing.
"""

from __future__ import annotations

import sys

# FEEDBACK_TYPE values: touch contact, pen barrel, pen tap, pen double tap, pen press-and-hold,
# pen right tap, touch tap, touch double tap, touch press-and-hold, touch right tap, press-and-tap
_FEEDBACK_TYPES = range(1, 12)


def quiet_pen_feedback(win_id: int) -> bool:
    """Turn the feedback off for the native window ``win_id``; True when Windows accepted it."""
    if sys.platform != "win32":
        return False
    import ctypes

    # windll is there only on Windows, where mypy sees it; elsewhere the line is unreachable.
    user32 = ctypes.windll.user32  # type: ignore[attr-defined,unused-ignore]
    setting = getattr(user32, "SetWindowFeedbackSetting", None)
    if setting is None:  # Windows 7
        return False
    off = ctypes.c_int(0)
    ok = True
    for kind in _FEEDBACK_TYPES:
        ok &= bool(setting(ctypes.c_void_p(win_id), kind, 0, ctypes.sizeof(off),
                           ctypes.byref(off)))  # fmt: skip
    return ok
