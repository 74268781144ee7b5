"""Engines for the ledger's backends, and translation of their errors to `LedgerError`.

SQLite: WAL, foreign keys, a busy timeout, and SQLAlchemy (not the sqlite3 module) emitting
BEGIN: `BEGIN IMMEDIATE` for writing transactions, so a writer takes the write lock before
it reads, and plain `BEGIN` on the engine returned for reads.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine
from sqlalchemy.pool import StaticPool

from pipeline.errors import LedgerError

DEFAULT_BUSY_TIMEOUT = 10.0  # seconds a SQLite writer waits for the lock
DEFAULT_CONNECT_TIMEOUT = 10  # seconds to reach a PostgreSQL server
_READ = "ledger_read"  # execution option: this transaction only reads

_ERRORS: tuple[type[BaseException], ...] = (sa.exc.SQLAlchemyError, sqlite3.Error, OSError)


def driver_errors() -> tuple[type[BaseException], ...]:
    """The errors a ledger call may raise from below: psycopg's only once psycopg is loaded
    (a SQLite ledger never imports it, which keeps a cron tick's start-up short)."""
    pg = sys.modules.get("psycopg")
    return (*_ERRORS, pg.Error) if pg is not None else _ERRORS


def redact(url: str) -> str:
    """The URL with its password hidden; works on URLs SQLAlchemy cannot parse too."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


def create(url: str, busy_timeout: float | None = None) -> tuple[Engine, Engine]:
    """A (write, read) pair of engines sharing one pool. Raises LedgerError."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise LedgerError(f"invalid ledger URL {redact(url)!r}: {exc}") from exc
    backend, driver = parsed.get_backend_name(), parsed.get_driver_name()
    if backend == "sqlite" and driver == "pysqlite":
        engine = _sqlite(parsed, busy_timeout)
    elif backend == "postgresql" and driver == "psycopg":
        engine = _postgres(parsed)
    else:
        raise LedgerError(
            f"unsupported ledger URL {redact(url)!r}: use sqlite:///path or "
            "postgresql+psycopg://user@host/db"
        )
    return engine, engine.execution_options(**{_READ: True})


def _sqlite(url: URL, busy_timeout: float | None) -> Engine:
    query = dict(url.query)
    if "busy_timeout" in query:
        raw = query.pop("busy_timeout")
        try:
            busy_timeout = float(raw if isinstance(raw, str) else raw[-1])
        except ValueError as exc:
            raise LedgerError(f"busy_timeout must be a number of seconds, not {raw!r}") from exc
        url = url.set(query=query)
    timeout = DEFAULT_BUSY_TIMEOUT if busy_timeout is None else busy_timeout
    database = url.database or ""
    memory = database in ("", ":memory:")
    if not memory and query.get("uri") != "true":
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LedgerError(f"cannot create the folder of ledger {database!r}: {exc}") from exc
    kwargs: dict[str, Any] = {"poolclass": StaticPool} if memory else {}
    engine = sa.create_engine(
        url, connect_args={"timeout": timeout, "check_same_thread": False}, **kwargs
    )

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN, see _on_begin
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        if not memory:
            _use_wal(cur, timeout)
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        read = conn.get_execution_options().get(_READ, False)
        conn.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")

    return engine


def _use_wal(cur: sqlite3.Cursor, timeout: float) -> None:
    """Switch the file to WAL (a persistent setting), retrying while another opener holds it.

    Changing the journal mode needs an exclusive lock, and SQLite may answer "database is
    locked" at once, without its busy handler, when two connections race for it.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _postgres(url: URL) -> Engine:
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = DEFAULT_CONNECT_TIMEOUT
    return sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def describe(exc: BaseException) -> str:
    """The driver's message (first line), without the SQL SQLAlchemy appends."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def scrub(message: str, secret: str | None) -> str:
    """The message with any occurrence of the password replaced."""
    return message.replace(secret, "***") if secret else message


class _HasWhere(Protocol):
    where: str  # the redacted URL
    secret: str | None  # the password, scrubbed from messages


S = TypeVar("S", bound=_HasWhere)
P = ParamSpec("P")
R = TypeVar("R")


def guarded(
    fn: Callable[Concatenate[S, P], R],
) -> Callable[Concatenate[S, P], R]:
    """Translate database and driver errors raised by a ledger method into LedgerError."""

    @functools.wraps(fn)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(self, *args, **kwargs)
        except LedgerError:
            raise
        except driver_errors() as exc:
            message = f"ledger {fn.__name__} failed on {self.where}: {describe(exc)}"
            raise LedgerError(scrub(message, self.secret)) from exc

    return wrapper


# Page cache for one bulk write on SQLite (KiB; the default is 2 MiB): a first pass writing
# 100k tasks spent a third of its time re-reading index pages of its own random keys from
# the OS. Only while writing: readers (status, plan) keep the default, and their memory.
BULK_CACHE_KIB = 32768
_DEFAULT_CACHE_KIB = 2000


@contextlib.contextmanager
def bulk_cache(conn: sa.Connection) -> Iterator[None]:
    """A large SQLite page cache for the writes inside; nothing on other databases."""
    if conn.dialect.name != "sqlite":
        yield
        return
    conn.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = -{_DEFAULT_CACHE_KIB}")
