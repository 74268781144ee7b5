"""Replicas starting together: one reads and stores the changed documents; a pass that finds
another replica reading them leaves them to it at once (no pass waits on another's reading)
and goes on to deliver; its next pass finds them stored and reads nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import pipeline.readahead as reader_module
from pipeline.config import load_config
from pipeline.report import TickReport
from pipeline.service import Service

from .conftest import MakeProject

NOW = dt.datetime(2026, 3, 2, 1, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_pass_leaves_the_documents_to_the_replica_reading_them(
    make_project: MakeProject,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    backend: str,
) -> None:
    store = str(request.getfixturevalue("pg_url")) if backend == "postgresql" else ""

    def changes(data: dict[str, Any]) -> None:
        data["store"] = store or data["store"]

    config = load_config(make_project(changes))
    reads: Counter[str] = Counter()  # files read, by replica
    real = reader_module.ingest_file
    reader = ["nobody"]  # the replica whose pass is running

    def ingest_file(*args: Any, **kwargs: Any) -> Any:
        reads[reader[0]] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(reader_module, "ingest_file", ingest_file)
    first, second = Service(config, worker="a"), Service(config, worker="b")
    try:
        with first.ledger.reloading() as mine:  # the first replica is reading the documents
            assert mine
            reader[0] = "second"
            left = second.tick(NOW)  # its whole pass, at once: no waiting on the first
            reader[0] = "first"
            read = TickReport()
            first.reload(NOW, read)  # inside its own hold: re-entrant
        assert left.read_elsewhere and "documents read by another replica" in left.summary()
        assert reads["second"] == 0 and left.changed == 0 and left.planned is not None
        assert read.changed > 0 and reads["first"] == read.changed and not read.read_elsewhere
        reader[0] = "second"
        later = second.tick(NOW)  # the lock is free: it reads, finds every hash stored
        assert not later.read_elsewhere and later.changed == 0 and reads["second"] == 0
        assert later.tasks == read.tasks > 0  # it sees the tasks the first stored
    finally:
        first.close()
        second.close()
