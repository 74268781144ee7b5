"""Commands that read documents without the ledger: parse and resolve."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
from rich.progress import Progress
from rich.table import Table

from pipeline.analysis import build_calendar, document_extraction
from pipeline.cli.app import DATE, Context, cli, dumps, err, handle_errors, out, pass_ctx
from pipeline.deadlines import resolve as resolve_text
from pipeline.errors import IngestError
from pipeline.ingest import discover, ingest_file
from pipeline.models import Document, Task
from pipeline.tasks import PastMention


def _task_json(task: Task, doc: Document) -> dict[str, Any]:
    return {
        "id": task.id,
        "text": task.text,
        "due": task.due.isoformat() if task.due else None,
        "expr": task.expr,
        "kind": task.kind,
        "basis": task.basis,
        "strength": task.strength,
        "section": task.section,
        "offices": list(task.offices),
        "lead": list(task.lead),
        "assist": list(task.assist),
        "owner_basis": task.owner_basis,
        "unknown_owners": list(task.unknown_owners),
        "flags": list(task.flags),
        "sentence": task.sentence,
        "line": task.line,
        "document": task.document,
        "document_date": doc.published.isoformat() if doc.published else None,
        "date_basis": doc.date_basis,
    }


def _past_tasks(doc: Document, past: list[PastMention]) -> list[Task]:
    """Dates already past when written, shown (parse --all) as undated rows flagged past."""
    return [
        Task(
            id="-",
            document=doc.key,
            text=p.text,
            sentence=p.text,
            section="",
            line=p.line,
            expr=p.expr,
            due=None,
            kind=None,
            strength="",
            flags=("past", f"was {p.due}"),
        )
        for p in past
    ]


def _task_table(doc: Document, tasks: list[Task]) -> Table:
    dated = sum(1 for t in tasks if t.due)
    table = Table(
        title=f"{doc.title or doc.key} — {doc.published} ({doc.date_basis}) — "
        f"{len(tasks)} tasks, {dated} with deadlines",
        show_lines=False,
    )
    for col in ("id", "due", "expr", "strength", "offices", "task", "flags"):
        table.add_column(col, overflow="fold")
    for t in tasks:
        flags = list(t.flags) + [f"unknown owner: {n}" for n in t.unknown_owners]
        table.add_row(
            t.id,
            str(t.due or "—"),
            t.expr or "",
            t.strength,
            ",".join(t.offices),
            t.text,
            " ".join(flags),
        )
    return table


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--as-of", type=DATE, help="Document date, when no sidecar or front matter gives it.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of tasks.")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Also list actions no deadline governs (no date) and dates already past when the "
    "document was written (flag past: read as reports, never tasks).",
)
@pass_ctx
@handle_errors
def parse(
    ctx: Context, paths: tuple[Path, ...], as_of: dt.date | None, as_json: bool, show_all: bool
) -> None:
    """Show the tasks of documents (files or folders): deadline, strength, offices.

    A folder is searched recursively; a bad file is reported and skipped."""
    config = ctx.config(optional=True)
    cal = build_calendar(config)
    files, skipped = discover(paths)
    results: list[dict[str, Any]] = []
    errors: list[str] = []
    counts: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    show_progress = len(files) > 1 and sys.stderr.isatty()
    with Progress(console=err, transient=True, disable=not show_progress) as progress:
        job = progress.add_task("parsing", total=len(files))
        for path in files:
            progress.update(job, description=str(path.name)[:40])
            try:
                docs = ingest_file(path, as_of=as_of, base_dir=config.base_dir)
            except IngestError as exc:
                errors.append(str(exc))
                progress.advance(job)
                continue
            for doc in docs:
                date = doc.published
                if date is None:
                    date = dt.datetime.now(config.tz).date()
                    errors.append(
                        f"{doc.path}: no document date found; resolved against today "
                        f"{date} (give --as-of or a sidecar)"
                    )
                found = document_extraction(doc, config, date, cal, undated=show_all)
                tasks = found.tasks + (_past_tasks(doc, found.past) if show_all else [])
                counts["documents"] += 1
                counts["tasks"] += len(tasks)
                counts["dated"] += sum(1 for t in tasks if t.due)
                for t in tasks:
                    unknown.update(t.unknown_owners)
                if as_json:
                    results.extend(_task_json(t, doc) for t in tasks)
                else:
                    out.print(_task_table(doc, tasks))
                for w in doc.warnings:
                    err.print(f"warning: {doc.key}: {w}", highlight=False, soft_wrap=True)
            progress.advance(job)
    single = len(paths) == 1 and not paths[0].is_dir()
    if single and not counts["documents"]:
        raise IngestError((errors or [f"{p}: {why}" for p, why in skipped])[0])
    if as_json:
        click.echo(dumps(results))
    for e in errors:
        click.echo(f"warning: {e}", err=True)
    for path, why in skipped:
        click.echo(f"skipped: {path}: {why}", err=True)
    if not single:
        bad = len(skipped) + len([e for e in errors if "no document date" not in e])
        click.echo(_summary(len(files), counts, unknown, bad), err=True)
    if not counts["documents"]:
        sys.exit(2)


@cli.command(name="resolve")
@click.argument("text")
@click.option("--as-of", type=DATE, required=True, help="The document's date.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@pass_ctx
@handle_errors
def resolve_cmd(ctx: Context, text: str, as_of: dt.date, as_json: bool) -> None:
    """Resolve every deadline expression in TEXT against a document date."""
    config = ctx.config(optional=True)
    found = resolve_text(text, as_of, calendar=build_calendar(config), seasons=config.seasons)
    if as_json:
        rows = []
        for d in found:
            row = asdict(d)
            row["due"] = d.due.isoformat() if d.due else None
            row["occurrences"] = [o.isoformat() for o in d.occurrences]
            rows.append(row)
        click.echo(dumps(rows))
        return
    if not found:
        click.echo("no deadline found")
    for d in found:
        flags = [n for n in ("provisional", "ambiguous", "past") if getattr(d, n)]
        if d.invalid:
            flags.append("invalid-date")
        if d.recurring:
            flags.append(f"every {d.recurring}: {len(d.occurrences)} dates")
        click.echo(
            f"{d.expr}\t{d.due or '(no date)'}\t{d.kind}\t{d.basis}\t{' '.join(flags)}".rstrip()
        )


def _summary(files: int, counts: Counter[str], unknown: Counter[str], skipped: int) -> str:
    names = f" ({', '.join(n for n, _ in unknown.most_common(8))})" if unknown else ""
    return (
        f"summary: {files} files, {counts['documents']} documents, {counts['tasks']} tasks "
        f"({counts['dated']} with deadlines), {len(unknown)} unknown owners{names}, "
        f"{skipped} files skipped"
    )
