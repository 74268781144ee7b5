"""`pipeline check` as data: config secrets, templates (rendered on a sample notice),
the desk's settings, the configured documents, and the store — nothing is sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pipeline import ack, lifecycle, logsafe
from pipeline.config import Config
from pipeline.errors import IngestError, PipelineError, TemplateError
from pipeline.ingest import discover, ingest_file
from pipeline.ledger import open_ledger
from pipeline.models import Notice, Reminder, Task
from pipeline.render import Renderer
from pipeline.templates import SHIPPED


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # worth fixing, not failures
    documents: int = 0
    files: int = 0
    skipped: int = 0
    store_failed: bool = False


def sample_notices(config: Config, now: dt.datetime) -> list[Notice]:
    """A representative notice for checking templates."""
    office = config.offices[0]
    task = Task(
        id="sample000000",
        document="sample.txt",
        text="完成示例任务<测试>",
        sentence="力争10月底前完成示例任务<测试>。",
        section="示例 › 章节",
        line=1,
        expr="10月底前",
        due=now.date() + dt.timedelta(days=7),
        kind="month_end",
        strength="力争",
        lead=(office.id,),
    )
    rem = Reminder(
        id="sample-reminder",
        task_id=task.id,
        office=office.id,
        channel="email",
        kind="before-7",
        fire_at=now,
        due=task.due or now.date(),
    )
    key = ack.secret(config)
    hint = ack.hint(config, task.id, office.id, now, key)
    links = ack.message_links(ack.links(config, key), task.id, office.id, rem.id, now)
    return [Notice(rem, task, "示例文件", office.name, (), hint, links)]


def _templates(config: Config, now: dt.datetime, report: CheckReport) -> Renderer:
    """Raises TemplateError when the templates folder or an override cannot be used."""
    renderer = Renderer(
        config.template_folder(),
        {k: config.resolve_path(v) for k, v in config.template_overrides.items()},
        tz=config.tz,
        shipped=SHIPPED,
    )
    notices = sample_notices(config, now)
    office = config.offices[0]
    try:
        renderer.render_email(office, notices, now, to=office.email, cc=())
        for kind in ("generic", "dingtalk", "wecom", "feishu"):
            renderer.render_webhook(kind, office, notices, now, channel=f"webhook:{kind}")
    except TemplateError as exc:
        report.problems.append(f"templates: {exc}")
    return renderer


def _documents(config: Config, report: CheckReport) -> None:
    configured = lifecycle.entries(config.documents, config.resolve_path)
    report.problems += [e.missing_message() for e in lifecycle.missing_entries(configured)]
    files, skipped = discover(e.path for e in configured if e.exists)
    report.files, report.skipped = len(files), len(skipped)
    for path in files:
        try:
            read = ingest_file(path, base_dir=config.base_dir)
        except IngestError as exc:
            report.problems.append(str(exc))
            continue
        report.documents += len(read)
        for doc in read:  # a date known to the year only: worth fixing, not a failure
            report.warnings += [f"{logsafe.one_line(doc.path)}: {w}" for w in doc.warnings]


def run_checks(config: Config, now: dt.datetime) -> CheckReport:
    """Every check; raises TemplateError when no template can be loaded at all."""
    report = CheckReport(problems=list(config.missing_secrets()))
    renderer = _templates(config, now, report)
    from pipeline.web.app import desk_problems  # the desk's web stack only when checking

    report.problems += desk_problems(config, renderer.env)
    _documents(config, report)
    try:
        open_ledger(config.store_url).close()
    except PipelineError as exc:
        report.problems.append(f"store: {exc}")
        report.store_failed = True
    return report
