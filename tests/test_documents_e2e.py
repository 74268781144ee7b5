"""Documents as offices publish them, through the CLI and the service: mixed folders,
owners from tables mapped to configured offices, re-ingesting unchanged and edited files."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from zoneinfo import ZoneInfo

from pipeline.config import load_config
from pipeline.service import Service

from .conftest import SEED, MakeProject
from .ingest.conftest import build_docx, build_xlsx
from .test_cli import run

TZ = ZoneInfo("Asia/Shanghai")


def _mixed_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    build_docx(folder / "plan.docx")
    (folder / "plan.docx.meta.yaml").write_text("date: 2024-02-20\n", encoding="utf-8")
    build_xlsx(folder / "tasks.xlsx")
    (folder / "tasks.xlsx.meta.yaml").write_text("date: 2021-03-01\n", encoding="utf-8")
    (folder / "notice.html").write_text(
        "<html><head><title>通知</title></head><body><nav>首页 &gt; 政务公开</nav>"
        "<div id='zoom'><h1>关于做好汛前准备的通知</h1><p>发布时间：2023-04-10</p>"
        "<p>各单位要在汛前完成河道清淤，5月底前完成排涝设施检修（责任单位：区农委）。</p></div>"
        "<script>var x = '年底前完成';</script></body></html>",
        encoding="utf-8",
    )
    (folder / "gbk.txt").write_bytes(
        "关于推进老旧小区改造的通知\n\n年底前完成老旧小区改造（牵头单位：区住建局；配合单位：区城管局、海关总署）。\n".encode(
            "gb18030"
        )
    )
    (folder / "gbk.txt.meta.yaml").write_text("date: 2022-06-01\n", encoding="utf-8")
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04truncated")
    return folder


def test_parse_a_mixed_folder(tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path / "docs")
    proc = run("parse", "--json", str(folder))
    assert proc.returncode == 0, proc.stderr
    tasks = json.loads(proc.stdout)
    docs = {t["document"].rsplit("/", 1)[-1] for t in tasks}
    assert {"plan.docx", "tasks.xlsx", "notice.html", "gbk.txt"} <= docs
    # The docx task table: lead and assisting offices mapped by alias, 2024 dates.
    yiwang = next(
        t for t in tasks if "一网通办" in t["text"] and t["document"].endswith("plan.docx")
    )
    assert yiwang["due"] == "2024-06-30" and yiwang["owner_basis"] == "explicit"
    assert yiwang["lead"] == ["zwfw"]
    # The HTML page: its own date, the season term from config, the owner note.
    html = {t["text"]: t for t in tasks if t["document"].endswith("notice.html")}
    assert any(t["due"] == "2023-05-31" for t in html.values()), html
    assert not any("年底前完成" == t["text"] for t in html.values()), "scripts are not text"
    # GBK text: 牵头/配合 mapped, an owner not in config reported and kept.
    gbk = next(t for t in tasks if t["document"].endswith("gbk.txt"))
    assert (gbk["due"], gbk["lead"], gbk["assist"]) == ("2022-12-31", ["zjj"], ["cgj"])
    assert gbk["unknown_owners"] == ["海关总署"]
    assert "broken.xlsx" in proc.stderr and "summary:" in proc.stderr
    assert "unknown owners" in proc.stderr


def test_unknown_owner_is_listed_by_status(make_project: MakeProject) -> None:
    config = make_project(seed=False)
    docs = config.parent / "docs"
    (docs / "a.txt").write_text(
        "通知\n\n年底前完成口岸改革（海关总署、区商务局负责）。\n", encoding="utf-8"
    )
    (docs / "a.txt.meta.yaml").write_text("date: 2020-07-31\n", encoding="utf-8")
    assert run("--config", str(config), "tick", "--now", "2020-08-01T10:00").returncode == 0
    status = json.loads(
        run("--config", str(config), "status", "--json", "--now", "2020-08-01T10:00").stdout
    )
    assert list(status["unknown_owners"]) == ["海关总署"]
    assert status["offices"]["ducha"]["on track"] == 1  # held by the fallback office meanwhile


def test_reingest_unchanged_is_a_noop_and_an_edit_updates_in_place(
    make_project: MakeProject,
) -> None:
    config_path = make_project(lambda data: data["delivery"].update(store_ahead_days=None))
    cfg = load_config(config_path)
    now = dt.datetime(2020, 8, 1, 10, 0, tzinfo=TZ)
    service = Service(cfg, worker="w", rnd=random.Random(1))
    first = service.tick(now)
    assert first.changed == 1
    tasks_before = {t.id: t for t in service.ledger.tasks()}

    again = service.tick(now)
    assert again.changed == 0 and again.planned.added == 0 and again.planned.cancelled == 0

    seed = config_path.parent / "docs" / SEED.name
    seed.write_text(
        seed.read_text(encoding="utf-8").replace(
            "力争10月底前完成六大片区控规调整", "力争11月15日前完成六大片区控规调整"
        ),
        encoding="utf-8",
    )
    edited = service.tick(now)
    assert edited.changed == 1
    tasks_after = {t.id: t for t in service.ledger.tasks()}
    assert tasks_after.keys() == tasks_before.keys(), (
        "stable ids: the edit moved a deadline, nothing new"
    )
    moved = next(t for t in tasks_after.values() if "六大片区控规调整" in t.text)
    assert moved.due == dt.date(2020, 11, 15) and tasks_before[moved.id].due == dt.date(
        2020, 10, 31
    )
    assert edited.planned.added > 0 and edited.planned.cancelled > 0
    pending = [r for r in service.ledger.reminders(states=("pending",)) if r.task_id == moved.id]
    assert pending and all(r.due == dt.date(2020, 11, 15) for r in pending)
    old = [r for r in service.ledger.reminders(task_id=moved.id) if r.due == dt.date(2020, 10, 31)]
    assert old and all(r.state == "cancelled" for r in old)


def test_a_deadline_postponed_after_a_reminder_went_out_is_reminded_again(
    make_project: MakeProject,
) -> None:
    config_path = make_project()
    service = Service(load_config(config_path), worker="w", rnd=random.Random(1))
    t_minus_7 = dt.datetime(2020, 10, 23, 9, 30, tzinfo=TZ)
    assert service.tick(t_minus_7).sent == 1  # the T-7 of 10-31
    seed = config_path.parent / "docs" / SEED.name
    seed.write_text(
        seed.read_text(encoding="utf-8").replace(
            "力争10月底前完成六大片区控规调整", "力争12月底前完成六大片区控规调整"
        ),
        encoding="utf-8",
    )
    service.tick(t_minus_7 + dt.timedelta(hours=1))
    task = next(t for t in service.ledger.tasks() if "六大片区控规调整" in t.text)
    # Its first reminder is more than store_ahead_days (30) away: nothing pending is stored,
    # the task waits for it.
    assert service.ledger.reminders(states=("pending",), task_id=task.id) == []
    deferred = {t.id: at for t, at in service.ledger.iter_deferred()}
    assert deferred[task.id] == dt.datetime(2020, 12, 1, 9, 0, tzinfo=TZ)
    service.tick(dt.datetime(2020, 12, 1, 9, 30, tzinfo=TZ))  # stored and due at once
    new = {r.kind: r for r in service.ledger.reminders(task_id=task.id) if r.due.month == 12}
    assert new["before-30"].state == "sent" and new["before-30"].fire_at.date().day == 1
    assert new["before-7"].state == "pending"
    assert new["before-7"].fire_at.astimezone(TZ).date() == dt.date(2020, 12, 24)
    sent = service.ledger.reminders(states=("sent",), task_id=task.id)
    assert [r.due for r in sent] == [dt.date(2020, 10, 31), dt.date(2020, 12, 31)], "history"


def test_a_removed_document_stops_being_reminded(make_project: MakeProject) -> None:
    config_path = make_project()
    service = Service(load_config(config_path), worker="w", rnd=random.Random(1))
    now = dt.datetime(2020, 8, 1, 10, 0, tzinfo=TZ)
    assert service.tick(now).tasks > 10
    seed = config_path.parent / "docs" / SEED.name
    seed.rename(config_path.parent / "archived.txt")  # out of the watched folder
    report = service.tick(now + dt.timedelta(minutes=5))  # maybe a flaky mount: kept, reported
    assert report.tasks > 10 and report.document_problems
    # absent on a second pass a catch-up window (72 hours) later: gone for good
    report = service.tick(now + dt.timedelta(hours=73))
    assert report.tasks == 0 and service.ledger.tasks() == []
    assert service.ledger.reminders(states=("pending",)) == []
    assert service.tick(dt.datetime(2020, 10, 23, 9, 30, tzinfo=TZ)).sent == 0
    (config_path.parent / "archived.txt").rename(seed)  # put back: watched again
    assert service.tick(now + dt.timedelta(hours=74)).tasks > 10


def test_an_unreadable_file_keeps_its_tasks(make_project: MakeProject) -> None:
    config_path = make_project()
    service = Service(load_config(config_path), worker="w", rnd=random.Random(1))
    now = dt.datetime(2020, 8, 1, 10, 0, tzinfo=TZ)
    before = service.tick(now).tasks
    seed = config_path.parent / "docs" / SEED.name
    seed.write_bytes(b"\xff\xfe\x00\x00" + b"\x00\x81" * 100)  # a broken save
    report = service.tick(now + dt.timedelta(minutes=5))
    assert report.document_problems and len(service.ledger.tasks()) == before


def test_an_undated_document_keeps_its_first_seen_date(make_project: MakeProject) -> None:
    config_path = make_project(seed=False)
    doc = config_path.parent / "docs" / "undated.txt"
    doc.write_text("通知\n\n30日内完成排查整治工作。\n", encoding="utf-8")
    service = Service(load_config(config_path), worker="w", rnd=random.Random(1))
    first = dt.datetime(2020, 10, 1, 10, 0, tzinfo=TZ)
    service.tick(first)
    (task,) = service.ledger.tasks()
    assert task.due == dt.date(2020, 10, 31)
    doc.write_text("通知\n\n30日内完成排查整治工作。另请做好总结。\n", encoding="utf-8")
    service.tick(first + dt.timedelta(days=5))  # edited later: the date is still the first-seen one
    dues = {t.due for t in service.ledger.tasks() if "排查整治" in t.text}
    assert dues == {dt.date(2020, 10, 31)}
