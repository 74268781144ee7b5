"""The operator commands that run the reminders: tick, run, plan (see ``pipeline --help``)."""

from __future__ import annotations

import datetime as dt
import itertools
import sys
import time
from collections.abc import Iterable
from typing import Any

import click
from rich.table import Table

from pipeline import logsafe
from pipeline.cli.app import (
    DATETIME,
    Context,
    cli,
    dumps,
    handle_errors,
    limit_option,
    out,
    pass_ctx,
)
from pipeline.errors import ConfigError
from pipeline.models import Reminder
from pipeline.service import Service, TickReport


def _require_secrets(ctx: Context) -> None:
    """Refuse to send half-configured: every secret the config needs must be set."""
    config = ctx.config()
    problems = config.missing_secrets()
    if problems:
        source = ctx.config_path or "config.yaml"
        raise ConfigError("\n".join(f"{source}: {p} (refusing to start)" for p in problems))


def _service(ctx: Context) -> Service:
    return Service(ctx.config())


def _stamped(line: str) -> str:
    """A line of `tick` output with the wall-clock time in front, as the log lines have it
    (cron appends every pass to one file)."""
    return f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}"


def _print_errors(report: TickReport) -> None:
    for e in [*report.warnings, *report.errors]:
        click.echo(_stamped(f"warning: {logsafe.one_line(e)}"), err=True)
    for e in report.document_problems:
        click.echo(_stamped(f"error: {e}"), err=True)


@cli.command()
@click.option("--now", type=DATETIME, help="Pretend it is this time (ISO 8601; default: now).")
@click.option(
    "--dry-run", is_flag=True, help="Show what is due without sending or changing any reminder."
)
@pass_ctx
@handle_errors
def tick(ctx: Context, now: dt.datetime | None, dry_run: bool) -> None:
    """One pass for cron: ingest changed documents, plan, send what is due, record.

    Exits 0 when the pass ran, even if some sends failed (they stay in the ledger); 1 when a
    configured document is missing or unreadable (its tasks are kept as they were). A pass
    that finds another replica reading the documents leaves them to it (its line says so)
    and does not look at them: it exits 0."""
    if not dry_run:
        _require_secrets(ctx)
    service = _service(ctx)
    try:
        moment = ctx.now(now)
        if dry_run:
            from pipeline.upcoming import dry_run as would_send

            report = would_send(service, moment)
        else:
            report = service.tick(moment)
    finally:
        service.close()
    _print_errors(report)
    for r in report.would_send:
        click.echo(f"would send {r.kind} of task {r.task_id} to {r.office} via {r.channel}")
    click.echo(_stamped(report.summary()))
    if report.document_problems:  # documents kept as they were: say so with the exit status
        sys.exit(1)


@cli.command()
@pass_ctx
@handle_errors
def run(ctx: Context) -> None:
    """Run the daemon: a tick every daemon.tick_seconds, documents re-read every
    daemon.reload_seconds; with web.enabled it serves the desk too. Stops cleanly on
    SIGTERM or Ctrl-C."""
    from pipeline.daemon import run_daemon

    _require_secrets(ctx)
    if ctx.config().web.enabled:  # the desk in the same process, one worker
        from pipeline.web.server import serve

        return serve(ctx.config(), with_daemon=True)
    run_daemon(ctx.config())


def _reminder_json(r: Reminder, text: str | None) -> dict[str, Any]:
    return {
        "id": r.id,
        "fire_at": r.fire_at.isoformat(),
        "kind": r.kind,
        "office": r.office,
        "channel": r.channel,
        "cc": list(r.cc),
        "due": r.due.isoformat(),
        "task_id": r.task_id,
        "task": text,
    }


@cli.command(name="plan")
@click.option("--now", type=DATETIME, help="Plan as of this time (ISO 8601; default: now).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list (streamed).")
@limit_option("Rows to show (0: all).")
@pass_ctx
@handle_errors
def plan_cmd(ctx: Context, now: dt.datetime | None, as_json: bool, limit: int) -> None:
    """Upcoming reminders from today on, by time: when, kind, office, channel, task. Documents
    changed since the last tick are planned as they read now, and so are tasks whose first
    reminder is further away than delivery.store_ahead_days (not stored yet); nothing is sent
    or changed."""
    from pipeline.upcoming import upcoming

    service = _service(ctx)
    try:
        moment = ctx.now(now)
        report = TickReport(dry_run=True)
        tz = ctx.config().tz
        today = dt.datetime.combine(moment.astimezone(tz).date(), dt.time(), tzinfo=tz)
        ahead = upcoming(service, moment, report, start=today)
        _print_errors(report)
        shown = itertools.islice(ahead.rows, limit or None)
        if as_json:
            _stream_json(_reminder_json(r, text) for r, text in shown)
            return
        _print_plan(ahead.total, list(shown), tz, ahead.later)
    finally:
        service.close()
    if ahead.earlier:
        click.echo(
            f"{ahead.earlier} reminders are already due and unsent: `pipeline tick` sends "
            f"those within the catch-up window."
        )


def _stream_json(items: Iterable[dict[str, Any]]) -> None:
    """A JSON list written an item at a time: `plan --json --limit 0` of a million reminders
    never holds them all."""
    sys.stdout.write("[")
    for n, item in enumerate(items):
        sys.stdout.write(("," if n else "") + "\n  " + dumps(item).replace("\n", "\n  "))
    sys.stdout.write("\n]\n")
    sys.stdout.flush()


def _print_plan(
    total: int, shown: list[tuple[Reminder, str | None]], tz: dt.tzinfo, later: int
) -> None:
    if later:  # planned here, in time order among the stored ones, not counted
        title = f"{total} upcoming reminders stored, more planned (showing {len(shown)})"
    else:
        title = f"{total} upcoming reminders (showing {len(shown)})"
    table = Table(title=title)
    for col in ("when", "kind", "office", "channel", "due", "task"):
        table.add_column(col, overflow="fold")
    for r, text in shown:
        table.add_row(
            r.fire_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
            r.kind,
            r.office,
            r.channel,
            str(r.due),
            text or r.task_id,
        )
    out.print(table)
    if later:
        click.echo(
            f"Also listed: the reminders of {later} tasks whose first one is further away than "
            "delivery.store_ahead_days; a tick stores them when they come near."
        )
