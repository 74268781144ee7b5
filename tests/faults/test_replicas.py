"""Replicas: several real processes ticking at once against one ledger and one SMTP sink.

300 tasks due at one moment, one message per reminder (digest off), 20 reminders claimed
per tick. All processes start at the same moment; each runs `Service.tick(now)` until a
tick that read the documents (no other replica was reading them) claims nothing. The sink
must hold exactly 300 distinct Message-IDs, each once: none lost, none twice; the document
is read by one replica only (the others find the reload lock taken and leave it to that
one, then find it stored), and no replica plans it again after it first read the documents
(planning is not repeated by every replica on every tick).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import load_config
from pipeline.ledger import open_ledger

from ..conftest import SmtpSink, run_together
from .conftest import NOW, ROOT, message_ids

REMINDERS = 300
WORKER = Path(__file__).with_name("worker.py")


def _project(
    fault_project: Callable[..., Path], port: int, store: str | None, reminders: int = REMINDERS
) -> Path:
    def changes(data: dict[str, Any]) -> None:
        data["delivery"].update(batch=20, lease_seconds=300)
        if store:
            data["store"] = store

    return fault_project(reminders, smtp_port=port, digest=False, changes=changes)


def run_replicas(config: Path, count: int, tmp_path: Path) -> tuple[list[dict[str, Any]], float]:
    """Start `count` replica processes, release them at once, collect their summaries."""
    go = tmp_path / "go"
    commands = [
        [str(WORKER), "replica", str(config), f"w{i}", NOW.isoformat(), str(go)]
        for i in range(count)
    ]
    t0 = time.monotonic()
    results = run_together(commands, go, cwd=ROOT)
    return results, time.monotonic() - t0


def _check(
    config: Path,
    sink: SmtpSink,
    results: list[dict[str, Any]],
    seconds: float,
    label: str,
    reminders: int = REMINDERS,
) -> None:
    counts = message_ids(sink.messages)
    duplicates = sum(n - 1 for n in counts.values())
    with open_ledger(load_config(config).store_url) as ledger:
        rows = ledger.reminders()
        attempts = ledger.attempts()
        documents = len(ledger.documents())
    expected = {f"<{r.id}@pipeline>" for r in rows}
    lost = len(expected - set(counts))
    per_worker = Counter(a.worker for a in attempts)
    print(
        f"\n{label}: {len(results)} processes, {len(sink.messages)} messages, {len(counts)} distinct, "
        f"{duplicates} duplicates, {lost} lost in {seconds:.1f}s; sent per worker {dict(per_worker)}; "
        f"ticks {[r['ticks'] for r in results]}"
    )
    assert len(rows) == reminders
    assert sum(r["errors"] != [] for r in results) == 0, [r["errors"] for r in results]
    assert duplicates == 0 and lost == 0
    assert len(sink.messages) == len(counts) == reminders and set(counts) == expected
    assert {r.state for r in rows} == {"sent"}
    assert len(attempts) == reminders and {a.status for a in attempts} == {"sent"}
    assert sum(r["sent"] for r in results) == reminders
    assert sum(r["claimed"] for r in results) == reminders, "no reminder claimed twice"
    # Started together, one replica reads the documents; the others leave them to it.
    assert sum(r["read"] for r in results) == documents > 0
    # Incremental ticks: once the documents are stored, no replica plans them again.
    assert [r["replanned_later"] for r in results] == [0] * len(results)
    assert all(r["ticks"] > 1 for r in results)


@pytest.mark.postgres
def test_three_processes_on_postgresql(
    fault_project: Callable[..., Path], smtp_sink: SmtpSink, pg_url: str, tmp_path: Path
) -> None:
    config = _project(fault_project, smtp_sink.port, pg_url)
    results, seconds = run_replicas(config, 3, tmp_path)
    _check(config, smtp_sink, results, seconds, "postgresql")


def test_two_processes_on_one_sqlite_file(
    fault_project: Callable[..., Path], smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = _project(fault_project, smtp_sink.port, None)
    results, seconds = run_replicas(config, 2, tmp_path)
    _check(config, smtp_sink, results, seconds, "sqlite")


@pytest.mark.slow
@pytest.mark.postgres
def test_six_processes_on_postgresql_soak(
    fault_project: Callable[..., Path], smtp_sink: SmtpSink, pg_url: str, tmp_path: Path
) -> None:
    """The same with 1000 reminders and six processes (run with -m slow)."""
    config = _project(fault_project, smtp_sink.port, pg_url, reminders=1000)
    results, seconds = run_replicas(config, 6, tmp_path)
    _check(config, smtp_sink, results, seconds, "postgresql soak", reminders=1000)
