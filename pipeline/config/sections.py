"""The sections of the configuration (smtp, http, offices, reminders, delivery, web …),
each a frozen pydantic model that names what it expects."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
MMDD = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ReminderPolicy(_Model):
    days_before: tuple[int, ...] = (30, 14, 7, 3, 1, 0)
    send_at: str = "09:00"
    workdays_only: bool = True
    overdue_every_days: int = Field(default=3, ge=1)
    overdue_max: int = Field(default=5, ge=0)

    @field_validator("days_before")
    @classmethod
    def _non_negative(cls, v: tuple[int, ...]) -> tuple[int, ...]:
        if any(d < 0 for d in v):
            raise ValueError("days must be 0 or more")
        return tuple(sorted(set(v), reverse=True))

    @field_validator("send_at")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        if not _HHMM.match(v):
            raise ValueError("expected a time as HH:MM, e.g. 09:00")
        return v

    @property
    def send_time(self) -> dt.time:
        h, m = self.send_at.split(":")
        return dt.time(int(h), int(m))


class ReminderOverride(_Model):
    """Per-office changes to the global reminder policy; unset keys inherit."""

    days_before: tuple[int, ...] | None = None
    send_at: str | None = None
    workdays_only: bool | None = None
    overdue_every_days: int | None = Field(default=None, ge=1)
    overdue_max: int | None = Field(default=None, ge=0)


class Webhook(_Model):
    kind: Literal["generic", "dingtalk", "wecom", "feishu"]
    url: str
    name: str | None = None  # channel name; defaults to the kind (kind-2, ... when repeated)
    secret_env: str | None = None  # env var holding the signing secret

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        if not re.match(r"^https?://[^\s/]+", v):
            raise ValueError("expected an http:// or https:// URL")
        if re.search(r"\s", v):  # a pasted URL with a space or line break in it
            raise ValueError("URL contains whitespace (percent-encode it as %20, or remove it)")
        return v


class Office(_Model):
    id: str = Field(pattern=r"^[a-z0-9_\-]+$")
    name: str
    aliases: tuple[str, ...] = ()
    email: tuple[str, ...] = ()
    webhooks: tuple[Webhook, ...] = ()
    reminders: ReminderOverride | None = None

    @field_validator("email")
    @classmethod
    def _emails(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for i, addr in enumerate(v):
            if not _EMAIL.match(addr):
                raise ValueError(f"item {i}: {addr!r} is not an email address")
        return v

    def channel_names(self) -> list[tuple[str, Webhook | None]]:
        """Channels of this office: ("email", None) and ("webhook:<name>", hook)."""
        out: list[tuple[str, Webhook | None]] = [("email", None)] if self.email else []
        seen: dict[str, int] = {}
        for hook in self.webhooks:
            base = hook.name or hook.kind
            seen[base] = seen.get(base, 0) + 1
            name = base if seen[base] == 1 else f"{base}-{seen[base]}"
            out.append((f"webhook:{name}", hook))
        return out


class RoutingRule(_Model):
    name: str | None = None
    keywords: tuple[str, ...] = ()
    pattern: str | None = None  # a regular expression
    match_in: tuple[Literal["text", "section"], ...] = Field(
        default=("text", "section"), alias="in"
    )
    lead: tuple[str, ...]
    assist: tuple[str, ...] = ()

    @field_validator("pattern")
    @classmethod
    def _regex(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                re.compile(v)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from exc
        return v

    @model_validator(mode="after")
    def _something_to_match(self) -> RoutingRule:
        if not self.keywords and not self.pattern:
            raise ValueError("a rule needs keywords or a pattern")
        if not self.lead:
            raise ValueError("a rule needs at least one lead office")
        return self


class Smtp(_Model):
    host: str = ""  # empty: email goes to the outbox folder instead
    port: int = Field(default=25, ge=1, le=65535)
    starttls: bool = False
    ssl: bool = False
    username: str | None = None
    password_env: str | None = None
    from_: str = Field(default="督查室 <ducha@localhost>", alias="from")
    timeout: float = Field(default=30.0, gt=0)
    verify_tls: bool = True

    @field_validator("from_")
    @classmethod
    def _from(cls, v: str) -> str:
        m = re.search(r"<([^<>]+)>\s*$", v)
        if not _EMAIL.match((m.group(1) if m else v).strip()):
            raise ValueError(f"{v!r} is not an address (name <user@host> or user@host)")
        return v

    @model_validator(mode="after")
    def _tls_modes(self) -> Smtp:
        if self.starttls and self.ssl:
            raise ValueError("choose starttls or ssl, not both")
        return self


class Http(_Model):
    timeout: float = Field(default=10.0, gt=0)
    verify_tls: bool = True


class Delivery(_Model):
    max_attempts: int = Field(default=6, ge=1)
    backoff_seconds: float = Field(default=300, ge=0)
    backoff_max_seconds: float = Field(default=6 * 3600, ge=0)
    lease_seconds: float = Field(default=300, gt=0)
    batch: int = Field(default=200, ge=1)
    catch_up_hours: float = Field(default=72, ge=0)  # older due reminders are marked missed
    digest: bool = True  # one message per office, channel and tick
    # Outcomes recorded per transaction (at the latest every second): 1 records each send
    # before the next, so a crash can repeat only the message in flight.
    record_batch: int = Field(default=100, ge=1)
    # Messages on the wire at once, one per SMTP connection or robot URL (pipeline.lanes);
    # 1 sends one after another.
    concurrency: int = Field(default=4, ge=1)
    # A task's reminders are written to the ledger once its first one is at most this many
    # days ahead (each pass writes those that came near); null writes them all at once.
    store_ahead_days: int | None = Field(default=30, ge=0)


class Daemon(_Model):
    tick_seconds: int = Field(default=60, ge=1)
    reload_seconds: int = Field(default=300, ge=1)


class CalendarCfg(_Model):
    extra_holidays: tuple[dt.date, ...] = ()  # days off the library does not know yet
    extra_workdays: tuple[dt.date, ...] = ()  # make-up working days (调休)


class Ack(_Model):
    secret_env: str | None = None  # env var with the key that signs the links in messages
    ttl_days: int = Field(default=60, ge=1)


_LISTEN = re.compile(r"^(?P<host>\[[0-9a-fA-F:]+\]|[A-Za-z0-9.\-]+):(?P<port>\d{1,5})$")


class Web(_Model):
    """The supervision desk (``pipeline serve``; also inside ``pipeline run`` when enabled)."""

    enabled: bool = False  # serve the desk inside `pipeline run` too
    listen: str = "127.0.0.1:8080"  # host:port the server binds
    public_url: str = "http://127.0.0.1:8080"  # how offices reach it: every link starts so
    warn_days: int = Field(default=7, ge=0)  # yellow light: due within this many days
    secret_env: str | None = None  # env var with the key signing session cookies
    password_hash: str | None = None  # argon2 hash of the operators' password
    token_env: str | None = None  # env var with a sign-in token (instead of, or with, a password)
    session_hours: float = Field(default=12, gt=0)

    @field_validator("listen")
    @classmethod
    def _listen(cls, v: str) -> str:
        m = _LISTEN.match(v)
        if not m or not 0 < int(m.group("port")) < 65536:
            raise ValueError("expected host:port, e.g. 127.0.0.1:8080")
        return v

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, v: str) -> str:
        if not re.match(r"^https?://[^\s/]+(/\S*)?$", v):
            raise ValueError("expected an http:// or https:// URL")
        return v.rstrip("/")

    @field_validator("password_hash")
    @classmethod
    def _hash(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith("$argon2"):
            raise ValueError("expected an argon2 hash from `pipeline hash-password`")
        return v

    @property
    def host(self) -> str:
        return self.listen.rsplit(":", 1)[0].strip("[]")

    @property
    def port(self) -> int:
        return int(self.listen.rsplit(":", 1)[1])
