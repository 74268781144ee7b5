"""Worker process of test_concurrency (run as a script, not collected by pytest).

    python claimer.py claim|open URL WORKER GO_FILE

Prints "ready" once started, waits for GO_FILE, then either opens the ledger (open) or
claims due reminders in small batches and records each as sent until none is left (claim),
and prints a JSON summary.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

from pipeline.ledger import open_ledger
from pipeline.models import Outcome

NOW = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


def main(mode: str, url: str, worker: str, go: str) -> None:
    ledger = open_ledger(url) if mode == "claim" else None
    print("ready", flush=True)
    while not Path(go).exists():
        time.sleep(0.002)
    if ledger is None:
        open_ledger(url).close()
        print(json.dumps({"claimed": [], "lost": 0}))
        return
    claimed: list[str] = []
    lost = 0
    while batch := ledger.claim_due(NOW, worker, 300, limit=7):
        for row in batch:
            time.sleep(0.001)  # delivering, outside any transaction
            claimed.append(row.id)
            lost += not ledger.record(row.id, worker, Outcome("sent"), NOW)
    ledger.close()
    print(json.dumps({"claimed": claimed, "lost": lost}))


if __name__ == "__main__":
    main(*sys.argv[1:5])
