"""The resolver against the hand-labelled set: at least 99% exact (date and kind)."""

from __future__ import annotations

from pipeline.deadlines import resolve
from tests.deadlines.labelled import Row, load


def judge(row: Row) -> tuple[bool, str]:
    """Whether the resolver gets ``row`` right, and what it returned."""
    found = resolve(row.phrase, row.doc_date)
    lo = row.phrase.find(row.expr)
    hi = lo + len(row.expr)
    hits = [d for d in found if d.start < hi and d.end > lo]
    if row.expected == "-":
        return not hits, ", ".join(f"{d.expr}={d.due}" for d in hits) or "nothing"
    if not hits:
        return False, "nothing"
    d = hits[0]
    return d.due == row.expected and d.kind == row.kind, f"{d.expr}={d.due} ({d.kind})"


def test_labelled_accuracy() -> None:
    rows = load()
    assert len(rows) >= 320
    assert sum(r.real for r in rows) >= 300
    misses = []
    for row in rows:
        ok, got = judge(row)
        if not ok:
            expected = "not a deadline" if row.expected == "-" else f"{row.expected} ({row.kind})"
            misses.append(
                f"  {row.expr!r} in {row.phrase!r} @ {row.doc_date}: expected {expected}, got {got}"
            )
    accuracy = 1 - len(misses) / len(rows)
    print(f"\nlabelled set: {len(rows)} rows, {len(rows) - len(misses)} right ({accuracy:.1%})")
    print("\n".join(misses))
    assert accuracy >= 0.99, "\n".join(misses)
