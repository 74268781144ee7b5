"""The command group, its shared options and context, and error handling for every command.

Exit codes: 0 done; 1 a runtime failure (database, unexpected error); 2 bad input
(usage, config, unreadable document, bad date).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import json
import logging
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console

from pipeline import logsafe
from pipeline.errors import ConfigError, IngestError, PipelineError, TemplateError

if TYPE_CHECKING:
    from pipeline.config import Config

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_CONFIG = "config.yaml"
# Used by `parse` and `resolve` when no config file exists: one fallback office.
MINIMAL_CONFIG = {"offices": [{"id": "ducha", "name": "督查室"}], "fallback_office": "ducha"}


class IsoType(click.ParamType):
    """A date or date-time option in ISO 8601."""

    def __init__(self, kind: type[dt.date], name: str, what: str) -> None:
        self.kind, self.name, self.what = kind, name, what

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, self.kind):
            return value
        try:
            return self.kind.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not {self.what}", param, ctx)


def _fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def handle_errors(func: F) -> F:
    """Map library errors to one stderr line and an exit code: never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ConfigError, IngestError, TemplateError) as exc:
            _fail(str(exc), 2)
        except PipelineError as exc:
            _fail(str(exc), 1)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:  # `pipeline status | head`: the reader has what it wanted
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as exc:
            _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "), 1)

    return wrapper  # type: ignore[return-value]


class Context:
    def __init__(self, config_path: str | None) -> None:
        self.config_path = config_path
        self._config: Config | None = None

    def config(self, *, optional: bool = False) -> Config:
        from pipeline.config import load_config, parse_config  # pydantic: only when needed

        if self._config is None:
            path = self.config_path or DEFAULT_CONFIG
            if self.config_path is None and optional and not Path(path).exists():
                self._config = parse_config(MINIMAL_CONFIG, source="(built-in)")
            else:
                self._config = load_config(path)
        return self._config

    def now(self, value: dt.datetime | None) -> dt.datetime:
        tz = self.config().tz
        if value is None:
            return dt.datetime.now(tz)
        return value if value.tzinfo else value.replace(tzinfo=tz)


pass_ctx = click.make_pass_decorator(Context)


# Each command and the module that defines it: a module is imported only when its command
# runs (or help lists them), so `pipeline --version` and a cron `tick` load only what they use.
COMMANDS = {
    "parse": "pipeline.cli.documents",
    "resolve": "pipeline.cli.documents",
    "tick": "pipeline.cli.commands",
    "run": "pipeline.cli.commands",
    "plan": "pipeline.cli.commands",
    "status": "pipeline.cli.ops",
    "done": "pipeline.cli.ops",
    "check": "pipeline.cli.ops",
    "serve": "pipeline.cli.desk",
    "simulate": "pipeline.cli.desk",
    "extend": "pipeline.cli.desk",
    "export-ics": "pipeline.cli.desk",
    "hash-password": "pipeline.cli.desk",
}


class LazyGroup(click.Group):
    """A group whose commands are imported from their modules when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(COMMANDS[cmd_name])  # registers it on `cli`
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    envvar="PIPELINE_CONFIG",
    type=click.Path(dir_okay=False),
    help="Config file (default: ./config.yaml, or $PIPELINE_CONFIG).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="pipeline")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, verbose: int) -> None:
    """Turn deadlines in government work plans into dated, owned tasks and remind the
    responsible offices in time."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr
    )
    logsafe.install()  # no secret and no line break from any logger reaches the log
    ctx.obj = Context(config_path)


DATE = IsoType(dt.date, "YYYY-MM-DD", "a date (expected YYYY-MM-DD)")
DATETIME = IsoType(dt.datetime, "ISO8601", "a date-time (expected e.g. 2020-10-24T09:30)")


def limit_option(help: str) -> Callable[[F], F]:
    """``--limit N`` (default 50, 0: all) for commands that list rows."""
    return click.option(
        "--limit", type=click.IntRange(min=0), default=50, show_default=True, help=help
    )


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


# Consoles for tables (stdout) and progress/warnings (stderr).
out = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)
