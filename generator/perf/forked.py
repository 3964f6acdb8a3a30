"""When this process may fork, and ``Beside``: work done in a forked child on a second core while this process goes on.

Pagefind's records are made in a forked child beside the build (``pagefind_run``); the rule against repeated
statements runs beside the per-record checks (``check/validate``). A fork shares the parent's data at no cost
(nothing is pickled on the way in); only the result comes back through a pipe, so ``Beside`` suits work whose
result is small. Whatever goes wrong with the child itself (it cannot start, it dies) falls back to doing the
work here, so the result never depends on the fork; an exception the work raises is raised here, as it would be
without the fork.

Only on a POSIX system, with more than one CPU, and from a single-threaded process (``mkdocs build``;
not the rebuilds of ``mkdocs serve``, whose server threads a fork would copy mid-flight).
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
    """``work()`` started in a forked child when ``can_fork()``; ``result()`` waits for it (or runs it here)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.work = work
        self._process = None
        if not can_fork():
            return
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        process = context.Process(target=self._child, args=(writer,), daemon=True)
        try:
            process.start()
            self._process = process
        except OSError:  # no fork today (limits, memory): result() runs the work here
            self._reader.close()
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
        """The work's result, once."""
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
