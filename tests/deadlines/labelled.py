"""Load tests/data/deadlines.tsv and score a resolver against it (shared with the benchmark)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LABELLED = Path(__file__).resolve().parents[1] / "data" / "deadlines.tsv"


@dataclass(frozen=True)
class Row:
    phrase: str
    expr: str
    doc_date: dt.date
    expected: dt.date | None | str  # a date, None (no-date word) or "-" (not a deadline)
    kind: str
    source: str

    @property
    def real(self) -> bool:
        return self.source != "constructed"


def load(path: Path = LABELLED) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines: Iterator[str] = (line for line in fh if not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t")
        out = []
        for rec in reader:
            raw = rec["expected"]
            expected: dt.date | None | str = (
                "-" if raw == "-" else None if raw == "" else dt.date.fromisoformat(raw)
            )
            out.append(
                Row(
                    rec["phrase"],
                    rec["expr"],
                    dt.date.fromisoformat(rec["doc_date"]),
                    expected,
                    rec["kind"],
                    rec["source"],
                )
            )
    return out
