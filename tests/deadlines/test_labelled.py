"""The resolver against the hand-labelled set: at least 99% exact (date and kind).

Every miss is listed in a normal run: each one is a ``LabelledMiss`` warning, which pytest
prints in its warnings summary without failing the test (the 99% assertion decides that).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import warnings

import pytest

from pipeline.deadlines import resolve
from tests.deadlines.labelled import Row, load


class LabelledMiss(UserWarning):
    """A labelled row the resolver gets wrong."""


def judge(row: Row) -> tuple[bool, str]:
    """Whether the resolver gets ``row`` right, and what it returned."""
    found = resolve(row.phrase, row.doc_date)
    lo = row.phrase.find(row.expr)
    hi = lo + len(row.expr)
    # an impossible date (13月底前) is reported as invalid, with no date: not a deadline
    hits = [d for d in found if d.start < hi and d.end > lo and not d.invalid]
    if row.expected == "-":
        return not hits, ", ".join(f"{d.expr}={d.due}" for d in hits) or "nothing"
    if not hits:
        return False, "nothing"
    d = hits[0]
    return d.due == row.expected and d.kind == row.kind, f"{d.expr}={d.due} ({d.kind})"


def score(rows: list[Row]) -> float:
    """The share of rows right; each miss is warned as a ``LabelledMiss``."""
    misses = 0
    for row in rows:
        ok, got = judge(row)
        if not ok:
            misses += 1
            expected = "not a deadline" if row.expected == "-" else f"{row.expected} ({row.kind})"
            warnings.warn(
                LabelledMiss(
                    f"{row.expr!r} in {row.phrase!r} @ {row.doc_date}: "
                    f"expected {expected}, got {got} [{row.source}]"
                ),
                stacklevel=2,
            )
    return 1 - misses / len(rows)


def test_labelled_accuracy() -> None:
    rows = load()
    assert len(rows) >= 320
    assert sum(r.real for r in rows) >= 300
    accuracy = score(rows)
    print(f"\nlabelled set: {len(rows)} rows, {accuracy:.1%} right")
    assert accuracy >= 0.99, "see the LabelledMiss warnings"


def test_every_miss_is_warned() -> None:
    good = Row("10月底前完成", "10月底前", dt.date(2020, 7, 31), dt.date(2020, 10, 31),
               "month_end", "constructed")  # fmt: skip
    wrong_date = dataclasses.replace(good, expected=dt.date(2020, 11, 30))
    not_a_deadline = dataclasses.replace(good, expected="-", kind="-")
    with pytest.warns(LabelledMiss) as caught:
        accuracy = score([good, wrong_date, not_a_deadline])
    assert accuracy == pytest.approx(1 / 3)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 2
    assert "expected 2020-11-30 (month_end), got 10月底前=2020-10-31 (month_end)" in messages[0]
    assert "expected not a deadline, got 10月底前=2020-10-31" in messages[1]
