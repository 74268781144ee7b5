"""Deadline resolver vs dateparser and JioNLP on the hand-labelled set.

Run with one command (creates benchmarks/.venv-resolver with the peers):

    bash benchmarks/run_resolver.sh [--repeat N]

Every system gets the same input: the marked expression (``expr``) of each row of
tests/data/deadlines.tsv and the document date as the reference time. A row is right when
the system's date equals the labelled due date, or when the row has no date (尽快, or not a
deadline) and the system returns none. Peers:

* dateparser.parse(expr, languages=["zh"], settings={RELATIVE_BASE: as_of 00:00,
  PREFER_DATES_FROM: "future"}) -> the date of the returned datetime.
* jionlp.parse_time(expr, time_base=as_of 00:00) -> the END of the returned span (for a
  recurring ``time_period``, the end of its first point); a span end that is not a date
  ("inf") is no date; an exception is a miss.

Our resolver is also scored on the full phrase (the protocol of the labelled test), shown
as a separate line. Speed is the median over rows of the best of N calls per expression.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import logging
import statistics
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the working tree, not an installed copy
if TYPE_CHECKING:
    from tests.deadlines.labelled import Row

MISS = object()  # an exception: wrong whatever the label
Prediction = dt.date | None | object


def ours(row: Row) -> Prediction:
    from pipeline.deadlines import resolve

    found = resolve(row.expr, row.doc_date)
    return found[0].due if found else None


def ours_in_phrase(row: Row) -> Prediction:
    from pipeline.deadlines import resolve

    lo = row.phrase.find(row.expr)
    hi = lo + len(row.expr)
    hits = [d for d in resolve(row.phrase, row.doc_date) if d.start < hi and d.end > lo]
    if not hits:
        return None
    return hits[0].due if hits[0].kind == row.kind or row.kind == "-" else MISS


def make_dateparser() -> Callable[[Row], Prediction]:
    import dateparser

    def run(row: Row) -> Prediction:
        base = dt.datetime.combine(row.doc_date, dt.time())
        try:
            got = dateparser.parse(
                row.expr,
                languages=["zh"],
                settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"},
            )
        except Exception:  # noqa: BLE001 - any failure of a peer is a miss
            return MISS
        return got.date() if got else None

    return run


def make_jionlp() -> Callable[[Row], Prediction]:
    with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
        import jionlp
    logging.disable(logging.CRITICAL)  # it logs a traceback for every string it cannot parse

    def end_of(span: object) -> dt.date | None:
        if isinstance(span, list | tuple) and len(span) == 2 and isinstance(span[1], str):
            try:
                return dt.date.fromisoformat(span[1][:10])
            except ValueError:
                return None  # "inf": an open end
        return None

    def run(row: Row) -> Prediction:
        base = dt.datetime.combine(row.doc_date, dt.time())
        try:
            got = jionlp.parse_time(row.expr, time_base=base)
        except Exception:  # noqa: BLE001 - any failure of a peer is a miss
            return MISS
        if not got:
            return None
        t = got.get("time")
        if isinstance(t, dict):  # time_period: a recurring point
            point = t.get("point") or {}
            return end_of(point.get("time")) if isinstance(point, dict) else None
        return end_of(t)

    return run


def right(row: Row, got: Prediction) -> bool:
    if got is MISS:
        return False
    if row.expected in (None, "-"):
        return got is None
    return got == row.expected


def score(rows: list[Row], fn: Callable[[Row], Prediction], repeat: int) -> dict:
    ok: list[bool] = []
    times: list[float] = []
    for row in rows:
        ok.append(right(row, fn(row)))  # also warms caches
    for row in rows:
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter_ns()
            fn(row)
            best = min(best, time.perf_counter_ns() - t0)
        times.append(best / 1000)
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for row, good in zip(rows, ok, strict=True):
        by_kind[row.kind if row.kind != "-" else "not_deadline"].append(good)
    dated = [g for row, g in zip(rows, ok, strict=True) if isinstance(row.expected, dt.date)]
    real = [g for row, g in zip(rows, ok, strict=True) if row.real]
    return {
        "acc": sum(ok) / len(ok),
        "dated": sum(dated) / len(dated),
        "real": sum(real) / len(real),
        "kinds": {k: sum(v) / len(v) for k, v in by_kind.items()},
        "counts": {k: len(v) for k, v in by_kind.items()},
        "median_us": statistics.median(times),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="timed calls per expression")
    args = ap.parse_args()
    from tests.deadlines.labelled import load

    warnings.simplefilter("ignore")
    rows = load()
    systems: dict[str, Callable[[Row], Prediction]] = {"ours": ours}
    for name, make in (("dateparser", make_dateparser), ("jionlp", make_jionlp)):
        try:
            systems[name] = make()
        except ImportError as exc:
            print(f"{name}: not installed ({exc}); skipped")
    results = {name: score(rows, fn, args.repeat) for name, fn in systems.items()}
    phrase = score(rows, ours_in_phrase, args.repeat)

    n_real = sum(r.real for r in rows)
    print(f"labelled set: {len(rows)} rows ({n_real} real, {len(rows) - n_real} constructed)")
    names = list(results)
    print(f"\n{'':22}" + "".join(f"{n:>12}" for n in names))
    for label, key in (("accuracy (all)", "acc"), ("accuracy (dated rows)", "dated")):
        print(f"{label:22}" + "".join(f"{results[n][key]:>12.1%}" for n in names))
    print(f"{'accuracy (real rows)':22}" + "".join(f"{results[n]['real']:>12.1%}" for n in names))
    print(f"{'median µs / expr':22}" + "".join(f"{results[n]['median_us']:>12.1f}" for n in names))
    print("\nper kind (rows):")
    counts = results["ours"]["counts"]
    for kind in sorted(counts, key=lambda k: -counts[k]):
        line = f"  {kind:18}{counts[kind]:>4}"
        print(line + "".join(f"{results[n]['kinds'][kind]:>12.1%}" for n in names))
    print(
        f"\nours on the full phrase (labelled-test protocol, kind must match too): "
        f"{phrase['acc']:.1%} all, {phrase['dated']:.1%} dated, "
        f"median {phrase['median_us']:.1f} µs"
    )
    peers = [n for n in names if n != "ours"]
    if peers:
        fastest = min(peers, key=lambda n: results[n]["median_us"])
        speed = results[fastest]["median_us"] / results["ours"]["median_us"]
        print(f"speed: ours is {speed:.1f}x faster than the faster peer ({fastest})")
        for n in peers:
            diff = results["ours"]["acc"] - results[n]["acc"]
            ddiff = results["ours"]["dated"] - results[n]["dated"]
            print(f"accuracy: ours minus {n}: {diff * 100:+.1f} points ({ddiff * 100:+.1f} dated)")


if __name__ == "__main__":
    main()
