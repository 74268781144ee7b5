"""One planner at a time per ledger: a re-plan reads its tasks, plans them and writes the
result under this lock, so a plan made from tasks another planner is changing (a desk
extension, a document edit, a task coming near on another replica) can never be written
over that planner's newer one. A second lock of the same kind (``RELOAD_LOCK``) lets one
replica at a time read the changed documents; it is only ever tried (``attempt``): a replica
that finds it held leaves the reading to the holder and goes on to deliver, so no pass waits
on another replica's reading.

PostgreSQL: a session advisory lock (every replica); a SQLite file: an exclusive `flock` on
`<database>.<name>` beside it (every process on the host); an in-memory SQLite database:
a lock in this process. Re-entrant within a thread.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import threading
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pipeline.errors import LedgerError

log = logging.getLogger("pipeline")

# Keys of the PostgreSQL advisory locks held while planning ("plnlock!" in ASCII) and while
# reading changed documents ("rldlock!").
PLAN_LOCK = 0x706C6E6C6F636B21
RELOAD_LOCK = 0x726C646C6F636B21


class PlanLock:
    def __init__(self, engine: Engine, key: int = PLAN_LOCK, name: str = "plan-lock") -> None:
        self._engine, self._key, self._name = engine, key, name
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
        """Hold the lock, waiting for it while another holder has it."""
        with self._hold(wait=True):
            yield

    @contextlib.contextmanager
    def attempt(self) -> Iterator[bool]:
        """Hold the lock if it is free: yields True when held, False (at once) when another
        holder has it; True again inside this thread's own hold."""
        with self._hold(wait=False) as held:
            yield held

    @contextlib.contextmanager
    def _hold(self, *, wait: bool) -> Iterator[bool]:
        if getattr(self._held, "depth", 0):
            self._held.depth += 1
            try:
                yield True
            finally:
                self._held.depth -= 1
            return
        with self._acquire(wait) as held:
            if not held:
                yield False
                return
            self._held.depth = 1
            try:
                yield True
            finally:
                self._held.depth = 0

    def _acquire(self, wait: bool) -> contextlib.AbstractContextManager[bool]:
        if self._engine.dialect.name == "postgresql":
            return self._advisory(wait)
        if self._path is not None:
            return self._flock(self._path, self._name, wait)
        return self._in_process(wait)

    @contextlib.contextmanager
    def _in_process(self, wait: bool) -> Iterator[bool]:
        if not self._local.acquire(blocking=wait):
            yield False
            return
        try:
            yield True
        finally:
            self._local.release()

    @contextlib.contextmanager
    def _advisory(self, wait: bool) -> Iterator[bool]:
        take = sa.func.pg_advisory_lock if wait else sa.func.pg_try_advisory_lock
        with self._engine.connect() as conn:
            try:
                got = conn.execute(sa.select(take(self._key))).scalar()
                conn.commit()  # the lock is the session's: the connection holds no transaction
            except BaseException:
                conn.invalidate()  # it may hold the lock: closed, never pooled with it
                raise
            if not wait and not got:  # pg_advisory_lock returns nothing: it waited
                yield False
                return
            try:
                yield True
            finally:
                try:
                    conn.execute(sa.select(sa.func.pg_advisory_unlock(self._key)))
                    conn.commit()
                except Exception as exc:  # the session's end releases its locks
                    log.warning("%s not released (%s): its connection is closed", self._name, exc)
                    conn.invalidate()

    @staticmethod
    @contextlib.contextmanager
    def _flock(path: str, name: str, wait: bool) -> Iterator[bool]:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise LedgerError(f"cannot open the {name} file {path}: {exc}") from exc
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
                held = True
            except BlockingIOError:
                held = False
            yield held
        finally:
            os.close(fd)  # closing releases the lock
