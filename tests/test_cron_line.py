"""Issue 10 item 12: the README's cron line works as written on a fresh checkout (no var/),
and what it appends to the log is timestamped line by line."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from .conftest import ROOT

STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def test_the_readme_cron_line_works_on_a_fresh_checkout(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"Cron: `([^`]+)`", readme)
    assert match, "no cron line in the README"
    fields = match.group(1).split(None, 5)
    assert len(fields) == 6 and fields[5].startswith("cd /srv/pipeline ")
    checkout = tmp_path / "pipeline"
    shutil.copytree(
        ROOT,
        checkout,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "var",
            "__pycache__",
            ".pytest_cache",
            ".hypothesis",
            "benchmarks",
            "tests",
        ),
    )
    (checkout / ".venv").symlink_to(ROOT / ".venv")  # the installed program, as cron runs it
    assert not (checkout / "var").exists()
    command = fields[5].replace("/srv/pipeline", str(checkout), 1)
    for _ in range(2):  # the second pass appends to the same log
        proc = subprocess.run(
            ["/bin/sh", "-c", command], capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, (proc.stdout, proc.stderr)
    lines = (checkout / "var" / "tick.log").read_text(encoding="utf-8").splitlines()
    assert sum("tick: " in line for line in lines) == 2, lines
    assert all(STAMP.match(line) for line in lines), lines
