"""A total deadline for blocking socket work: one watchdog thread per channel.

Per-read socket timeouts do not bound a peer that answers a byte at a time. ``Deadline.guard``
runs a block and, if it is still running after ``seconds``, calls ``on_expire`` (which shuts
the socket down, so the blocked read returns at once); ``expired`` then says why it ended.
The thread is started on first use and ends by itself after a minute without work. It is
woken only when a guard ends sooner than it was going to wake anyway: sends one after another
with the same timeout do not wake it each time (waking it per send cost the sending thread
the interpreter lock, about a tenth of an email's time on loopback).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

IDLE_SECONDS = 60.0


class Deadline:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._due: float | None = None
        self._action: Callable[[], None] | None = None
        self._thread: threading.Thread | None = None
        self._last_use = time.monotonic()
        self._wake_at = 0.0  # when the watching thread wakes next by itself
        self.expired = False

    @contextmanager
    def guard(self, seconds: float, on_expire: Callable[[], None]) -> Iterator[None]:
        with self._cond:
            self.expired = False
            self._due = time.monotonic() + seconds
            self._action = on_expire
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="deadline", daemon=True)
                self._thread.start()
            elif self._due < self._wake_at:
                self._cond.notify()
        try:
            yield
        finally:
            with self._cond:
                self._due = self._action = None
                self._last_use = time.monotonic()

    def _watch(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                if self._due is None:
                    if now - self._last_use >= IDLE_SECONDS:
                        self._thread = None
                        return
                    self._wake_at = now + IDLE_SECONDS
                    self._cond.wait(IDLE_SECONDS)
                    continue
                if now < self._due:
                    self._wake_at = self._due
                    self._cond.wait(self._due - now)
                    continue
                action, self._due, self._action = self._action, None, None
                self.expired = True
                if action is not None:
                    try:
                        action()
                    except Exception:  # noqa: BLE001 - the watchdog must outlive its actions
                        pass
