"""`pipeline parse` over the whole shared corpus of real documents, as an operator runs it."""

from __future__ import annotations

import json
import re

import pytest

from .ingest.test_corpus import CORPUS
from .test_cli import run

pytestmark = pytest.mark.corpus


def test_parse_the_whole_corpus_without_a_crash() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (set PIPELINE_CORPUS to run this test)")
    proc = run("parse", "--json", str(CORPUS))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    tasks = json.loads(proc.stdout)
    summary = next(line for line in proc.stderr.splitlines() if line.startswith("summary:"))
    m = re.search(r"(\d+) files, (\d+) documents, (\d+) tasks \((\d+) with deadlines\)", summary)
    assert m, summary
    files, documents, total, dated = map(int, m.groups())
    assert documents >= 200 and total == len(tasks) and dated == sum(1 for t in tasks if t["due"])
    assert dated > 1000
    assert all(t["offices"] for t in tasks), "no task is unowned"
    assert all(t["due"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", t["due"]) for t in tasks)
    print(f"\n{summary}")
