"""The channel interface and small helpers shared by its implementations.

A channel delivers one rendered ``Message`` and classifies what happened as an ``Outcome``:
``sent``; ``retry`` (transient: worth trying again later, ``retry_after`` seconds when the
peer said so); ``failed`` (permanent: retrying will not help). Channels never raise for
delivery problems and never put secrets in ``Outcome.detail``.
"""

from __future__ import annotations

import re
from typing import Protocol, runtime_checkable

from pipeline.models import Message, Outcome

DETAIL_MAX = 300


@runtime_checkable
class Channel(Protocol):
    """Delivers messages over one transport; ``close`` releases connections."""

    name: str

    def send(self, msg: Message) -> Outcome: ...

    def close(self) -> None: ...


def safe_name(text: str) -> str:
    """Text usable in a file name or a Message-ID: letters, digits, ``.``, ``_``, ``-``."""
    return re.sub(r"[^\w.-]", "_", text, flags=re.ASCII) or "_"


def clip_detail(text: str, limit: int = DETAIL_MAX) -> str:
    """One line of at most ``limit`` characters for ``Outcome.detail``."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def sent(detail: str = "") -> Outcome:
    return Outcome("sent", clip_detail(detail))


def retry(detail: str, retry_after: float | None = None) -> Outcome:
    return Outcome("retry", clip_detail(detail), retry_after)


def failed(detail: str) -> Outcome:
    return Outcome("failed", clip_detail(detail))
