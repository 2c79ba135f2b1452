"""The process tests/slow/test_kill_nine.py kills: one piece of work on a store, run as the
program runs it (the services, workers started as chosen), with a fixed clock.

    python tests/slow/victim.py roster DB ROSTER_FILE
    python tests/slow/victim.py merge DB BUNDLE...
    python tests/slow/victim.py export DB FOLDER

Prints "ready" once its modules are loaded and the store is open, then works, then prints
"done SECONDS". With WARMVISIT_KILL_AT=module:function:before|after, its process group is
killed (SIGKILL, workers too) at that call. Not a test module: run by path, never imported.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.services.bundles import exchange as bundles  # noqa: E402
from app.services.infra.context import Actor  # noqa: E402
from app.services.rosters.importing import import_roster  # noqa: E402
from app.store.db import Store  # noqa: E402
from app.sync import keys  # noqa: E402

keys.SCRYPT_N = 2**8  # as the tests' bundles were made
BEIJING = timezone(timedelta(hours=8))
ACTOR = Actor(user="clerk", clock=lambda: datetime(2027, 1, 22, 9, 0, tzinfo=BEIJING))


def die_at(where: str) -> None:
    """Replace ``module:function`` by one that kills this process group before or after it."""
    module_name, name, when = where.split(":")
    module = importlib.import_module(module_name)
    original: Callable[..., Any] = getattr(module, name)

    def dying(*args: Any, **kwargs: Any) -> Any:
        if when == "before":
            os.killpg(os.getpgid(0), signal.SIGKILL)
        result = original(*args, **kwargs)
        os.killpg(os.getpgid(0), signal.SIGKILL)
        return result

    setattr(module, name, dying)


def main(what: str, db: str, *args: str) -> None:
    if where := os.environ.get("WARMVISIT_KILL_AT"):
        die_at(where)
    with Store(Path(db)) as store:
        print("ready", flush=True)
        start = time.perf_counter()
        if what == "roster":
            import_roster(store, Path(args[0]), unit="测试单位", skip_invalid=True, actor=ACTOR)
        elif what == "merge":
            bundles.import_bundles(store, [Path(a) for a in args], actor=ACTOR)
        elif what == "export":
            bundles.export_result(store, Path(args[0]), actor=ACTOR)
        else:
            raise SystemExit(f"unknown work {what!r}")
        print(f"done {time.perf_counter() - start:.3f}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
