"""Issue 10 item 14, the smaller items, through the CLI on real files: control characters
never reach a message, a newline in a file name cannot split a log line, `done --token`
with `--office` is refused, `check` and `tick` share the exit code of a database failure,
and the README's commands table lists every option the README uses (and only real ones)."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path

import click

from pipeline.cli import cli

from .conftest import ROOT, MakeProject
from .test_cli import run

STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def test_control_characters_in_task_text_never_reach_a_message(make_project: MakeProject) -> None:
    config = make_project(seed=False)
    docs = config.parent / "docs"
    (docs / "rlo.txt").write_text(
        "关于近期重点工作的通知\n\n10月30日前完成\u202e改造验收\u200b工作\x1b[31m（责任单位：区发展改革委）。\n",
        encoding="utf-8",
    )
    (docs / "rlo.txt.meta.yaml").write_text("date: 2020-10-01\n", encoding="utf-8")
    proc = run("--config", str(config), "tick", "--now", "2020-10-23T09:30")
    assert proc.returncode == 0, proc.stderr
    mails = list((config.parent / "var" / "outbox").rglob("*.eml"))
    assert mails, "nothing was sent"
    for path in mails:
        mail = message_from_bytes(path.read_bytes(), policy=policy.default)
        text = mail.get_body(("plain",)).get_content()
        assert "改造验收" in text
        assert not CONTROL.search(text), repr(CONTROL.search(text))
        assert not CONTROL.search(str(mail["Subject"]))


def test_a_newline_in_a_file_name_cannot_split_a_log_line(make_project: MakeProject) -> None:
    config = make_project(seed=False)
    docs = config.parent / "docs"
    (docs / "plan\nERROR forged line.txt").write_text(
        "通知\n\n年底前完成道路整修（责任单位：区住建局）。\n", encoding="utf-8"
    )
    (docs / "junk\nWARNING forged too.docx").write_bytes(b"PK\x03\x04 not a zip")
    proc = run("--config", str(config), "-vv", "tick", "--now", "2020-10-23T09:30")
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line]
    assert any("forged line" in line for line in lines)
    assert any("forged too" in line for line in lines)
    assert all(STAMP.match(line) for line in lines), [x for x in lines if not STAMP.match(x)]


def test_done_with_a_token_for_one_office_and_office_for_another_is_refused(
    make_project: MakeProject,
) -> None:
    config = make_project()
    proc = run("--config", str(config), "done", "--token", "x.y", "--office", "fgw")
    assert proc.returncode == 2 and "not both" in proc.stderr and "Traceback" not in proc.stderr


def test_check_and_tick_share_the_exit_code_of_a_database_failure(
    make_project: MakeProject, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    config = make_project(lambda d: d.update(store=f"sqlite:///{blocker}/ledger.db"))
    check = run("--config", str(config), "check")
    tick = run("--config", str(config), "tick", "--now", "2020-10-23T09:30")
    assert "ledger" in check.stderr and "ledger" in tick.stderr
    assert check.returncode == tick.returncode == 1, (check.stderr, tick.stderr)


def _table() -> dict[str, set[str]]:
    rows: dict[str, set[str]] = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| `pipeline (?:\[--config PATH\] )?([a-z-]+)([^`]*)`", line)
        if m:
            rows.setdefault(m.group(1), set()).update(re.findall(r"--[a-z-]+", m.group(2)))
    return rows


def test_the_readme_commands_table_lists_every_option_the_readme_uses() -> None:
    table = _table()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    used: set[tuple[str, str]] = set()
    for line in readme.splitlines():
        if line.startswith("|"):
            continue
        for m in re.finditer(r"pipeline ([a-z-]+)((?: +(?:--[a-z-]+|[^\s`#|-][^\s`|]*))*)", line):
            used |= {(m.group(1), opt) for opt in re.findall(r"--[a-z-]+", m.group(2))}
    assert used, "no command lines found in the README"
    missing = sorted(f"{cmd} {opt}" for cmd, opt in used if opt not in table.get(cmd, set()))
    assert missing == []
    for cmd, options in table.items():  # and the table names only options that exist
        command = cli.get_command(click.Context(cli), cmd)
        assert command is not None, cmd
        real = {o for p in command.params for o in p.opts if o.startswith("--")}
        assert options <= real, (cmd, options - real)
