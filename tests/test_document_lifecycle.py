"""Issue 10, items 1–3 and 10: a configured document that cannot be read keeps its tasks and
is reported; a missing `documents:` path is an error and retires nothing; a renamed document
keeps its task ids, acknowledgements and reminder ids; `status` says what needs attention.
Through the CLI on real files and a real SQLite ledger."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from .conftest import SEED, MakeProject
from .test_cli import run

SEND_AT = "2020-10-23T09:30"  # reminders of the seed fall due then


def _cli(config: Path, *args: str) -> Any:
    return run("--config", str(config), *args)


def _plan_ids(config: Path, now: str) -> set[str]:
    proc = _cli(config, "plan", "--json", "--limit", "0", "--now", now)
    assert proc.returncode == 0, proc.stderr
    return {r["task_id"] for r in json.loads(proc.stdout)}


def _status(config: Path, now: str, *more: str) -> dict[str, Any]:
    proc = _cli(config, "status", "--json", "--now", now, *more)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _sent_messages(config: Path) -> int:
    outbox = config.parent / "var" / "outbox"
    return sum(1 for p in outbox.rglob("*") if p.is_file()) if outbox.exists() else 0


def test_an_unreadable_document_keeps_its_tasks_is_an_error_and_recovers(
    make_project: MakeProject,
) -> None:
    config = make_project()
    seed = config.parent / "docs" / SEED.name
    first = _cli(config, "tick", "--now", "2020-08-01T10:00")
    assert first.returncode == 0, first.stderr
    tasks = _plan_ids(config, "2020-08-01T10:00")
    assert len(tasks) >= 5
    original = seed.read_bytes()
    sidecar = seed.with_name(seed.name + ".meta.yaml")
    sidecar_text = sidecar.read_text(encoding="utf-8")
    broken = {
        "missing": lambda: seed.unlink(),  # a network mount that is briefly away
        "junk": lambda: seed.write_bytes(b"\x00\xff" * 500),  # replaced by binary junk
        "sidecar": lambda: sidecar.write_text("date: [unclosed\n", encoding="utf-8"),
    }
    for n, (how, breaks) in enumerate(broken.items()):
        breaks()
        proc = _cli(config, "tick", "--now", f"2020-08-01T1{n + 1}:00")
        assert proc.returncode == 1, (how, proc.stdout, proc.stderr)
        assert "error:" in proc.stderr and SEED.name in proc.stderr, (how, proc.stderr)
        assert _plan_ids(config, f"2020-08-01T1{n + 1}:05") == tasks, how
        status = _status(config, f"2020-08-01T1{n + 1}:05")
        assert [p["path"] for p in status["document_problems"]] == [str(seed)], how
        text = _cli(config, "status", "--now", f"2020-08-01T1{n + 1}:05").stdout
        assert "could not use" in text and SEED.name in text, how
        seed.write_bytes(original)
        sidecar.write_text(sidecar_text, encoding="utf-8")
        back = _cli(config, "tick", "--now", f"2020-08-01T1{n + 1}:30")
        assert back.returncode == 0, (how, back.stderr)
        assert _plan_ids(config, f"2020-08-01T1{n + 1}:35") == tasks, how
        assert _status(config, f"2020-08-01T1{n + 1}:35")["document_problems"] == [], how


def test_a_file_gone_from_a_watched_folder_retires_only_after_the_catch_up_window(
    make_project: MakeProject,
) -> None:
    config = make_project()
    seed = config.parent / "docs" / SEED.name
    assert _cli(config, "tick", "--now", "2020-08-01T10:00").returncode == 0
    tasks = _plan_ids(config, "2020-08-01T10:00")
    shutil.move(seed, config.parent / "elsewhere.txt")
    assert _cli(config, "tick", "--now", "2020-08-02T10:00").returncode == 1
    assert _cli(config, "tick", "--now", "2020-08-03T10:00").returncode == 1
    assert _plan_ids(config, "2020-08-03T10:00") == tasks  # 48 h < 72 h: kept
    last = _cli(config, "tick", "--now", "2020-08-05T10:01")  # absent for 72 h: retired
    assert last.returncode == 0, last.stderr
    assert _plan_ids(config, "2020-08-05T10:05") == set()


def test_a_missing_documents_path_is_a_check_error_and_retires_nothing(
    make_project: MakeProject,
) -> None:
    config = make_project()
    assert _cli(config, "tick", "--now", "2020-08-01T10:00").returncode == 0
    tasks = _plan_ids(config, "2020-08-01T10:00")
    assert _cli(config, "check").returncode == 0
    # the operator mistypes the folder
    text = config.read_text(encoding="utf-8").replace("- docs\n", "- dcos\n")
    assert "dcos" in text
    config.write_text(text, encoding="utf-8")
    check = _cli(config, "check")
    assert check.returncode == 2
    assert "documents[0]" in check.stderr and "dcos" in check.stderr
    proc = _cli(config, "tick", "--now", "2020-08-01T10:10")
    assert proc.returncode == 1 and "documents[0]" in proc.stderr and "dcos" in proc.stderr
    assert _plan_ids(config, "2020-08-01T10:10") == tasks
    # a second, missing path next to a good one: still an error, the good one still read
    config.write_text(text.replace("- dcos\n", "- docs\n- plans/2021.docx\n"), encoding="utf-8")
    check = _cli(config, "check")
    assert check.returncode == 2 and "documents[1]: plans/2021.docx does not exist" in check.stderr
    assert _plan_ids(config, "2020-08-01T10:20") == tasks


def test_a_renamed_document_keeps_its_tasks_acknowledgements_and_sent_reminders(
    make_project: MakeProject,
) -> None:
    config = make_project()
    first = _cli(config, "tick", "--now", SEND_AT)
    assert first.returncode == 0, first.stderr
    sent = _sent_messages(config)
    assert sent > 0
    ack = sorted(_plan_ids(config, SEND_AT))[0]
    assert _cli(config, "done", ack, "--now", SEND_AT).returncode == 0
    before = _status(config, SEND_AT)["offices"]
    docs = config.parent / "docs"
    moved = docs / "2020" / "政府全体会议.txt"
    moved.parent.mkdir()
    (docs / SEED.name).rename(moved)
    (docs / (SEED.name + ".meta.yaml")).rename(moved.with_name(moved.name + ".meta.yaml"))
    again = _cli(config, "tick", "--now", "2020-10-23T09:40")
    assert again.returncode == 0, again.stderr
    resent = _sent_messages(config) - sent
    assert resent == 0, f"{resent} messages sent again under new ids (of {sent})"
    assert _status(config, "2020-10-23T09:40")["offices"] == before  # the ack holds
    assert ack not in _plan_ids(config, "2020-10-23T09:40")
    # and on later passes, under its new name
    assert _cli(config, "tick", "--now", "2020-10-23T09:50").returncode == 0
    assert _status(config, "2020-10-23T09:50")["offices"] == before
    assert _sent_messages(config) == sent


def test_status_lists_overdue_tasks_missed_reminders_and_the_last_tick(
    make_project: MakeProject,
) -> None:
    config = make_project()
    assert _cli(config, "tick", "--now", SEND_AT).returncode == 0
    # a month later, after downtime: reminders fell due beyond the catch-up window
    assert _cli(config, "tick", "--now", "2021-03-01T09:30").returncode == 0
    status = _status(config, "2021-03-01T09:30")
    assert status["overdue"], "no overdue task listed"
    row = status["overdue"][0]
    assert set(row) >= {"office", "task", "due", "days_late", "last_reminder"}
    assert row["days_late"] > 0 and row["task"]
    assert any(o["last_reminder"] for o in status["overdue"])
    assert status["missed"] > 50, "the test needs more missed reminders than the default limit"
    assert len(status["missed_reminders"]) == 50  # `--limit` 50 by default, the newest first
    fired = [m["fire_at"] for m in status["missed_reminders"]]
    assert fired == sorted(fired, reverse=True)
    assert status["overdue_total"] >= len(status["overdue"])
    days = [o["days_late"] for o in status["overdue"]]
    assert days == sorted(days, reverse=True)  # the most late first
    everything = _status(config, "2021-03-01T09:30", "--limit", "0")
    assert len(everything["missed_reminders"]) == everything["missed"] == status["missed"]
    assert len(everything["overdue"]) == everything["overdue_total"] == status["overdue_total"]
    assert status["last_successful_tick"] is not None
    assert status["daemon_running"] is False
    text = _cli(config, "status", "--now", "2021-03-01T09:30").stdout
    assert "days late" in text and "last successful tick:" in text and "daemon: not running" in text
