"""Documents the last pass could not use, and since when (migration 3).

One row per (path, kind): ``missing`` (a configured ``documents:`` path that does not
exist), ``unreadable`` (a file that failed to ingest), ``absent`` (a stored document's
file gone from a watched folder) or ``kept`` (a document outside ``documents:`` kept while a
configured path is missing). Each pass replaces the set, keeping ``since`` for a
problem that persists: `pipeline status` lists them, and ``pipeline.lifecycle`` retires an
absent document only once it has been absent for ``delivery.catch_up_hours``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pipeline.ledger import schema
from pipeline.ledger.engine import guarded

document_problems = sa.Table(
    "document_problems",
    schema.metadata,
    sa.Column("path", sa.Text, primary_key=True),
    sa.Column("kind", sa.Text, primary_key=True),  # missing | unreadable | absent | kept
    sa.Column("key", sa.Text, nullable=False),  # documents.key, "" when not known
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("since", schema.UTCDateTime, nullable=False),
)


@dataclass(frozen=True)
class ProblemRow:
    """A document a pass could not use."""

    path: str
    kind: str
    key: str
    detail: str
    since: dt.datetime


def migrate_problems(conn: Connection) -> None:
    """Migration: the document_problems table (self-contained)."""
    schema.metadata.create_all(conn, tables=[document_problems])


class ProblemsSQL:
    """Mixed into SQLLedger."""

    _engine: sa.Engine
    _read: sa.Engine
    where: str
    secret: str | None

    @guarded
    def document_problems(self) -> list[ProblemRow]:
        p = document_problems
        with self._read.connect() as conn:
            rows = conn.execute(sa.select(p).order_by(p.c.path, p.c.kind)).mappings()
            return [
                ProblemRow(r["path"], r["kind"], r["key"], r["detail"], r["since"]) for r in rows
            ]

    @guarded
    def set_document_problems(self, rows: Sequence[ProblemRow]) -> None:
        """Replace the recorded problems with ``rows``."""
        p = document_problems
        with self._engine.begin() as conn:
            conn.execute(sa.delete(p))
            if rows:
                conn.execute(
                    sa.insert(p),
                    [
                        {
                            "path": r.path,
                            "kind": r.kind,
                            "key": r.key,
                            "detail": r.detail,
                            "since": r.since,
                        }
                        for r in {(r.path, r.kind): r for r in rows}.values()
                    ],
                )
