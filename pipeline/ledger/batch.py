"""Documents written to the ledger a batch at a time: a first pass over a thousand documents
commits a few dozen transactions instead of a thousand (each commit rewrites the index pages
the documents share)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from pipeline import logsafe
from pipeline.ledger.base import Ledger
from pipeline.models import Document, Task

log = logging.getLogger("pipeline")
SAVE_BATCH_TASKS = 2000  # tasks (and documents) per transaction


class DocumentBatch:
    """Collects (document, tasks) and saves them together once about ``limit`` tasks wait;
    call `flush` at the end. A batch is one transaction: all its documents or none."""

    def __init__(self, ledger: Ledger, now: dt.datetime, limit: int = SAVE_BATCH_TASKS) -> None:
        self.ledger, self.now, self.limit = ledger, now, limit
        self._items: list[tuple[Document, Sequence[Task]]] = []
        self._size = 0

    def add(self, doc: Document, tasks: Sequence[Task]) -> None:
        self._items.append((doc, tasks))
        self._size += len(tasks) + 1
        if self._size >= self.limit:
            self.flush()

    def flush(self) -> None:
        if not self._items:
            return
        items, self._items, self._size = self._items, [], 0
        self.ledger.save_documents(items, self.now)
        for doc, tasks in items:
            log.info("ingested %s: %d tasks", logsafe.one_line(doc.key), len(tasks))
