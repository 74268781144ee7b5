"""Configuration: YAML validated into typed models.

Every error names the key path (``offices[2].email[0]``) and what was expected.
Secrets are never stored in the file: keys ending in ``_env`` name environment variables.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.errors import ConfigError

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_MMDD = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


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
    seasons: dict[str, str] = {"汛前": "05-31", "汛期前": "05-31", "供暖季前": "11-14", "开学前": "08-31"}
    undated_horizon_days: int | None = Field(default=None, ge=1)
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
            if not _MMDD.match(str(mmdd)):
                raise ValueError(f"{term}: expected MM-DD, got {mmdd!r}")
            try:
                dt.date(2000, int(mmdd[:2]), int(mmdd[3:]))  # a leap year: 02-29 is allowed
            except ValueError:
                raise ValueError(f"{term}: {mmdd!r} is not a day of the year") from None
        return v

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

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
            missing.append(f"smtp.password_env: environment variable {self.smtp.password_env} is not set")
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


def _key_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _explain(exc: ValidationError, source: str) -> str:
    lines = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if p not in ("function-after", "function-before"))
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        elif err["type"] == "missing":
            msg = "required key is missing"
        lines.append(f"{source}: {_key_path(loc)}: {msg}")
    return "\n".join(lines)


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []


def _reference_problems(data: dict[str, Any]) -> list[str]:
    """Office ids that rules or the fallback name but no office defines (on raw data, so
    they are reported together with any type errors)."""
    ids = [str(o.get("id")) for o in _items(data.get("offices")) if isinstance(o, dict)]
    problems = [f"offices: duplicate office id {i!r}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    known = set(ids)
    fallback = data.get("fallback_office")
    if isinstance(fallback, str) and fallback not in known:
        problems.append(f"fallback_office: {fallback!r} is not an office id")
    for i, rule in enumerate(_items(data.get("routing"))):
        for part in ("lead", "assist"):
            for oid in _items(rule.get(part)) if isinstance(rule, dict) else []:
                if oid not in known:
                    problems.append(f"routing[{i}].{part}: unknown office id {oid!r}")
    return problems


def parse_config(data: Any, *, source: str = "config", base_dir: Path | None = None) -> Config:
    """Validate already-loaded YAML data. Raises ConfigError with one line per problem,
    each naming its key path."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping of keys at the top level")
    if "base_dir" in data:
        raise ConfigError(f"{source}: base_dir: unknown key")
    problems = [f"{source}: {p}" for p in _reference_problems(data)]
    if isinstance(data.get("ack"), dict) and "url" in data["ack"]:
        if data["ack"]["url"] is not None:
            problems.append(
                f"{source}: ack.url: replaced by web.public_url (links now open the desk)")
        data = {**data, "ack": {k: v for k, v in data["ack"].items() if k != "url"}}
    try:
        cfg = Config.model_validate({**data, "base_dir": base_dir or Path(".")})
    except ValidationError as exc:
        problems = _explain(exc, source).splitlines() + problems
    else:
        problems += _override_problems(cfg, source)
    if problems:
        raise ConfigError("\n".join(problems))
    return cfg


def _override_problems(cfg: Config, source: str) -> list[str]:
    """Each office's reminder policy, merged with the global one, must be valid too."""
    problems = []
    for i, office in enumerate(cfg.offices):
        if office.reminders is None:
            continue
        changes = {k: v for k, v in office.reminders.model_dump().items() if v is not None}
        try:
            ReminderPolicy.model_validate({**cfg.reminders.model_dump(), **changes})
        except ValidationError as exc:
            problems += _explain(exc, f"{source}: offices[{i}].reminders").replace(
                "reminders: ", "reminders.").splitlines()
    return problems


def load_config(path: str | Path) -> Config:
    """Read and validate a YAML config file. Raises ConfigError."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read config: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: config is not UTF-8 text") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{p}:{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    except ValueError as exc:  # a YAML date such as 2020-13-01
        raise ConfigError(f"{p}: invalid value: {exc} (dates are YYYY-MM-DD)") from None
    return parse_config(data, source=str(p), base_dir=p.resolve().parent)
