"""One planner at a time per ledger: a re-plan reads its tasks, plans them and writes the
result under this lock, so a plan made from tasks another planner is changing (a desk
extension, a document edit, a task coming near on another replica) can never be written
over that planner's newer one. A second lock of the same kind (``RELOAD_LOCK``) lets one
replica at a time read the changed documents: one that waited finds them stored.

PostgreSQL: a session advisory lock (every replica); a SQLite file: an exclusive `flock` on
`<database>.<name>` beside it (every process on the host); an in-memory SQLite database:
a lock in this process. Re-entrant within a thread.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pipeline.errors import LedgerError

# Keys of the PostgreSQL advisory locks held while planning ("plnlock!" in ASCII) and while
# reading changed documents ("rldlock!").
PLAN_LOCK = 0x706C6E6C6F636B21
RELOAD_LOCK = 0x726C646C6F636B21


class PlanLock:
    def __init__(self, engine: Engine, key: int = PLAN_LOCK, name: str = "plan-lock") -> None:
        self._engine, self._key = engine, key
        self._held = threading.local()
        self._local = threading.Lock()
        database = engine.url.database
        self._path = (
            f"{database}.{name}"
            if engine.dialect.name == "sqlite" and database and database != ":memory:"
            else None
        )

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        if getattr(self._held, "depth", 0):
            self._held.depth += 1
            try:
                yield
            finally:
                self._held.depth -= 1
            return
        with self._acquire():
            self._held.depth = 1
            try:
                yield
            finally:
                self._held.depth = 0

    def _acquire(self) -> contextlib.AbstractContextManager[None]:
        if self._engine.dialect.name == "postgresql":
            return self._advisory()
        if self._path is not None:
            return self._flock(self._path)
        return self._in_process()

    @contextlib.contextmanager
    def _in_process(self) -> Iterator[None]:
        with self._local:
            yield

    @contextlib.contextmanager
    def _advisory(self) -> Iterator[None]:
        with self._engine.connect() as conn:
            conn.execute(sa.select(sa.func.pg_advisory_lock(self._key)))
            conn.commit()  # the lock is the session's: the connection holds no transaction
            try:
                yield
            finally:
                conn.execute(sa.select(sa.func.pg_advisory_unlock(self._key)))
                conn.commit()

    @staticmethod
    @contextlib.contextmanager
    def _flock(path: str) -> Iterator[None]:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise LedgerError(f"cannot open the planning lock {path}: {exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock
