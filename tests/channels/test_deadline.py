"""The deadline watchdog: a guard that outlives its time runs its action, whatever guards
came before it (the watching thread is not woken for each guard, only when one ends sooner
than it would wake anyway)."""

from __future__ import annotations

import threading

from pipeline.channels.deadline import Deadline


def test_guards_that_end_in_time_never_expire() -> None:
    d, fired = Deadline(), threading.Event()
    for _ in range(200):
        with d.guard(30, fired.set):
            pass
        assert not d.expired
    assert not fired.is_set()


def test_a_shorter_guard_after_longer_ones_still_expires() -> None:
    d, fired = Deadline(), threading.Event()
    for _ in range(3):
        with d.guard(30, fired.set):
            pass
    with d.guard(0.1, fired.set):
        assert fired.wait(10), "the action ran while the block was still running"
    assert d.expired


def test_each_of_several_slow_blocks_expires() -> None:
    d = Deadline()
    for _ in range(3):
        fired = threading.Event()
        with d.guard(0.05, fired.set):
            assert fired.wait(10)
        assert d.expired
