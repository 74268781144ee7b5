"""Bounded concurrency for sending: lanes, at most one message in flight in each.

A lane is a destination whose messages must go out one after another, in order: the one
SMTP connection, a rate-limited robot, an office's receiver. ``Lanes.submit`` hands a send to
a small thread pool (``delivery.concurrency`` threads) and returns at once, so the next
message is rendered while this one is on the wire; it first waits, if need be, until the
lane's previous message is answered and a thread is free. A lane whose last answer came
quickly (``QUICK_SECONDS``) is sent to inline instead, in the caller's thread: threads pay
off only for receivers that make a sender wait. What happens after a send (its outcome
recorded) runs in the caller's thread, never in the pool, so the ledger and the report are
only touched from one thread. A width of 1 sends everything inline, with no thread at all.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_Done = tuple[Hashable, Any, BaseException | None, Callable[[Any], None], float]
# A lane whose last answer came within this is sent to inline, in the caller's thread:
# overlapping so short a wait costs more in thread hand-offs (the interpreter lock) than it
# saves; measured on loopback, a thread per send made a pass slower, not faster.
QUICK_SECONDS = 0.005


class Lanes(Generic[T]):
    def __init__(self, width: int, quick: float = QUICK_SECONDS) -> None:
        self.width = max(1, width)
        self.quick = quick
        self._pool: ThreadPoolExecutor | None = None
        self._busy: set[Hashable] = set()
        self._quick: set[Hashable] = set()  # lanes answered within ``quick``: sent inline
        self._done: queue.SimpleQueue[_Done] = queue.SimpleQueue()

    def submit(
        self,
        lane: Hashable,
        send: Callable[[], T],
        then: Callable[[T], None],
        *,
        ready: Callable[[], None] = lambda: None,
    ) -> None:
        """Run ``send`` in ``lane`` once the lane's previous send is done, then ``then`` with
        its result in this thread (at a later ``submit``, ``poll`` or ``drain``). ``ready``
        is called just before the send starts (a last check: it may raise, and then nothing
        is sent)."""
        inline = self.width == 1 or lane in self._quick
        while lane in self._busy or (not inline and len(self._busy) >= self.width):
            self._finish(self._done.get())
        self.poll()
        ready()
        if inline:
            started = time.monotonic()
            result = send()
            if time.monotonic() - started > self.quick:
                self._quick.discard(lane)
            then(result)
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.width, thread_name_prefix="send")
        self._busy.add(lane)
        self._pool.submit(self._run, lane, send, then)

    def _run(self, lane: Hashable, send: Callable[[], T], then: Callable[[T], None]) -> None:
        started = time.monotonic()
        try:
            result = send()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            self._done.put((lane, None, exc, then, 0.0))
            return
        self._done.put((lane, result, None, then, time.monotonic() - started))

    def _finish(self, done: _Done) -> None:
        lane, result, error, then, took = done
        self._busy.discard(lane)
        if error is not None:
            raise error
        if took <= self.quick:
            self._quick.add(lane)
        then(result)

    def poll(self) -> None:
        """Handle the sends that are done, without waiting."""
        while True:
            try:
                done = self._done.get_nowait()
            except queue.Empty:
                return
            self._finish(done)

    def drain(self) -> None:
        """Wait for every send in flight and handle it; the first error is raised after all
        of them are done (a send is never left running while its claims are handed back)."""
        error: BaseException | None = None
        while self._busy:
            try:
                self._finish(self._done.get())
            except BaseException as exc:  # noqa: BLE001 - raised once the rest is done
                error = error or exc
        if error is not None:
            raise error

    def close(self) -> None:
        """Wait for sends in flight (without handling them) and end the threads."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        self._busy.clear()
