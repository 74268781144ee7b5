"""Decompression bombs (issue 10 item 9): seconds and peak memory to refuse them.

    .venv/bin/python benchmarks/bombs.py             # guarded ingest of the bombs
    .venv/bin/python benchmarks/bombs.py --unguarded # also the parsers without the guard
                                                     # (slow: tens of seconds, gigabytes)

Each case runs in a fresh process (peak RSS from getrusage); the baseline, measured in the
same run, is ingesting an ordinary DOCX made by the test fixtures. Cases: a DOCX of ~1.5 MB
inflating to 1.5 GB of XML, and an XLSX of a million rows.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from pipeline.errors import IngestError
from pipeline.ingest import ingest_file
from pipeline.ingest.api import PARSERS
path, guarded = Path(sys.argv[1]), sys.argv[2] == "1"
t0 = time.perf_counter()
try:
    if guarded:
        ingest_file(path)
    else:
        PARSERS[path.suffix](path.read_bytes())
    outcome = "read"
except IngestError as exc:
    outcome = str(exc).split(": ", 1)[1][:90]
except Exception as exc:
    outcome = f"{type(exc).__name__}: {exc}"[:90]
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "outcome": outcome}))
"""


def measure(path: Path, guarded: bool) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), "1" if guarded else "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def main() -> None:
    from tests.ingest.bombs import docx_bomb, xlsx_rows
    from tests.ingest.conftest import build_docx

    unguarded = "--unguarded" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        base = build_docx(d / "plan.docx")
        cases = [
            ("docx bomb", docx_bomb(d / "bomb.docx", 1536 * 1024 * 1024)),
            ("xlsx 1M rows", xlsx_rows(d / "rows.xlsx", 1_000_000)),
        ]
        ref = measure(base, True)
        print(f"baseline (ordinary docx): {ref['seconds']:.2f} s, {ref['peak_mb']:.0f} MB peak")
        for name, path in cases:
            size = path.stat().st_size / 1024 / 1024
            runs = [("guarded", True)] + ([("unguarded", False)] if unguarded else [])
            for label, flag in runs:
                r = measure(path, flag)
                print(
                    f"{name} ({size:.1f} MB on disk), {label}: {r['seconds']:.2f} s "
                    f"(x{r['seconds'] / ref['seconds']:.1f} baseline), {r['peak_mb']:.0f} MB "
                    f"peak (x{r['peak_mb'] / ref['peak_mb']:.1f}); {r['outcome']}"
                )


if __name__ == "__main__":
    main()
