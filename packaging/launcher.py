"""What the packaged programs run. PyInstaller executes its script as ``__main__``, so this file
calls ``main()`` itself: a build from app/launch.py only defines it and exits doing nothing."""

import os
import sys

from app.launch import main

if __name__ == "__main__":
    # The windowed program (Windows) has no console: sys.stdout and sys.stderr are None there,
    # and a print (a warning, a written file's name) would raise. Its words go nowhere instead.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
    raise SystemExit(main())
