"""Operator subcommands: status, done, check."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click
from rich.table import Table

from pipeline.checks import run_checks
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
from pipeline.errors import TemplateError
from pipeline.status import STATES, DoneRefused, collect, mark_done


@cli.command()
@click.option("--now", type=DATETIME, help="Judge states as of this time (default: now).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@limit_option(
    "Rows per list (overdue, failed, retrying, missed), most urgent first; 0: all. "
    "Totals are always given."
)
@pass_ctx
@handle_errors
def status(ctx: Context, now: dt.datetime | None, as_json: bool, limit: int) -> None:
    """Tasks by state (overdue / due soon = within 14 days / on track / undated / past = dated
    before its document / done) per office; the overdue tasks with days late and the last
    reminder; failed and retrying deliveries with their last error; missed reminders; owners
    not in the config; documents the last pass could not use; the last (successful) tick and
    whether a daemon is running."""
    data = collect(ctx.config(), ctx.now(now), limit)
    if as_json:
        click.echo(dumps(data))
        return
    _print_offices(data)
    _print_problems(data)


def _count(shown: int, total: int) -> str:
    return str(total) if shown == total else f"{total} (the first {shown} listed; --limit)"


def _print_offices(data: dict[str, Any]) -> None:
    table = Table(title=f"tasks by office as of {data['as_of']}")
    table.add_column("office")
    for s in STATES:
        table.add_column(s, justify="right")
    for oid, c in data["offices"].items():
        table.add_row(f"{c['name']} ({oid})", *(str(c[s]) for s in STATES))
    out.print(table)


def _print_problems(data: dict[str, Any]) -> None:
    for label, key in (("failed deliveries", "failed"), ("retrying", "retrying")):
        rows = data[key]
        if rows:
            click.echo(f"{label}: {_count(len(rows), data[key + '_total'])}")
            for d in rows:
                click.echo(
                    f"  {d['reminder']} {d['office']}/{d['channel']} {d['kind']} task {d['task_id']} "
                    f"after {d['attempts']} attempts: {d['error']}"
                )
    if data["overdue"]:
        click.echo(f"overdue: {_count(len(data['overdue']), data['overdue_total'])}")
        for d in data["overdue"]:
            last = d["last_reminder"]
            seen = f"last reminder {last['kind']} {last['sent_at']}" if last else "no reminder sent"
            click.echo(
                f"  {d['office_name']} ({d['office']}) task {d['task_id']} {d['task']} — "
                f"due {d['due']}, {d['days_late']} days late; {seen}"
            )
    if data["missed"]:
        shown = _count(len(data["missed_reminders"]), data["missed"])
        click.echo(f"missed (fell due beyond the catch-up window): {shown}")
        for d in data["missed_reminders"]:
            click.echo(
                f"  {d['reminder']} {d['office']}/{d['channel']} {d['kind']} "
                f"task {d['task_id']} fell due {d['fire_at']}"
            )
    if data["unknown_owners"]:
        click.echo("owners named in documents but not in config (held by the fallback office):")
        for n, ids in data["unknown_owners"].items():
            click.echo(f"  {n}: {len(ids)} tasks")
    if data["document_problems"]:
        click.echo(
            f"documents the last pass could not use (their tasks are kept): "
            f"{len(data['document_problems'])}"
        )
        for d in data["document_problems"]:
            click.echo(f"  {d['kind']}: {d['detail']} (since {d['since']})")
    last_ok = data["last_successful_tick"] or "never"
    last = data["last_tick"] or "never"
    state = "" if data["last_tick_ok"] in (None, True) else " (failed)"
    click.echo(f"last tick: {last}{state}; last successful tick: {last_ok}")
    click.echo(
        "daemon: "
        + (
            f"running ({data['daemon_worker']})"
            if data["daemon_running"]
            else "not running (no daemon pass recently)"
        )
    )


@cli.command()
@click.argument("task_id", required=False)
@click.option("--office", help="Acknowledge for this office only (default: all its offices).")
@click.option("--token", help="A 办结 link (or its token) from a message, instead of TASK_ID.")
@click.option(
    "--now", type=DATETIME, help="Record the acknowledgement at this time (default: now)."
)
@pass_ctx
@handle_errors
def done(
    ctx: Context,
    task_id: str | None,
    office: str | None,
    token: str | None,
    now: dt.datetime | None,
) -> None:
    """Mark a task done (acknowledged): its reminders stop. TASK_ID may be a unique prefix."""
    config = ctx.config()
    moment = ctx.now(now)
    if token:  # a 办结 (or supervisor's 督办) link from a message, or its token
        from pipeline.cli.desk import done_by_token

        if task_id or office:
            raise click.UsageError("give TASK_ID (with --office) or --token, not both")
        return done_by_token(ctx, token, moment)
    if not task_id:
        raise click.UsageError("give TASK_ID or --token")
    if office is not None and office not in {o.id for o in config.offices}:
        raise click.BadParameter(f"unknown office id {office!r}", param_hint="--office")
    if len(task_id) < 6:
        raise click.BadParameter(
            "give the task id, or at least its first 6 characters", param_hint="TASK_ID"
        )
    try:
        task, cancelled = mark_done(config, task_id, office, moment)
    except DoneRefused as exc:
        raise click.BadParameter(str(exc), param_hint=exc.param) from None
    who = office or ", ".join(task.offices)
    click.echo(
        f"done: {task.id} {task.text} — acknowledged for {who}; {cancelled} reminders cancelled"
    )


@cli.command()
@pass_ctx
@handle_errors
def check(ctx: Context) -> None:
    """Validate config, secrets, templates and documents, and open the ledger; send nothing."""
    config = ctx.config()
    try:
        found = run_checks(config, dt.datetime.now(config.tz))
    except TemplateError as exc:  # a templates folder that does not exist, a bad override
        click.echo(f"problem: {exc}", err=True)
        sys.exit(2)
    for w in found.warnings:
        click.echo(f"warning: {w}", err=True)
    for p in found.problems:
        click.echo(f"problem: {p}", err=True)
    click.echo(
        f"check: config ok, {len(config.offices)} offices, {len(config.routing)} rules; "
        f"{found.documents} documents in {found.files} files ({found.skipped} skipped); "
        f"{len(found.problems)} problems"
    )
    if found.problems:
        # A database failure is a runtime failure, exit 1 as in `tick`; the rest is input, 2.
        sys.exit(1 if found.store_failed else 2)
