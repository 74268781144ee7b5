"""Signed links: one task, one office, one action, expiring after ``ack.ttl_days``.

Tokens are made with itsdangerous (a timed, URL-safe serializer keyed by the secret named
by ``ack.secret_env``); the issue time is the tick's ``now``, never the wall clock, so a
rehearsal with ``--now`` signs and checks links on the same clock. A link is single-use:
the ledger keeps the ``link_id`` of every answer it recorded.

Actions: ``done`` (办结), ``progress`` (报告进度), ``extend`` (申请延期) for the office a
reminder is addressed to; ``supervise`` (督办) for the supervision office's escalation copy.
Calendar feeds carry a separate, non-expiring token per office.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from itsdangerous import (
    BadData,
    BadSignature,
    SignatureExpired,
    TimestampSigner,
    URLSafeSerializer,
    URLSafeTimedSerializer,
)

from pipeline.errors import PipelineError

ACTIONS = ("done", "progress", "extend", "supervise")
ACTION_NAMES = {
    "done": "办结",
    "progress": "报告进度",
    "extend": "申请延期",
    "supervise": "督办处理",
}
_LINK_SALT = "pipeline.desk.link"
_CAL_SALT = "pipeline.desk.calendar"


class LinkError(PipelineError):
    """A link token is malformed, forged, altered, expired or already used."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # malformed | signature | expired | used | unknown


@dataclass(frozen=True)
class LinkClaim:
    """What a valid link lets its holder do."""

    task_id: str
    office: str
    action: str
    reminder_id: str
    issued: dt.datetime
    link_id: str  # stable hash of the token: the ledger records it once used


class _ClockSigner(TimestampSigner):
    """A TimestampSigner whose clock is given (seconds since the epoch), not read."""

    def __init__(self, *args: Any, now: float = 0.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._now = int(now)

    def get_timestamp(self) -> int:
        return self._now


def link_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:32]


class Links:
    """Makes and checks the desk's signed tokens and URLs."""

    def __init__(self, secret: str, public_url: str, ttl_days: int) -> None:
        if not secret:
            raise ValueError("a signing secret is needed")
        self.secret = secret
        self.public_url = public_url.rstrip("/")
        self.ttl = dt.timedelta(days=ttl_days)

    def _timed(self, now: dt.datetime) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(
            self.secret,
            salt=_LINK_SALT,
            signer=_ClockSigner,
            signer_kwargs={"now": now.timestamp()},
        )

    def token(
        self, task_id: str, office: str, action: str, reminder_id: str, now: dt.datetime
    ) -> str:
        if action not in ACTIONS:
            raise ValueError(f"unknown link action {action!r}")
        return str(self._timed(now).dumps([task_id, office, action, reminder_id]))

    def url(self, token: str) -> str:
        return f"{self.public_url}/a/{token}"

    def verify(self, token: str, now: dt.datetime) -> LinkClaim:
        """The claim of a valid token. Raises LinkError (malformed, signature, expired)."""
        token = token.strip()
        if "/a/" in token:  # a whole URL pasted
            token = token.rsplit("/a/", 1)[1].split("?")[0]
        try:
            data, issued = self._timed(now).loads(
                token, max_age=int(self.ttl.total_seconds()), return_timestamp=True
            )
        except SignatureExpired as exc:
            raise LinkError("the link has expired", "expired") from exc
        except BadSignature as exc:
            if getattr(exc, "payload", None) is None and "." not in token:
                raise LinkError("the link is malformed", "malformed") from exc
            raise LinkError(
                "the link's signature does not match (forged or altered)", "signature"
            ) from exc
        except BadData as exc:
            raise LinkError("the link is malformed", "malformed") from exc
        if (
            not isinstance(data, list)
            or len(data) != 4
            or data[2] not in ACTIONS
            or not all(isinstance(x, str) for x in data)
        ):
            raise LinkError("the link is malformed", "malformed")
        if issued.timestamp() > now.timestamp() + 300:
            raise LinkError("the link was issued in the future", "signature")
        task_id, office, action, reminder_id = data
        return LinkClaim(task_id, office, action, reminder_id, issued, link_id(token))

    # calendar feeds

    def calendar_token(self, office: str) -> str:
        return str(URLSafeSerializer(self.secret, salt=_CAL_SALT).dumps(office))

    def calendar_url(self, office: str) -> str:
        return f"{self.public_url}/calendar/{quote(office)}.ics?token={self.calendar_token(office)}"

    def calendar_office(self, token: str) -> str:
        """The office a calendar token is for. Raises LinkError."""
        try:
            office = URLSafeSerializer(self.secret, salt=_CAL_SALT).loads(token)
        except BadData as exc:
            raise LinkError("bad calendar token", "signature") from exc
        if not isinstance(office, str):
            raise LinkError("bad calendar token", "malformed")
        return office
