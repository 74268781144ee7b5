"""The entry point: the group run with every error made one line and an exit code (the
commands are imported lazily, see ``app.COMMANDS``)."""

from __future__ import annotations

import sys

import click

from pipeline.cli.app import _fail, cli


def main() -> None:
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        _fail("aborted", 130)
    except click.UsageError as exc:  # one line, not click's usage block
        where = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
        _fail(f"{exc.format_message()}{where}", exc.exit_code)
    except click.ClickException as exc:
        _fail(exc.format_message(), exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # last resort: one line, not a traceback
        _fail(f"unexpected {type(exc).__name__}: {exc} (please report this)", 1)
