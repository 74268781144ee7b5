"""Lanes: sends run on a few threads, one at a time and in order within a lane, and what
follows each send runs in the caller's thread."""

from __future__ import annotations

import threading
from collections import defaultdict

import pytest

from pipeline.lanes import Lanes


class Recorder:
    """Sends that note who runs when; each waits for ``gate`` so several can be in flight."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running: dict[str, int] = defaultdict(int)
        self.most_at_once = 0
        self.most_in_a_lane = 0
        self.started: dict[str, list[int]] = defaultdict(list)
        self.handled: list[tuple[str, int]] = []
        self.handler_threads: set[int] = set()
        self.gate = threading.Event()
        self.open_at = 0  # the gate opens once this many sends run at once (0: never)

    def send(self, lane: str, n: int):  # type: ignore[no-untyped-def]
        def run() -> tuple[str, int]:
            with self.lock:
                self.running[lane] += 1
                self.started[lane].append(n)
                self.most_in_a_lane = max(self.most_in_a_lane, self.running[lane])
                self.most_at_once = max(self.most_at_once, sum(self.running.values()))
                if self.most_at_once == self.open_at:
                    self.gate.set()
            self.gate.wait(5)
            with self.lock:
                self.running[lane] -= 1
            return lane, n

        return run

    def then(self, result: tuple[str, int]) -> None:
        self.handler_threads.add(threading.get_ident())
        self.handled.append(result)


def test_one_lane_at_a_time_in_order_and_at_most_width_at_once() -> None:
    rec, lanes = Recorder(), Lanes[tuple[str, int]](3)
    order = [(f"office{i % 5}", i) for i in range(40)]
    rec.open_at = 3  # the first sends wait until three are in flight together
    try:
        for lane, n in order:
            lanes.submit(lane, rec.send(lane, n), rec.then)
        lanes.drain()
    finally:
        lanes.close()
    assert sorted(rec.handled) == sorted(order)
    for lane in {lane for lane, _ in order}:
        assert rec.started[lane] == [n for ln, n in order if ln == lane], "in order per lane"
    assert rec.most_in_a_lane == 1
    assert rec.most_at_once == 3
    assert rec.handler_threads == {threading.get_ident()}, "outcomes handled by the caller"


def test_width_one_sends_inline() -> None:
    rec, lanes = Recorder(), Lanes[tuple[str, int]](1)
    rec.gate.set()
    for n in range(3):
        lanes.submit("a", rec.send("a", n), rec.then)
        assert rec.handled[-1] == ("a", n), "handled before submit returns"
    assert rec.handler_threads == {threading.get_ident()}


def test_a_failing_check_sends_nothing() -> None:
    rec, lanes = Recorder(), Lanes[tuple[str, int]](2)
    rec.gate.set()

    def refuse() -> None:
        raise TimeoutError("out of time")

    with pytest.raises(TimeoutError):
        lanes.submit("a", rec.send("a", 1), rec.then, ready=refuse)
    lanes.drain()
    lanes.close()
    assert rec.started == {} and rec.handled == []


def test_an_error_is_raised_in_the_caller_after_the_rest_is_done() -> None:
    rec, lanes = Recorder(), Lanes[tuple[str, int]](2)

    def broken() -> tuple[str, int]:
        raise RuntimeError("bug in a channel")

    lanes.submit("b", rec.send("b", 2), rec.then)  # held at the gate until the end
    lanes.submit("a", broken, rec.then)
    rec.gate.set()
    with pytest.raises(RuntimeError, match="bug in a channel"):
        lanes.drain()
    lanes.close()
    assert rec.handled == [("b", 2)], "the other send was still handled"


def test_a_quickly_answered_lane_is_sent_inline_a_slow_one_in_the_pool() -> None:
    # Threads pay off only for receivers that make the sender wait: once a lane's send came
    # back within ``quick`` it runs in the caller's thread; one that took longer stays out.
    lanes, here = Lanes[int](4, quick=0.05), threading.get_ident()
    ran: dict[str, list[int]] = defaultdict(list)

    def send(lane: str, pause: float):  # type: ignore[no-untyped-def]
        def run() -> int:
            ran[lane].append(threading.get_ident())
            if pause:
                threading.Event().wait(pause)
            return 0

        return run

    for _ in range(3):
        lanes.submit("quick", send("quick", 0.0), lambda _: None)
        lanes.submit("slow", send("slow", 0.2), lambda _: None)
    lanes.drain()
    lanes.close()
    assert ran["quick"][0] != here and ran["quick"][1:] == [here, here]
    assert here not in ran["slow"]
