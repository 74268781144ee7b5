"""The operator commands that run the reminders: tick, run, plan (see ``pipeline --help``)."""

from __future__ import annotations

import datetime as dt
import sys
import time
from typing import Any

import click
from rich.table import Table

from pipeline import logsafe
from pipeline.cli.app import DATETIME, Context, cli, dumps, handle_errors, out, pass_ctx
from pipeline.errors import ConfigError
from pipeline.models import Reminder, Task
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
    configured document is missing or unreadable (its tasks are kept as they were)."""
    if not dry_run:
        _require_secrets(ctx)
    service = _service(ctx)
    try:
        moment = ctx.now(now)
        report = service.dry_run(moment) if dry_run else service.tick(moment)
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


def _reminder_json(r: Reminder, tasks: dict[str, Task]) -> dict[str, Any]:
    t = tasks.get(r.task_id)
    return {
        "id": r.id,
        "fire_at": r.fire_at.isoformat(),
        "kind": r.kind,
        "office": r.office,
        "channel": r.channel,
        "cc": list(r.cc),
        "due": r.due.isoformat(),
        "task_id": r.task_id,
        "task": t.text if t else None,
    }


@cli.command(name="plan")
@click.option("--now", type=DATETIME, help="Plan as of this time (ISO 8601; default: now).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("--limit", type=int, default=50, show_default=True, help="Rows to show (0: all).")
@pass_ctx
@handle_errors
def plan_cmd(ctx: Context, now: dt.datetime | None, as_json: bool, limit: int) -> None:
    """Upcoming reminders: when, task, office, channel, kind (nothing is sent or changed)."""
    service = _service(ctx)
    try:
        moment = ctx.now(now)
        report = TickReport(dry_run=True)
        reminders, tasks = service.preview(moment, report)
    finally:
        service.close()
    _print_errors(report)
    upcoming = [r for r in reminders if r.fire_at >= moment or r.fire_at.date() == moment.date()]
    soon = {r.id for r in upcoming}
    overdue_sends = [r for r in reminders if r.id not in soon]
    shown = upcoming if not limit else upcoming[:limit]
    by_id = {t.id: t for t in tasks}
    if as_json:
        click.echo(dumps([_reminder_json(r, by_id) for r in shown]))
        return
    table = Table(title=f"{len(upcoming)} upcoming reminders (showing {len(shown)})")
    for col in ("when", "kind", "office", "channel", "due", "task"):
        table.add_column(col, overflow="fold")
    tz = ctx.config().tz
    for r in shown:
        t = by_id.get(r.task_id)
        table.add_row(
            r.fire_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
            r.kind,
            r.office,
            r.channel,
            str(r.due),
            t.text if t else r.task_id,
        )
    out.print(table)
    if overdue_sends:
        click.echo(
            f"{len(overdue_sends)} reminders are already due and unsent: `pipeline tick` sends "
            f"those within the catch-up window."
        )
