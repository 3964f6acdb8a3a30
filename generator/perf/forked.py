"""When this process may fork: Pagefind's records are made in a forked child beside the build (``pagefind_run``).

Only on a POSIX system, with more than one CPU, and from a single-threaded process (``mkdocs build``;
not the rebuilds of ``mkdocs serve``, whose server threads a fork would copy mid-flight).
"""
from __future__ import annotations

import multiprocessing
import os
import threading


def fork_available() -> bool:
    """True on a system that can fork, with a second CPU to give the child."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores > 1 and "fork" in multiprocessing.get_all_start_methods()


def can_fork() -> bool:
    """True when forking this process now is safe (no other thread runs) and gives a second core to work on."""
    return threading.active_count() == 1 and fork_available()
