"""Test-only crash points: ``COTEJO_TEST_KILL_AT`` makes the process SIGKILL itself at one.

``COTEJO_TEST_KILL_AT=rematch:after-links:3`` kills the process the third time it reaches
``crash_point("rematch:after-links")`` (without ``:N``, the first time). Only the crash
tests (tests/test_crash.py) set it, to stop the real CLI at exact moments of an ingest and
check that the next run leaves the database as a run without the crash would. Unset, a
crash point is one environment lookup.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

VARIABLE = "COTEJO_TEST_KILL_AT"

_reached: Counter[str] = Counter()


def crash_point(name: str) -> None:
    target = os.environ.get(VARIABLE)
    if not target:
        return
    point, _, count = target.rpartition(":")
    if not count.isdigit():
        point, count = target, "1"
    if point != name:
        return
    _reached[name] += 1
    if _reached[name] == int(count):
        # SIGKILL, not an exception: no finally, no rollback, no atexit; as a power cut.
        os.kill(os.getpid(), signal.SIGKILL)
