"""Fixtures of the ledger contract suite: a fresh ledger on a SQLite file and on PostgreSQL.

PostgreSQL runs when PIPELINE_TEST_PG_URL is set; each test gets its own schema, selected
through the URL (`?options=-csearch_path%3D<schema>`) and dropped afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.ledger import Ledger, open_ledger

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a fresh (not yet created) ledger on each backend."""
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'ledger' / 'ledger.db'}"


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[Ledger]:
    with open_ledger(ledger_url) as opened:
        yield opened
