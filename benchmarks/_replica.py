"""One replica for benchmarks/run.py: deliver passes until a pass claims nothing.

    python benchmarks/_replica.py CONFIG NOW_ISO GO_FILE

Waits for GO_FILE to exist (so that every replica starts at once), then prints how many
reminders it sent."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from pipeline.config import load_config
    from pipeline.service import Service

    config, now, go = Path(sys.argv[1]), dt.datetime.fromisoformat(sys.argv[2]), Path(sys.argv[3])
    service = Service(load_config(config), worker=f"bench-{sys.argv[4]}")
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    sent = 0
    try:
        while (report := service.deliver_pass(now)).claimed:
            sent += report.sent
    finally:
        service.close()
    print(sent, flush=True)


if __name__ == "__main__":
    main()
