"""Run part of the render in a forked copy of this process, on a second core, while this one renders the rest.

A fork shares the catalogue with the parent at no cost (nothing is pickled on the way in); only the
finished pages come back through a pipe. The fork is used only when it is safe and worth it: on a
POSIX system, with more than one CPU, and from a single-threaded process (``mkdocs build``; not the
rebuilds of ``mkdocs serve``, whose server threads a fork would copy mid-flight). Whatever goes
wrong with the child itself (it cannot start, it dies) falls back to running the work here, so the
result never depends on the fork; an exception raised by the work is raised here, as it would be
without the fork.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def fork_available() -> bool:
    """True on a system that can fork, with a second CPU to give the child."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores > 1 and "fork" in multiprocessing.get_all_start_methods()


def can_fork() -> bool:
    """True when forking this process now is safe (no other thread runs) and gives a second core to work on."""
    return threading.active_count() == 1 and fork_available()


class _Failed(Exception):
    """The work raised in the child and its exception could not be sent back as it was."""


class Beside(Generic[T]):
    """``work()`` started in a forked child; ``result()`` waits for it (or runs it here if the child failed)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.work = work
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(target=self._child, args=(writer,), daemon=True)
        try:
            self._process.start()
        except OSError:
            self._process = None  # no fork today (limits, memory): result() runs the work here
        writer.close()

    def _child(self, writer) -> None:  # type: ignore[no-untyped-def]
        try:
            outcome: tuple[bool, object] = (True, self.work())
        except BaseException as error:  # noqa: BLE001 - sent to the parent, which raises it
            outcome = (False, error)
        try:
            writer.send(outcome)
        except Exception:  # noqa: BLE001 - an exception that does not pickle: send its text instead
            writer.send((False, _Failed("".join(traceback.format_exception(outcome[1])))))  # type: ignore[arg-type]
        writer.close()

    def result(self) -> T:
        if self._process is None:
            return self.work()
        try:
            ok, value = self._reader.recv()
        except (EOFError, OSError):  # the child died before sending (killed, out of memory)
            return self.work()
        finally:
            self._reader.close()
            self._process.join()
        if not ok:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]
