"""Reading config.yaml: YAML to a validated ``Config``; every error names its key path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from pipeline import yamlsafe
from pipeline.config.model import Config
from pipeline.config.sections import ReminderPolicy
from pipeline.errors import ConfigError


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
    problems = [
        f"offices: duplicate office id {i!r}" for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
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
                f"{source}: ack.url: replaced by web.public_url (links now open the desk)"
            )
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
            problems += (
                _explain(exc, f"{source}: offices[{i}].reminders")
                .replace("reminders: ", "reminders.")
                .splitlines()
            )
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
        data = yamlsafe.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{p}:{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    except ValueError as exc:  # a YAML date such as 2020-13-01
        raise ConfigError(f"{p}: invalid value: {exc} (dates are YYYY-MM-DD)") from None
    return parse_config(data, source=str(p), base_dir=p.resolve().parent)
