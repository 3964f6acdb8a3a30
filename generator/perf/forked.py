"""When this process may fork, and work done in a forked child beside this process: Pagefind's records are made
in one beside the build (``pagefind_run``); a large project's records are read in two halves, and its pages rendered in
two groups (``map_beside``).

Only on a POSIX system, with more than one CPU, and from a single-threaded process (``mkdocs build``;
not the rebuilds of ``mkdocs serve``, whose server threads a fork would copy mid-flight).
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def fork_available() -> bool:
    """True on a system that can fork, with a second CPU to give the child."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores > 1 and "fork" in multiprocessing.get_all_start_methods()


def can_fork() -> bool:
    """True when forking this process now is safe (no other thread runs) and gives a second core to work on."""
    return threading.active_count() == 1 and fork_available()


def map_beside(function: Callable[[T], R], items: Sequence[T], at_least: int) -> list[R]:
    """``[function(item) for item in items]``, the first half done by a forked child on the second core while this
    process does the rest, when there are ``at_least`` items and forking is safe now (``can_fork``).

    The child's results come back pickled through a pipe. Should the child fail in any way, this process does its
    half too: the result is always the list the comprehension gives (``function`` must not rely on side effects)."""
    if len(items) < at_least or not can_fork():
        return [function(item) for item in items]
    half = len(items) // 2
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its results down the pipe, then out at once (no exit handlers, no flushing of ours)
        status = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump([function(item) for item in items[:half]], pipe, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    results = os.fdopen(read_end, "rb")
    try:
        rest = [function(item) for item in items[half:]]
        sent = results.read()
    finally:  # should this half raise, the child's writes then fail, it exits, and it is still waited for
        results.close()
        _, status = os.waitpid(pid, 0)
    try:
        first: list[R] = pickle.loads(sent) if status == 0 else []
    except (pickle.UnpicklingError, EOFError, ValueError):
        first = []
    if len(first) != half:
        first = [function(item) for item in items[:half]]
    return first + rest
