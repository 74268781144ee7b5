"""The CLI end to end, as an operator runs it: real processes, real files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEED, MakeProject

SEED_EXPECTED = [
    (("六大片区控规调整",), "2020-10-31"),
    (("建筑方案设计",), "2020-11-30"),
    (("城垣环境保护及提升工程", "综合管廊及道路工程", "竣工"), "2020-12-31"),
    (("“两院”项目开馆迎宾",), "2020-12-31"),
    (("两个安置区完成群众回迁",), "2020-12-31"),
    (("85%的政务服务事项", "实现“一网通办”"), "2020-12-31"),
    (("新增“一证办”事项150项",), "2020-12-31"),
    (("上线运行300个公民个人高频事项",), "2020-12-31"),
    (("豫一路等7条道路年内通车",), "2020-12-31"),
    (("全年新增绿化面积350万平方米",), "2020-12-31"),
]


def run(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def _check_seed_tasks(tasks: list[dict]) -> None:
    for needles, due in SEED_EXPECTED:
        hits = [t for t in tasks if all(n in t["text"] for n in needles)]
        assert hits, f"no task with {needles}"
        assert any(t["due"] == due for t in hits), (needles, [(t["text"], t["due"]) for t in hits])
    assert len(tasks) >= 10
    assert all(t["offices"] for t in tasks), "every task has an office"
    for key in ("id", "text", "due", "expr", "strength", "section", "offices", "document"):
        assert all(key in t for t in tasks), key


def test_parse_seed_json_with_sidecar_date() -> None:
    proc = run("parse", "--json", str(SEED))
    assert proc.returncode == 0, proc.stderr
    tasks = json.loads(proc.stdout)
    _check_seed_tasks(tasks)
    assert {t["date_basis"] for t in tasks} == {"sidecar"}
    again = json.loads(run("parse", "--json", str(SEED)).stdout)
    assert [t["id"] for t in again] == [t["id"] for t in tasks], "ids are stable across runs"
    t = next(t for t in tasks if "六大片区控规调整" in t["text"])
    assert t["strength"] == "力争" and t["expr"] == "10月底前"
    assert "高代王城遗址板块" in t["section"]


def test_parse_gbk_copy_with_as_of(tmp_path: Path) -> None:
    gbk = tmp_path / "seed-gbk.txt"  # synthetic: the seed transcoded, no sidecar
    gbk.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    proc = run("parse", "--json", "--as-of", "2020-07-31", str(gbk))
    assert proc.returncode == 0, proc.stderr
    tasks = json.loads(proc.stdout)
    _check_seed_tasks(tasks)
    assert {t["date_basis"] for t in tasks} == {"as-of"}


def test_parse_table_output_is_readable() -> None:
    proc = run("parse", str(SEED))
    assert proc.returncode == 0, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if "2020-10-31" in line)
    assert "10月底前" in row and "力争" in row and "六大片区" in row


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("parse", "/nonexistent/plan.txt"), "/nonexistent/plan.txt"),
        (("parse", "--bogus", str(SEED)), "No such option"),
        (("parse", "--as-of", "2020-13-01", str(SEED)), "2020-13-01"),
        (("resolve", "--as-of", "yesterday", "年底前"), "yesterday"),
        (("resolve", "年底前"), "--as-of"),
        (("--config", "/nonexistent/config.yaml", "status"), "/nonexistent/config.yaml"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: tuple[str, ...], needle: str) -> None:
    proc = run(*args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr


def test_undecodable_and_binary_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00\x81\x30" * 50 + b"\x00\x01\x02")
    proc = run("parse", str(bad))
    assert proc.returncode == 2
    assert str(bad) in proc.stderr and "Traceback" not in proc.stderr


def test_folder_with_one_bad_file_continues(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / SEED.name)
    shutil.copy(SEED.parent / (SEED.name + ".meta.yaml"), tmp_path)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    proc = run("parse", "--json", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    _check_seed_tasks(json.loads(proc.stdout))
    assert "broken.docx" in proc.stderr and "summary:" in proc.stderr


def test_resolve_json() -> None:
    proc = run("resolve", "--as-of", "2020-12-10", "--json", "力争3月底前完成，年底前验收")
    assert proc.returncode == 0, proc.stderr
    got = [(d["expr"], d["due"]) for d in json.loads(proc.stdout)]
    assert got == [("3月底前", "2021-03-31"), ("年底前", "2020-12-31")]
    assert all("kind" in d for d in json.loads(proc.stdout))


def test_every_command_has_help() -> None:
    from pipeline.cli import cli

    for name, command in cli.commands.items():
        assert command.help and len(command.help) > 20, name
        proc = run(name, "--help")
        assert proc.returncode == 0 and "Usage:" in proc.stdout, name


def test_operator_flow_tick_status_plan_done(make_project: MakeProject) -> None:
    config = make_project()
    cfg = ("--config", str(config))
    dry = run(*cfg, "tick", "--now", "2020-10-23T09:30", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would send before-7" in dry.stdout
    assert not (config.parent / "var" / "outbox").exists(), "a dry run sends nothing"

    tick = run(*cfg, "tick", "--now", "2020-10-23T09:30")
    assert tick.returncode == 0, tick.stderr
    assert "1 sent" in tick.stdout, tick.stdout
    assert len(list((config.parent / "var" / "outbox").glob("*.eml"))) == 1

    status = json.loads(run(*cfg, "status", "--json", "--now", "2020-10-23T09:30").stdout)
    assert status["offices"]["shangdu"]["due soon"] >= 1
    assert status["failed"] == []

    plan = json.loads(
        run(*cfg, "plan", "--json", "--now", "2020-10-23T09:30", "--limit", "0").stdout
    )
    task_id = next(p["task_id"] for p in plan if p["task"] and "六大片区控规调整" in p["task"])
    assert any(p["kind"] == "before-3" and p["task_id"] == task_id for p in plan)

    done = run(*cfg, "done", task_id[:8])
    assert done.returncode == 0, done.stderr
    assert "reminders cancelled" in done.stdout
    plan = json.loads(
        run(*cfg, "plan", "--json", "--now", "2020-10-23T09:30", "--limit", "0").stdout
    )
    assert all(p["task_id"] != task_id for p in plan)
    unknown = run(*cfg, "done", "ffffffffffff")
    assert unknown.returncode == 2 and "no task" in unknown.stderr


def test_check_reports_bad_config_key(make_project: MakeProject) -> None:
    good = make_project()
    ok = run("--config", str(good), "check")
    assert ok.returncode == 0, ok.stderr
    text = good.read_text(encoding="utf-8").replace("send_at: 09:00", "send_at: '25:00'")
    text = text.replace("send_at: '09:00'", "send_at: '25:00'")
    good.write_text(text, encoding="utf-8")
    bad = run("--config", str(good), "check")
    assert bad.returncode == 2
    assert "reminders.send_at" in bad.stderr and "Traceback" not in bad.stderr


def _huge(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # 100 MB (sparse): refused by size before it is read


@pytest.mark.parametrize(
    ("name", "make", "needle"),
    [
        ("empty.txt", lambda p: p.write_bytes(b""), "empty"),
        ("huge.txt", _huge, "MB"),
        ("binary.txt", lambda p: p.write_bytes(bytes(range(256)) * 40), "binary"),
        (
            "cut.docx",
            lambda p: p.write_bytes(b"PK\x03\x04\x14\x00\x00\x00" + b"\x00" * 64),
            "cut.docx",
        ),
        ("cut.xlsx", lambda p: p.write_bytes(b"PK\x03\x04"), "cut.xlsx"),
    ],
)
def test_bad_documents_are_reported_not_crashed(
    tmp_path: Path, name: str, make, needle: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    make(path)
    proc = run("parse", str(path))
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert str(path) in proc.stderr and needle in proc.stderr
    assert "Traceback" not in proc.stderr


def test_done_refuses_bad_ids_and_offices_with_exit_2(make_project: MakeProject) -> None:
    config = make_project()
    cfg = ("--config", str(config))
    assert run(*cfg, "tick", "--now", "2020-08-01T10:00").returncode == 0
    short = run(*cfg, "done", "ab")
    assert short.returncode == 2 and "first 6 characters" in short.stderr
    plan = json.loads(
        run(*cfg, "plan", "--json", "--now", "2020-08-01T10:00", "--limit", "0").stdout
    )
    task_id = next(p["task_id"] for p in plan if p["task"] and "六大片区控规调整" in p["task"])
    wrong = run(*cfg, "done", task_id, "--office", "jyj")
    assert wrong.returncode == 2 and "not an office of task" in wrong.stderr
    for proc in (short, wrong):
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_seed_without_sidecar_infers_the_year_from_the_text(tmp_path: Path) -> None:
    bare = tmp_path / "seed.txt"  # no sidecar, no --as-of: "“十三五”规划圆满收官" → 2020
    bare.write_bytes(SEED.read_bytes())
    proc = run("parse", "--json", str(bare))
    assert proc.returncode == 0, proc.stderr
    tasks = json.loads(proc.stdout)
    assert {t["date_basis"] for t in tasks} == {"year-only"}
    _check_seed_tasks(tasks)
    assert "year only" in proc.stderr and "十三五" in proc.stderr


def test_a_template_that_does_not_compile_stops_tick(make_project: MakeProject) -> None:
    bad = make_project().parent / "bad.j2"
    bad.write_text("{% if %}broken", encoding="utf-8")
    text = (bad.parent / "config.yaml").read_text(encoding="utf-8")
    (bad.parent / "config.yaml").write_text(
        text.replace(
            "template_overrides: {}", f"template_overrides: {{email_subject.txt.j2: {bad}}}"
        ),
        encoding="utf-8",
    )
    proc = run("--config", str(bad.parent / "config.yaml"), "tick", "--now", "2020-10-23T09:30")
    assert proc.returncode == 2
    assert "email_subject.txt.j2" in proc.stderr and "line 1" in proc.stderr
    assert not (bad.parent / "var" / "outbox").exists()


def test_resolve_shows_impossible_dates_as_invalid() -> None:
    proc = run(
        "resolve", "--as-of", "2020-07-31", "13月底前完成甲项，2月30日前完成乙项，下周五前报送"
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert any(line.startswith("13月底前\t(no date)") and "invalid-date" in line for line in lines)
    assert any(line.startswith("2月30日前\t(no date)") and "invalid-date" in line for line in lines)
    assert any(line.startswith("下周五前\t2020-08-07") for line in lines)
    data = json.loads(run("resolve", "--json", "--as-of", "2020-07-31", "13月底前完成").stdout)
    assert [(d["expr"], d["due"], d["invalid"]) for d in data] == [("13月底前", None, True)]


def test_parse_all_lists_undated_actions_and_past_dates(tmp_path: Path) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text(
        "工作安排\n2019年3月底前完成机构改革。\n加快推进公园建设。\n10月底前完成外墙整治。\n13月底前完成甲项工作。\n",
        encoding="utf-8",
    )
    dated = json.loads(run("parse", "--json", "--as-of", "2020-07-31", str(doc)).stdout)
    assert [(t["due"], t["expr"]) for t in dated] == [
        ("2020-10-31", "10月底前"),
        (None, "13月底前"),
    ]
    assert "invalid-date" in dated[1]["flags"]
    every = json.loads(run("parse", "--all", "--json", "--as-of", "2020-07-31", str(doc)).stdout)
    undated = next(t for t in every if "公园" in t["text"])
    assert undated["due"] is None and "no-date" in undated["flags"]
    past = next(t for t in every if "机构改革" in t["text"])
    assert past["due"] is None and "past" in past["flags"] and "was 2019-03-31" in past["flags"]


def test_a_document_dated_to_the_year_only_is_flagged_by_check_plan_and_tick(
    make_project: MakeProject,
) -> None:
    # A title with a year and no other date: the document date is known to the year only.
    config = make_project(seed=False)
    (config.parent / "docs" / "plan.txt").write_text(
        "区住建局2027年重点工作安排\n一、10月底前，完成背街小巷改造。（责任单位：区住建局）\n",
        encoding="utf-8",
    )
    cfg = ("--config", str(config))
    check = run(*cfg, "check")
    assert check.returncode == 0, check.stderr
    assert "plan.txt" in check.stderr and "year only (2027" in check.stderr, check.stderr
    plan = run(*cfg, "plan", "--now", "2027-03-01T09:00")
    assert plan.returncode == 0, plan.stderr
    assert "plan.txt" in plan.stderr and "year only (2027" in plan.stderr, plan.stderr
    tick = run(*cfg, "tick", "--now", "2027-03-01T09:00")
    assert tick.returncode == 0, tick.stderr
    assert "plan.txt" in tick.stderr and "year only (2027" in tick.stderr, tick.stderr
