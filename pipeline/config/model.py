"""The whole configuration: its sections, defaults, paths and secrets."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from pipeline import __version__
from pipeline.config.sections import (
    MMDD,
    Ack,
    CalendarCfg,
    Daemon,
    Delivery,
    Http,
    Office,
    ReminderPolicy,
    RoutingRule,
    Smtp,
    Web,
    _Model,
)

# Config sections that change how a document becomes tasks, or how its tasks are planned
# (not `delivery.store_ahead_days`: it changes when reminders are stored, not what they are).
PLAN_INPUTS = {
    "offices",
    "routing",
    "fallback_office",
    "seasons",
    "calendar",
    "timezone",
    "reminders",
    "undated_horizon_days",
}


class Config(_Model):
    timezone: str = "Asia/Shanghai"
    store: str = "sqlite:///var/pipeline.db"
    documents: tuple[str, ...] = ()
    outbox: str = "var/outbox"
    templates: str | None = None  # a folder overriding the shipped templates by file name
    template_overrides: dict[str, str] = {}
    smtp: Smtp = Smtp()
    http: Http = Http()
    offices: tuple[Office, ...]
    routing: tuple[RoutingRule, ...] = ()
    fallback_office: str
    reminders: ReminderPolicy = ReminderPolicy()
    delivery: Delivery = Delivery()
    daemon: Daemon = Daemon()
    calendar: CalendarCfg = CalendarCfg()
    seasons: dict[str, str] = {  # as grammar.DEFAULT_SEASONS (not imported: start-up cost)
        "汛前": "05-31",
        "汛期前": "05-31",
        "汛期来临前": "05-31",
        "雨季前": "05-31",
        "雨季来临前": "05-31",
        "供暖季前": "11-14",
        "供暖前": "11-14",
        "开学前": "08-31",
        "秋季开学前": "08-31",
        "秋季开学时": "08-31",
    }
    undated_horizon_days: int | None = Field(default=None, ge=1)
    # processes reading changed documents when many changed at once; 0: one per CPU
    read_workers: int = Field(default=0, ge=0)
    ack: Ack = Ack()
    web: Web = Web()
    base_dir: Path = Path(".")  # folder of the config file; set by load_config

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {v!r}") from exc
        return v

    @field_validator("seasons")
    @classmethod
    def _seasons(cls, v: dict[str, str]) -> dict[str, str]:
        for term, mmdd in v.items():
            if not MMDD.match(str(mmdd)):
                raise ValueError(f"{term}: expected MM-DD, got {mmdd!r}")
            try:
                dt.date(2000, int(mmdd[:2]), int(mmdd[3:]))  # a leap year: 02-29 is allowed
            except ValueError:
                raise ValueError(f"{term}: {mmdd!r} is not a day of the year") from None
        return v

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def plan_fingerprint(self) -> str:
        """Hash of everything, config and code version, that changes a document's tasks or
        their reminders: stored with each document, so a change of any of it re-plans every
        document on the next pass, and nothing else does."""
        data = self.model_dump(mode="json", include=PLAN_INPUTS)
        data["version"] = __version__
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]

    def office(self, office_id: str) -> Office:
        for o in self.offices:
            if o.id == office_id:
                return o
        raise KeyError(office_id)

    def policy_for(self, office_id: str) -> ReminderPolicy:
        override = self.office(office_id).reminders
        if override is None:
            return self.reminders
        changes = {k: v for k, v in override.model_dump().items() if v is not None}
        return ReminderPolicy.model_validate({**self.reminders.model_dump(), **changes})

    def template_folder(self) -> Path:
        """The configured templates folder, else the templates shipped in the package."""
        from pipeline.templates import SHIPPED

        return self.resolve_path(self.templates) if self.templates else SHIPPED

    def resolve_path(self, p: str) -> Path:
        path = Path(p).expanduser()
        return path if path.is_absolute() else self.base_dir / path

    @property
    def store_url(self) -> str:
        """Database URL with a relative SQLite path made relative to the config folder."""
        prefix = "sqlite:///"
        if self.store.startswith(prefix) and not self.store.startswith(prefix + "/"):
            rest = self.store[len(prefix) :]
            if rest and rest != ":memory:":
                return prefix + str(self.resolve_path(rest))
        return self.store

    def missing_secrets(self) -> list[str]:
        """Key paths whose environment variable is named, needed, and not set."""
        missing = []
        if self.smtp.host and self.smtp.password_env and self.smtp.password_env not in os.environ:
            missing.append(
                f"smtp.password_env: environment variable {self.smtp.password_env} is not set"
            )
        for i, o in enumerate(self.offices):
            for j, h in enumerate(o.webhooks):
                if h.secret_env and h.secret_env not in os.environ:
                    missing.append(
                        f"offices[{i}].webhooks[{j}].secret_env: environment variable "
                        f"{h.secret_env} is not set"
                    )
        if self.ack.secret_env and self.ack.secret_env not in os.environ:
            missing.append(f"ack.secret_env: environment variable {self.ack.secret_env} is not set")
        for key in ("secret_env", "token_env"):
            env = getattr(self.web, key)
            if env and env not in os.environ:
                missing.append(f"web.{key}: environment variable {env} is not set")
        return missing
