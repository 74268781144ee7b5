"""Reading many changed documents on several cores (pipeline.readahead): the worker
processes give exactly what reading in this process gives, in the same order, bad files
included; a first tick through them stores the same tasks and plan."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

import pipeline.readahead as readahead
from pipeline.analysis import build_calendar
from pipeline.config import load_config
from pipeline.route import Router
from pipeline.service import Service

from .conftest import MakeProject
from .test_incremental import QUIET, sentence, write_doc

FILES = 12


def _docs(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(FILES):
        lines = [sentence(i, (i + n) % 4, 4 + (i + n) % 8, (i + n) % 4) for i in range(5)]
        write_doc(folder, f"d{n:02}.txt", lines)
        paths.append(folder / f"d{n:02}.txt")
    # an unreadable file among them (not a docx at all), and a document with no date
    (folder / "broken.docx").write_bytes(b"not a zip")
    (folder / "undated.txt").write_text("通知\n\n年底前，区住建局完成验收。\n", "utf-8")
    return [*paths[:5], folder / "broken.docx", *paths[5:], folder / "undated.txt"]


def _summary(read: readahead.Read) -> tuple[object, ...]:
    tasks = sorted(
        (k, tuple(t.id for t in ts), tuple(t.due for t in ts)) for k, ts in read.tasks.items()
    )
    return (
        Path(read.path).name,
        str(read.error) if read.error else None,
        tuple(d.key for d in read.documents),
        tuple(tasks),
    )


def test_workers_read_exactly_what_this_process_reads(make_project: MakeProject) -> None:
    config = load_config(make_project(seed=False))
    paths = _docs(config.base_dir / "docs")
    cal, router = build_calendar(config), Router(config)
    alone = [_summary(r) for r in readahead.read_ahead(paths, config, cal, router, workers=1)]
    pooled = [
        _summary(r)
        for r in readahead.read_ahead(paths, config, cal, router, workers=2, solo_seconds=0)
    ]
    assert pooled == alone
    assert [s[0] for s in pooled] == [p.name for p in paths]  # the order given
    broken = alone[5]
    assert broken[0] == "broken.docx" and broken[1] and "broken.docx" in broken[1]
    assert all(s[3] for s in alone if s[0].startswith("d"))  # dated documents: tasks computed
    assert alone[-1][2] and alone[-1][3] == ()  # no date: left to the caller


def test_a_first_tick_through_workers_stores_what_one_process_stores(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    def first_tick(pooled: bool) -> tuple[object, ...]:
        config_path = make_project(seed=False)
        shutil.rmtree(config_path.parent / "var", ignore_errors=True)  # a fresh ledger each
        _docs(config_path.parent / "docs")
        monkeypatch.setattr(readahead, "SOLO_SECONDS", 0.0 if pooled else 1e9)
        config = load_config(config_path).model_copy(update={"read_workers": 2})
        calls: list[int] = []
        real = readahead._pooled
        monkeypatch.setattr(readahead, "_pooled", lambda *a: calls.append(1) or real(*a))
        service = Service(config, worker="t", rnd=random.Random(1))
        report = service.tick(QUIET)
        assert calls == ([1] if pooled else [])
        tasks = sorted((t.id, t.due, t.offices, t.document) for t in service.ledger.tasks())
        reminders = sorted((r.id, r.fire_at) for r in service.ledger.reminders())
        docs = sorted((d.key, d.published) for d in service.ledger.documents())
        return report.changed, report.tasks, tuple(tasks), tuple(reminders), tuple(docs)

    alone, pooled = first_tick(False), first_tick(True)
    assert pooled == alone
    assert alone[0] == FILES + 1 and alone[1] > FILES  # every readable document, its tasks


def _die(config: object) -> None:
    """A worker initialiser that kills its worker at once (as the OOM killer would)."""
    os._exit(3)


def test_a_broken_pool_leaves_the_rest_to_this_process(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    config = load_config(make_project(seed=False))
    paths = _docs(config.base_dir / "docs")
    cal, router = build_calendar(config), Router(config)
    alone = [_summary(r) for r in readahead.read_ahead(paths, config, cal, router, workers=1)]
    monkeypatch.setattr(readahead, "_init", _die)
    got = [
        _summary(r)
        for r in readahead.read_ahead(paths, config, cal, router, workers=2, solo_seconds=0)
    ]
    assert got == alone
    assert any("reading the rest in this process" in r.getMessage() for r in caplog.records)
