"""Replicas starting together: one reads and stores the changed documents while the others
wait for the ledger's reload lock, then find them stored and read nothing."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import pipeline.service as service_module
from pipeline.config import load_config
from pipeline.report import TickReport
from pipeline.service import Service

from .conftest import MakeProject

NOW = dt.datetime(2026, 3, 2, 1, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_replica_that_waited_reads_no_document_the_other_stored(
    make_project: MakeProject,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    backend: str,
) -> None:
    store = str(request.getfixturevalue("pg_url")) if backend == "postgresql" else ""

    def changes(data: dict[str, Any]) -> None:
        data["store"] = store or data["store"]

    config = load_config(make_project(changes))
    reads: Counter[str] = Counter()  # files read, by thread
    real = service_module.ingest_file

    def ingest_file(*args: Any, **kwargs: Any) -> Any:
        reads[threading.current_thread().name] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(service_module, "ingest_file", ingest_file)
    first, second = Service(config, worker="a"), Service(config, worker="b")
    try:
        waited = TickReport()
        other = threading.Thread(target=second.reload, args=(NOW, waited), name="second")
        with first.ledger.reloading():  # the first replica is reading the documents
            other.start()
            time.sleep(0.5)  # every chance for the second to read them too
            read = TickReport()
            first.reload(NOW, read)
        other.join(30)
        assert not other.is_alive()
        assert read.changed > 0 and reads["MainThread"] == read.changed
        assert reads["second"] == 0 and waited.changed == 0
        assert waited.tasks == read.tasks > 0  # it sees the tasks the first stored
    finally:
        first.close()
        second.close()
