"""Reading changed documents on every core when many changed at once.

A first run, a restored ledger or a folder of new plans makes hundreds of documents change in
one pass; reading and analysing each is CPU work of its own (pure: ``ingest_file`` and
``document_tasks``). :func:`read_ahead` yields each path's documents, with their tasks, in the
order given. It reads in this process first; when the work is still going after
``solo_seconds`` with enough files left, the rest go to worker processes (one per CPU, or
``read_workers``), whose start-up (a fresh interpreter importing the extractor, about half a
second) only such a batch repays. Everything that touches the ledger stays with the caller.

Workers are spawned, never forked: the daemon has threads (the scheduler, the desk) and a
fork copies their locks in whatever state they are in.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import time
from collections.abc import Generator, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from pipeline.analysis import build_calendar, document_tasks
from pipeline.config import Config
from pipeline.errors import IngestError
from pipeline.ingest import ingest_file
from pipeline.ingest.api import file_digest
from pipeline.ledger.base import DocumentRow
from pipeline.models import Document, Task
from pipeline.route import Router
from pipeline.workcal import WorkCalendar

log = logging.getLogger("pipeline")
# Hand the rest to workers only when at least this many files are left, after reading in
# this process for this long.
MIN_FILES_LEFT = 8
SOLO_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Read:
    """One file read: its documents (none when ``error``) and the tasks of each document
    whose date it carries, computed for that document's key and date as read."""

    path: str | os.PathLike[str]
    documents: list[Document]
    error: IngestError | None = None
    tasks: dict[tuple[str, dt.date], list[Task]] = field(default_factory=dict)

    def tasks_for(self, doc: Document, published: dt.date) -> list[Task] | None:
        """The tasks already computed for ``doc`` as stored (key and date), else None."""
        return self.tasks.get((doc.key, published))


def read_one(
    path: str | os.PathLike[str], config: Config, cal: WorkCalendar, router: Router
) -> Read:
    """Ingest one file and extract the tasks of each dated document in it."""
    try:
        docs = ingest_file(os.fspath(path), base_dir=config.base_dir)
    except IngestError as exc:
        return Read(path, [], exc)
    tasks = {
        (d.key, d.published): document_tasks(d, config, d.published, cal, router)
        for d in docs
        if d.published is not None
    }
    return Read(path, docs, None, tasks)


def unchanged(
    path: str | os.PathLike[str], by_path: Mapping[str, list[DocumentRow]], fingerprint: str
) -> str | None:
    """The stored key of a one-document file whose content, sidecar, config and code are
    as stored (``fingerprint``): it is not read again, unless another file took that key
    this pass. None: read it (changed, new, a container of several documents, or
    unreadable — the full read reports why)."""
    mine = by_path.get(os.path.abspath(path), [])
    if len(mine) != 1 or "#" in mine[0].key or not mine[0].sha256:
        return None
    try:
        digest = file_digest(path)
    except IngestError:
        return None
    return mine[0].key if mine[0].sha256 == f"{digest}:{fingerprint}" else None


def workers_for(config: Config) -> int:
    """Worker processes for a large batch: ``read_workers``, or one per CPU when 0."""
    wanted = config.read_workers
    if wanted:
        return wanted
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def read_ahead(
    paths: Sequence[str | os.PathLike[str]],
    config: Config,
    cal: WorkCalendar,
    router: Router,
    *,
    workers: int | None = None,
    solo_seconds: float | None = None,
) -> Generator[Read, None, None]:
    """Each path read, in order; the tail in worker processes when the batch is large."""
    n = workers_for(config) if workers is None else workers
    solo = SOLO_SECONDS if solo_seconds is None else solo_seconds
    start = time.perf_counter()
    i = 0
    while i < len(paths):
        if n > 1 and len(paths) - i >= MIN_FILES_LEFT and time.perf_counter() - start >= solo:
            for read in _pooled(paths[i:], config, n):
                yield read
                i += 1
            n = 1  # the pool could not start or broke: the rest in this process
            continue
        yield read_one(paths[i], config, cal, router)
        i += 1


# --- worker processes ------------------------------------------------------------------------

_STATE: tuple[Config, WorkCalendar, Router] | None = None


def _init(config: Config) -> None:
    global _STATE
    _STATE = (config, build_calendar(config), Router(config))


def _work(path: str) -> Read:
    assert _STATE is not None, "worker not initialised"
    config, cal, router = _STATE
    return read_one(path, config, cal, router)


def _pooled(paths: Sequence[str | os.PathLike[str]], config: Config, n: int) -> Iterator[Read]:
    """The reads of ``paths`` from worker processes, in order, for as long as the pool
    works: a pool that cannot start (no process semaphores on this system) or that breaks (a
    worker killed, out of memory) stops the run early, logged; the caller reads the rest."""
    try:
        pool: Executor = ProcessPoolExecutor(
            max_workers=min(n, len(paths)),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init,
            initargs=(config,),
        )
    except (OSError, NotImplementedError, ImportError) as exc:
        log.warning("no worker processes (%s): reading in this process", exc)
        return
    try:
        # small chunks keep the order's head moving and the workers evenly loaded
        chunk = max(1, min(16, len(paths) // (n * 8)))
        yield from pool.map(_work, [os.fspath(p) for p in paths], chunksize=chunk)
    except BrokenProcessPool as exc:
        log.warning("a reading worker stopped (%s): reading the rest in this process", exc)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
