"""Run one `pipeline` command in this process and record its wall time and peak RSS.

    python benchmarks/_child.py RESULT.json -- <pipeline arguments>

Used by run.py for the whole-process figures (startup included)."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    out = Path(sys.argv[1])
    args = sys.argv[3:] if sys.argv[2:3] == ["--"] else sys.argv[2:]
    t0 = time.perf_counter()
    code: object = 0
    sys.argv = ["pipeline", *args]
    try:
        from pipeline.cli.main import main as pipeline_main

        pipeline_main()
    except SystemExit as exc:
        code = exc.code
    seconds = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.write_text(json.dumps({"seconds": seconds, "rss_mb": rss, "code": code}))


if __name__ == "__main__":
    main()
