"""Pacing for group robots: each robot's documented rate limit is honoured by waiting, not
by failing (pure; the clock is an argument).

DingTalk and WeCom group robots take at most 20 messages a minute each (DingTalk blocks a
robot for ten minutes beyond that); Feishu custom bots 100 a minute. A robot is known by its
URL (its access token), so offices sharing one robot share its budget."""

from __future__ import annotations

from collections import deque

# kind → (messages, per seconds)
RATE_LIMITS: dict[str, tuple[int, float]] = {
    "dingtalk": (20, 60.0),
    "wecom": (20, 60.0),
    "feishu": (100, 60.0),
}


class Pacer:
    """Sliding-window send times per robot, kept for the life of the process (the daemon
    paces across its passes)."""

    def __init__(self) -> None:
        self._sent: dict[str, deque[float]] = {}

    def wait(self, robot: str, kind: str, now: float) -> float:
        """Seconds until ``robot`` may take another message (0: now)."""
        limit = RATE_LIMITS.get(kind)
        if limit is None:
            return 0.0
        count, window = limit
        times = self._sent.get(robot)
        if times is None:
            return 0.0
        while times and times[0] <= now - window:
            times.popleft()
        return 0.0 if len(times) < count else times[0] + window - now

    def sent(self, robot: str, kind: str, now: float) -> None:
        """Count a message posted to ``robot`` at ``now``."""
        if kind in RATE_LIMITS:
            self._sent.setdefault(robot, deque()).append(now)
