"""Issue 11, start-up: a cron tick where nothing changed and nothing is due loads only what it
uses — no extractor (its compiled grammar), no document parser, no HTTP client, no SMTP,
no PostgreSQL driver. Checked in a fresh process, by what it imported."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

NOW = "2020-01-01T10:00:00+08:00"  # before the seed's deadlines: nothing due yet
HEAVY = (
    "pipeline.extract",
    "pipeline.deadlines.grammar",
    "pipeline.ingest.assemble",
    "pipeline.ingest.text",
    "pipeline.channels.webhook",
    "pipeline.channels.smtp",
    "httpx",
    "psycopg",
    "sqlalchemy.dialects.postgresql",
)


def _tick(project: Path) -> list[str]:
    code = (
        "import json, sys\n"
        "from pipeline.cli.main import main\n"
        f"sys.argv = ['pipeline', '--config', {str(project / 'config.yaml')!r}, 'tick',"
        f" '--now', {NOW!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=project, check=False
    )
    assert done.returncode == 0, done.stderr[-800:]
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_an_idle_tick_loads_no_parser_extractor_or_channel(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "config.yaml", project / "config.yaml")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    first = _tick(project)  # the seed is new: parsed and extracted
    assert "pipeline.extract" in first and "pipeline.ingest.text" in first
    assert _tick(project) == []  # nothing changed, nothing due
