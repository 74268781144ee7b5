"""The scale benchmark (issue 11): one command, every figure beside its same-run baseline.

    .venv/bin/python benchmarks/run.py                 # sizes 1k, 10k, 100k tasks
    .venv/bin/python benchmarks/run.py --quick         # 1k and 10k, smaller batches
    .venv/bin/python benchmarks/run.py --json out.json --only idle,send

It generates its synthetic plans itself (deterministic): documents of 100 dated sentences,
20 offices, the shipped reminder policy, a SQLite ledger in a temporary folder. Figures:

- first tick (ingest + plan) and idle tick (nothing due) at each size, whole process (startup
  included) with peak RSS, and idle tick in-process; the growth 1k → largest is shown;
- `plan --json` and `status --json` at the largest size, whole process;
- due-check (claim + missed) at 1M reminders on SQLite, and on PostgreSQL when one answers
  ($PIPELINE_BENCH_PG_URL, else 127.0.0.1:5432 as user postgres; a database
  `pipeline_bench` is created and dropped);
- send phase of 2,000 due reminders over email (loopback aiosmtpd) beside smtplib sending as
  many messages on one connection, and over generic webhooks (loopback HTTP server) beside a
  bare httpx.Client keep-alive loop posting the same bodies;
- extraction MB/s beside a compiled regex scan of the same text (the corpus in
  ../shared/corpus when present, and the synthetic documents);
- resolver µs per expression on the labelled set (JioNLP beside it when installed).

Targets are printed beside the figures (PASS/FAIL); the command fails only if a benchmark
itself breaks. Results also go to JSON (default benchmarks/results.json, git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import yaml

TZ = ZoneInfo("Asia/Shanghai")
PUBLISHED = dt.date(2026, 6, 1)
QUIET = dt.datetime(2026, 6, 2, 1, 0, tzinfo=TZ)  # before the send hour: nothing due
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
FORMS = ("{m}月底前", "{m}月上旬前", "{m}月中旬前", "2027年{m}月底前", "年底前", "{m}月{d}日前")
TIMEOUT = 900
Row = dict[str, Any]


# --- synthetic plans ------------------------------------------------------------------------


def base_config() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    data["offices"] = data["offices"][:20]
    return data


def synth(root: Path, tasks: int, changes: Callable[[dict[str, Any]], None] | None = None) -> Path:
    """``tasks`` dated sentences in documents of 100, a config and a ledger path under root."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    data = base_config()
    names = [o["name"] for o in data["offices"]]
    rnd = random.Random(tasks)
    for i in range(max(1, tasks // 100)):
        lines = [f"关于推进第{i}批重点工作的通知", ""]
        for j in range(min(100, tasks)):
            when = rnd.choice(FORMS).format(m=rnd.randint(7, 12), d=rnd.randint(1, 28))
            lines.append(f"{when}，{rnd.choice(names)}完成第{i}-{j}号项目验收工作。")
        (docs / f"d{i:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (docs / f"d{i:05d}.txt.meta.yaml").write_text(f"date: {PUBLISHED}\n", encoding="utf-8")
    data.update(store=f"sqlite:///{root / 'ledger.db'}", documents=["docs"], outbox="outbox")
    if changes:
        changes(data)
    path = root / "config.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def child(config: Path, *args: str) -> Row:
    """One whole `pipeline` process: seconds and peak RSS (MB)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        result = Path(f.name)
    cmd = [sys.executable, str(ROOT / "benchmarks" / "_child.py"), str(result), "--"]
    try:
        subprocess.run(
            [*cmd, "--config", str(config), *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TIMEOUT,
            check=False,
        )
        return json.loads(result.read_text())
    except subprocess.TimeoutExpired:
        return {"seconds": None, "rss_mb": None, "code": "timeout"}
    finally:
        result.unlink(missing_ok=True)


def in_process_idle(config: Path, repeat: int = 5) -> float:
    from pipeline.config import load_config
    from pipeline.service import Service

    service = Service(load_config(config))
    try:
        service.tick(QUIET)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            service.tick(QUIET)
            times.append(time.perf_counter() - t0)
        return statistics.median(times)
    finally:
        service.close()


# --- the figures ----------------------------------------------------------------------------


def sizes_figures(work: Path, sizes: list[str]) -> list[Row]:
    rows: list[Row] = []
    now = QUIET.isoformat()
    for label in sizes:
        config = synth(work / label, SIZES[label])
        first = child(config, "tick", "--now", now)
        idle = child(config, "tick", "--now", now)
        inproc = in_process_idle(config)
        rows.append({"figure": f"first tick {label}", **first, "target": target_first(label)})
        rows.append({"figure": f"idle tick {label} (process)", **idle})
        rows.append(
            {"figure": f"idle tick {label} (in-process)", "seconds": inproc}
            | ({"target": "< 0.5 s, < 150 MB"} if label == "100k" else {})
        )
        print(f"  {label}: first {first['seconds']} s, idle {idle['seconds']} s / {inproc:.3f} s")
    largest = sizes[-1]
    config = work / largest / "config.yaml"
    commands = (
        (("plan", "--json"), "< 2 s, < 150 MB"),
        (("status", "--json"), "< 2 s, < 150 MB"),
        # every reminder, streamed: the time grows with them, the memory must not
        (("plan", "--json", "--limit", "0"), "< 150 MB"),
    )
    for cmd, target in commands:
        got = child(config, *cmd, "--now", now)
        rows.append({"figure": f"{' '.join(cmd)} {largest}", **got, "target": target})
    idle = [r for r in rows if r["figure"].endswith("(in-process)")]
    if len(idle) > 1 and idle[0]["seconds"]:
        rows.append(
            {
                "figure": f"idle tick growth {sizes[0]} → {largest} (in-process)",
                "ratio": idle[-1]["seconds"] / idle[0]["seconds"],
            }
        )
    return rows


def _wall(cmd: list[str], repeat: int = 7) -> float:
    """Median wall time of a whole process, started from outside as cron starts it."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def startup_figures(work: Path) -> list[Row]:
    """`pipeline tick` from cron on a project where nothing changed (one document of 100
    tasks, nothing due), beside the bare interpreter starting and stopping."""
    config = synth(work, 100)
    tick = [sys.executable, "-m", "pipeline", "--config", str(config), "tick"]
    subprocess.run([*tick, "--now", QUIET.isoformat()], capture_output=True, check=False)
    bare = _wall([sys.executable, "-c", "pass"])
    took = _wall([*tick, "--now", QUIET.isoformat()])
    print(f"  start-up: tick {took:.3f} s, bare interpreter {bare:.3f} s")
    return [
        {"figure": "bare interpreter (python -c pass)", "seconds": bare},
        {"figure": "idle cron tick, whole process", "seconds": took, "target": "< 1 s"},
    ]


def target_first(label: str) -> str:
    return "< 30 s, < 300 MB" if label == "100k" else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1k,10k,100k", help="comma-separated: 1k,10k,100k")
    parser.add_argument("--quick", action="store_true", help="1k,10k and smaller counts")
    parser.add_argument(
        "--only", default="", help="startup,sizes,duecheck,send,replicas,extract,resolver"
    )
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "results.json"))
    args = parser.parse_args()
    sizes = ["1k", "10k"] if args.quick else [s for s in args.sizes.split(",") if s]
    only = {s for s in args.only.split(",") if s}
    import bench_parts as parts

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-") as tmp:
        work = Path(tmp)
        steps: dict[str, Callable[[], list[Row]]] = {
            "startup": lambda: startup_figures(work / "startup"),
            "sizes": lambda: sizes_figures(work / "sizes", sizes),
            "duecheck": lambda: parts.due_check(work, 200_000 if args.quick else 1_000_000),
            "send": lambda: parts.send_phase(work, 500 if args.quick else 2_000),
            "replicas": lambda: parts.replicas(work, 400 if args.quick else 2_000),
            "extract": lambda: parts.extraction(work),
            "resolver": parts.resolver,
        }
        for name, step in steps.items():
            if only and name not in only:
                continue
            print(f"{name} …", flush=True)
            rows.extend(step())
    parts.print_table(rows)
    Path(args.json).write_text(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    print(f"\nJSON: {args.json}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
