"""Desk subcommands: serve, simulate, extend, export-ics, hash-password."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter

import click
from rich.table import Table

from pipeline.cli.app import DATE, DATETIME, Context, cli, dumps, handle_errors, out, pass_ctx
from pipeline.desk import simulate as sim
from pipeline.desk.desk import Desk, DeskError
from pipeline.desk.links import ACTION_NAMES, LinkError
from pipeline.errors import ConfigError
from pipeline.service import Service


def _desk(ctx: Context) -> Desk:
    return Desk(Service(ctx.config()))


@cli.command()
@click.option("--listen", metavar="HOST:PORT", help="Address to bind (default: web.listen).")
@click.option(
    "--now",
    type=DATETIME,
    help="Rehearse: the desk's clock starts at this time and runs on (default: now).",
)
@pass_ctx
@handle_errors
def serve(ctx: Context, listen: str | None, now: dt.datetime | None) -> None:
    """Serve the supervision desk (board, task and office pages, answer links, calendars,
    /healthz, /metrics) until SIGTERM or Ctrl-C. Sends nothing: `pipeline run` does."""
    from pipeline.web.server import offset_clock
    from pipeline.web.server import serve as serve_desk

    config = ctx.config()
    if listen is not None and (":" not in listen or not listen.rpartition(":")[2].isdigit()):
        raise click.BadParameter("expected HOST:PORT, e.g. 127.0.0.1:8080", param_hint="--listen")
    clock = offset_clock(config, ctx.now(now)) if now else None
    serve_desk(config, listen=listen, clock=clock)


@cli.command()
@click.option("--from", "start", type=DATE, required=True, help="First day (YYYY-MM-DD).")
@click.option("--to", "end", type=DATE, required=True, help="Last day, included (YYYY-MM-DD).")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print a JSON list: fire_at, office, channel, kind, task_id, due, … per reminder.",
)
@pass_ctx
@handle_errors
def simulate(ctx: Context, start: dt.date, end: dt.date, as_json: bool) -> None:
    """The timeline of every reminder that would go out from --from to --to (day, office,
    channel, kind), with counts per office and week. Documents are read fresh; nothing is
    written to the ledger and nothing is sent."""
    if end < start:
        raise click.BadParameter(f"{end} is before --from {start}", param_hint="--to")
    config = ctx.config()
    desk = _desk(ctx)
    try:
        reminders, tasks = desk.simulate(ctx.now(None), start, end)
    finally:
        desk.service.close()
    tz = config.tz
    if as_json:
        click.echo(dumps([sim.as_json(r, tasks, tz) for r in reminders]))
        return
    table = Table(title=f"{len(reminders)} reminders from {start} to {end}")
    for col in ("when", "office", "channel", "kind", "due", "task"):
        table.add_column(col, overflow="fold")
    for r in reminders:
        t = tasks.get(r.task_id)
        table.add_row(
            r.fire_at.astimezone(tz).strftime("%Y-%m-%d %a %H:%M"),
            r.office,
            r.channel,
            r.kind,
            str(r.due),
            t.text if t else r.task_id,
        )
    out.print(table)
    counts = sim.counts(reminders, tz)
    weeks = sorted({w for c in counts.values() for w in c})
    if weeks:
        summary = Table(title="reminders per office and ISO week")
        summary.add_column("office")
        for w in weeks:
            summary.add_column(w[5:], justify="right")
        summary.add_column("total", justify="right")
        for office, c in counts.items():
            summary.add_row(office, *(str(c.get(w, "")) for w in weeks), str(sum(c.values())))
        out.print(summary)
    per_kind = Counter(r.kind.split("-")[0] for r in reminders)
    click.echo(
        f"{len(reminders)} reminders: {per_kind.get('before', 0)} before the deadline, "
        f"{per_kind.get('overdue', 0)} overdue, {per_kind.get('undated', 0)} undated; "
        f"{len({r.task_id for r in reminders})} tasks, {len(counts)} offices"
    )


@cli.command()
@click.argument("task_id")
@click.option("--to", "to", type=DATE, required=True, help="The new deadline (YYYY-MM-DD).")
@click.option("--reason", required=True, help="Why: kept in the task's history.")
@click.option("--now", type=DATETIME, help="Record it at this time (default: now).")
@pass_ctx
@handle_errors
def extend(ctx: Context, task_id: str, to: dt.date, reason: str, now: dt.datetime | None) -> None:
    """Give a task a new deadline: its reminders are re-planned at once and the change is kept
    in its history (shown on the desk's task page). TASK_ID may be a unique prefix."""
    if len(task_id) < 6:
        raise click.BadParameter(
            "give the task id, or at least its first 6 characters", param_hint="TASK_ID"
        )
    desk = _desk(ctx)
    try:
        try:
            row, stats = desk.extend(task_id, to, reason, ctx.now(now))
        except DeskError as exc:
            raise click.BadParameter(
                str(exc), param_hint="TASK_ID" if "task" in str(exc) else "--to"
            )
        task = desk.ledger.task(row.task_id)
    finally:
        desk.service.close()
    click.echo(
        f"extended: {row.task_id} {task.text if task else ''} — deadline "
        f"{row.old_due or 'none'} → {row.new_due}; reminders re-planned "
        f"(+{stats.added} ~{stats.moved} -{stats.cancelled})"
    )


@cli.command(name="export-ics")
@click.option("--office", "office", required=True, help="Office id.")
@click.option("--now", type=DATETIME, help="Stamp the calendar with this time (default: now).")
@pass_ctx
@handle_errors
def export_ics(ctx: Context, office: str, now: dt.datetime | None) -> None:
    """Write an office's calendar (iCalendar, one event per dated task, with alarms at its
    reminder offsets) to stdout."""
    config = ctx.config()
    if office not in {o.id for o in config.offices}:
        raise click.BadParameter(f"unknown office id {office!r}", param_hint="--office")
    desk = _desk(ctx)
    try:
        body = desk.calendar(office, ctx.now(now))
    finally:
        desk.service.close()
    sys.stdout.buffer.write(body)
    sys.stdout.flush()


@cli.command(name="hash-password")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="The operators' password (asked when not given).",
)
def hash_password(password: str) -> None:
    """Print the argon2 hash of a sign-in password, for web.password_hash."""
    from pipeline.web.auth import hash_password as make

    if len(password) < 8:
        raise click.BadParameter("use 8 characters at least", param_hint="--password")
    click.echo(make(password))


def done_by_token(ctx: Context, token: str, now: dt.datetime) -> None:
    """`pipeline done --token`: a 办结 link of an office, or a supervisor's 督办 link."""
    desk = _desk(ctx)
    try:
        if desk.links is None:
            raise ConfigError("ack.secret_env is not configured or its variable is not set")
        try:
            claim, task = desk.check_link(token, now)
            if claim.action not in ("done", "supervise"):
                raise click.BadParameter(
                    f"this is a {ACTION_NAMES[claim.action]} link, not a 办结 link",
                    param_hint="--token",
                )
            before = {r.id for r in desk.ledger.reminders(task_id=task.id, states=("pending",))}
            _, what = desk.answer(token, {"choice": "done", "note": "pipeline done --token"}, now)
        except LinkError as exc:
            raise click.BadParameter(str(exc), param_hint="--token") from None
        after = {r.id for r in desk.ledger.reminders(task_id=task.id, states=("pending",))}
    finally:
        desk.service.close()
    who = claim.office if claim.action == "done" else ", ".join(task.offices)
    click.echo(
        f"done: {task.id} {task.text} — acknowledged for {who} ({what}); "
        f"{len(before - after)} reminders cancelled"
    )
