"""The parts of benchmarks/run.py that need servers or databases: due-check at a million
reminders, the send phase beside its loopback ceilings, extraction beside a regex scan, the
resolver; and the table."""

from __future__ import annotations

import contextlib
import datetime as dt
import email.policy
import json
import os
import smtplib
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from run import TZ, Row, synth

DUE_DAY = dt.date(2026, 6, 1)  # a Monday, a working day
SEND_NOW = dt.datetime(2026, 6, 1, 9, 30, tzinfo=TZ)


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


# --- due-check at a million reminders --------------------------------------------------------


def _pg_url() -> str | None:
    url = os.environ.get("PIPELINE_BENCH_PG_URL")
    if url:
        return url
    try:
        import psycopg

        with psycopg.connect(
            "host=127.0.0.1 port=5432 dbname=test user=postgres", connect_timeout=3
        ) as conn:
            conn.autocommit = True
            conn.execute("DROP DATABASE IF EXISTS pipeline_bench")
            conn.execute("CREATE DATABASE pipeline_bench")
        return "postgresql+psycopg://postgres@127.0.0.1:5432/pipeline_bench"
    except Exception:  # noqa: BLE001 - no server: the figure is skipped, saying so
        return None


def _drop_pg() -> None:
    import psycopg

    with psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres") as conn:
        conn.autocommit = True
        conn.execute("DROP DATABASE IF EXISTS pipeline_bench")


def due_check(work: Path, count: int) -> list[Row]:
    rows = [_due_check_on(f"sqlite:///{work / 'due.db'}", count, "SQLite")]
    url = _pg_url()
    if url is None:
        print("  PostgreSQL not reachable: its due-check is skipped")
        return rows
    try:
        rows.append(_due_check_on(url, count, "PostgreSQL"))
    finally:
        if "PIPELINE_BENCH_PG_URL" not in os.environ:
            _drop_pg()
    return rows


def _bulk_insert() -> Callable[..., None]:
    """The ledger's bulk insert; on a tree from before it existed, SQLAlchemy's."""
    try:
        from pipeline.ledger.bulk import insert_new

        return insert_new
    except ImportError:
        from pipeline.ledger import schema

        def insert(conn: Any, rows: list[Any], now: dt.datetime) -> None:
            conn.execute(
                schema.reminders.insert(),
                [
                    {
                        "id": r.id, "task_id": r.task_id, "office": r.office,
                        "channel": r.channel, "kind": r.kind, "fire_at": r.fire_at,
                        "due": r.due, "cc": "[]", "state": state, "attempts": 0,
                        "next_attempt_at": r.fire_at, "updated_at": now,
                    }
                    for r, state in rows
                ],
            )  # fmt: skip

        return insert


def _due_check_on(url: str, count: int, label: str) -> Row:
    from pipeline.ledger import open_ledger
    from pipeline.models import Reminder

    insert_new = _bulk_insert()

    ledger = open_ledger(url)
    first = dt.datetime.combine(DUE_DAY, dt.time(9), tzinfo=TZ)
    days = 730
    t0 = time.perf_counter()
    chunk = 50_000
    for start in range(0, count, chunk):
        batch = [
            (
                Reminder(
                    f"r{i:08d}", f"t{i // 15:07d}", f"o{i % 20}", "email", "before-0",
                    first + dt.timedelta(days=i % days), DUE_DAY + dt.timedelta(days=i % days),
                ),
                "pending",
            )
            for i in range(start, min(count, start + chunk))
        ]  # fmt: skip
        with ledger._engine.begin() as conn:  # noqa: SLF001 - the benchmark fills it directly
            insert_new(conn, batch, first)
    filled = time.perf_counter() - t0
    if url.startswith("postgresql"):
        with ledger._engine.begin() as conn:  # noqa: SLF001 - as autovacuum would, at once
            conn.exec_driver_sql("ANALYZE reminders")
    quiet = first - dt.timedelta(hours=12)
    claim_idle = best(lambda: ledger.claim_due(quiet, "bench", 60, 200))
    missed_idle = best(lambda: ledger.mark_missed(quiet - dt.timedelta(hours=48), quiet))
    due_now = first + dt.timedelta(minutes=30)

    def claim_some() -> None:
        ledger.claim_due(due_now, "bench", 60, 200)
        ledger.release("bench")

    claim_due = best(claim_some)
    ledger.close()
    ms = (claim_idle + missed_idle) * 1000
    print(f"  {label}: {count:,} rows in {filled:.0f} s; claim+missed idle {ms:.2f} ms")
    return {
        "figure": f"due-check at {count:,} reminders, {label}",
        "seconds": claim_idle + missed_idle,
        "detail": f"claim {claim_idle * 1000:.2f} ms + missed {missed_idle * 1000:.2f} ms idle; "
        f"claim 200 due + release {claim_due * 1000:.1f} ms",
        "target": "< 10 ms",
        "ok": ms < 10,
    }


# --- the send phase --------------------------------------------------------------------------


@contextlib.contextmanager
def _server_process(code: str, *args: str) -> Iterator[int]:
    """A loopback server in its own process (a server thread in this one would compete
    with the code measured for the interpreter lock); it prints its port first."""
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent,
    )
    try:
        assert proc.stdout is not None
        yield int(proc.stdout.readline())
    finally:
        proc.terminate()
        proc.wait(10)


SMTP_SERVER = """
import socket, time
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
with socket.socket() as s:
    s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
Controller(Sink(), hostname="127.0.0.1", port=port).start()
print(port, flush=True)
while True:
    time.sleep(3600)
"""

HTTP_SERVER = """
import sys, time
from http.server import ThreadingHTTPServer
from bench_parts import _Hook
delay = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
if delay:
    class _Hook(_Hook):  # a remote robot's latency
        def do_POST(self):
            time.sleep(delay)
            super().do_POST()
server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
"""


@contextlib.contextmanager
def smtp_server() -> Iterator[int]:
    with _server_process(SMTP_SERVER) as port:
        yield port


class _Hook(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    count = 0

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b'{"errcode":0}'
        # One write for the whole answer: status, headers and body in separate small writes
        # meet Nagle's algorithm and delayed ACKs (40 ms a request on loopback).
        head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        head += f"Content-Length: {len(body)}\r\n\r\n"
        self.wfile.write(head.encode() + body)
        type(self).count += 1

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def http_server(delay: float = 0.0) -> Iterator[int]:
    with _server_process(HTTP_SERVER, str(delay)) as port:
        yield port


def _due_project(root: Path, count: int, changes: Callable[[dict[str, Any]], None]) -> Path:
    def edit(data: dict[str, Any]) -> None:
        data["delivery"].update(digest=False, batch=count + 10, lease_seconds=3600)
        changes(data)

    config = synth(root, 0, edit)
    docs = root / "docs"
    for f in docs.iterdir():
        f.unlink()
    names = [o["name"] for o in _offices(config)]
    for i in range(max(1, count // 100)):
        lines = ["关于近期重点工作的通知", ""] + [
            f"6月1日前，{names[(i + j) % len(names)]}完成第{i}-{j}号项目验收工作。"
            for j in range(min(100, count))
        ]
        (docs / f"due{i:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (docs / f"due{i:04d}.txt.meta.yaml").write_text(f"date: {DUE_DAY}\n", encoding="utf-8")
    return config


def _offices(config: Path) -> list[dict[str, Any]]:
    import yaml

    return yaml.safe_load(config.read_text(encoding="utf-8"))["offices"]


def _pipeline_send(config: Path) -> tuple[int, float]:
    from pipeline.config import load_config
    from pipeline.service import Service

    service = Service(load_config(config), worker="bench")
    try:
        service.reload_pass(SEND_NOW - dt.timedelta(hours=9))
        t0 = time.perf_counter()
        report = service.deliver_pass(SEND_NOW)
        return report.messages, time.perf_counter() - t0
    finally:
        service.close()


def send_phase(work: Path, count: int) -> list[Row]:
    return [_email_phase(work / "email", count), _webhook_phase(work / "hook", count)]


def _email_phase(root: Path, count: int) -> Row:
    with smtp_server() as port:

        def edit(data: dict[str, Any]) -> None:
            data["smtp"].update(host="127.0.0.1", port=port, timeout=30)
            for o in data["offices"]:
                o["webhooks"] = []

        config = _due_project(root, count, edit)
        sent, seconds = _pipeline_send(config)
        ours = sent / seconds
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = "a@example.cn", "b@example.cn", "提醒" * 10
        msg.set_content("工作提醒：请于6月1日前完成项目验收工作。\n" * 40)
        data = msg.as_bytes(policy=email.policy.SMTP)  # CRLF line ends, as SMTP wants
        t0 = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port, local_hostname="bench") as conn:
            for _ in range(count):
                conn.sendmail("a@example.cn", ["b@example.cn"], data)
        ceiling = count / (time.perf_counter() - t0)
    print(f"  email: {ours:.0f} msg/s beside smtplib {ceiling:.0f} msg/s")
    return _rate_row(f"send {count} reminders, email (aiosmtpd)", sent, seconds, ours, ceiling)


def _webhook_phase(root: Path, count: int) -> Row:
    import httpx

    with http_server() as port:
        url = f"http://127.0.0.1:{port}/hook"

        def edit(data: dict[str, Any]) -> None:
            for o in data["offices"]:
                o["email"] = []
                o["webhooks"] = [{"kind": "generic", "url": url}]

        config = _due_project(root, count, edit)
        sent, seconds = _pipeline_send(config)
        ours = sent / seconds
        body = json.dumps({"text": "工作提醒：请于6月1日前完成项目验收工作。" * 20}).encode()
        headers = {"Content-Type": "application/json"}
        with httpx.Client() as client:
            t0 = time.perf_counter()
            for _ in range(count):
                client.post(url, content=body, headers=headers)
            ceiling = count / (time.perf_counter() - t0)
    print(f"  webhook: {ours:.0f} req/s beside httpx loop {ceiling:.0f} req/s")
    return _rate_row(f"send {count} reminders, webhooks (loopback)", sent, seconds, ours, ceiling)


def _rate_row(figure: str, sent: int, seconds: float, ours: float, ceiling: float) -> Row:
    return {
        "figure": figure,
        "seconds": seconds,
        "detail": f"{sent} messages, {ours:.0f}/s; ceiling {ceiling:.0f}/s",
        "ratio": ours / ceiling,
        "target": "≥ 0.5 of ceiling",
        "ok": ours / ceiling >= 0.5,
    }


# --- several replicas on PostgreSQL --------------------------------------------------------

REPLICA_LATENCY = 0.005  # seconds a robot takes to answer, as a remote one would


def replicas(work: Path, count: int) -> list[Row]:
    """The same due batch delivered by one replica, then by two, on one PostgreSQL."""
    url = _pg_url()
    if url is None:
        print("  PostgreSQL not reachable: the replica figure is skipped")
        return []
    try:
        with http_server(REPLICA_LATENCY) as port:
            hook = f"http://127.0.0.1:{port}/hook"
            times = {n: _replica_run(work / f"replicas{n}", url, hook, count, n) for n in (1, 2)}
    finally:
        if "PIPELINE_BENCH_PG_URL" not in os.environ:
            _drop_pg()
    speedup = times[1] / times[2]
    print(f"  replicas: one {times[1]:.1f} s, two {times[2]:.1f} s")
    return [
        {
            "figure": f"deliver {count} due (webhooks, {REPLICA_LATENCY * 1000:.0f} ms each), 2 replicas",
            "seconds": times[2],
            "detail": f"one replica {times[1]:.1f} s; speed-up ×{speedup:.2f}",
            "ratio": speedup,
            "target": "two faster than one",
            "ok": speedup > 1.2,
        }
    ]


def _replica_run(root: Path, url: str, hook: str, count: int, replicas: int) -> float:
    from pipeline.config import load_config
    from pipeline.ledger import open_ledger, schema

    def edit(data: dict[str, Any]) -> None:
        data["store"] = url
        data["delivery"]["batch"] = 50
        for o in data["offices"]:
            o["email"] = []
            o["webhooks"] = [{"kind": "generic", "url": hook}]

    config = _due_project(root, count, edit)
    with open_ledger(url) as ledger:  # a clean ledger for each run
        with ledger._engine.begin() as conn:  # noqa: SLF001
            for table in reversed(schema.metadata.sorted_tables):
                if table.name != "schema_version":
                    conn.execute(table.delete())
    from pipeline.service import Service

    service = Service(load_config(config), worker="planner")
    service.reload_pass(SEND_NOW - dt.timedelta(hours=9))  # planned once, not timed
    service.close()
    go = root / "go"
    script = str(Path(__file__).with_name("_replica.py"))
    procs = [
        subprocess.Popen(
            [sys.executable, script, str(config), SEND_NOW.isoformat(), str(go), str(i)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(replicas)
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    t0 = time.perf_counter()
    go.touch()
    sent = sum(int(p.communicate(timeout=600)[0].strip() or 0) for p in procs)
    seconds = time.perf_counter() - t0
    assert sent == count, f"{sent} of {count} sent"
    return seconds


# --- extraction and resolver ---------------------------------------------------------------


def extraction(work: Path) -> list[Row]:
    import extract_bench as eb

    rows = []
    corpus = eb.default_corpus()
    sets = [("corpus", corpus)] if corpus.is_dir() else []
    synthetic = work / "extract"
    synth(synthetic, 10_000)
    sets.append(("synthetic 10k", synthetic / "docs"))
    for label, folder in sets:
        with contextlib.redirect_stderr(open(os.devnull, "w")):  # noqa: SIM115
            docs, _, _ = eb.load(folder)
        rows.extend(_extraction_rows(label, docs, eb))
    return rows


def _extraction_rows(label: str, docs: list[Any], eb: Any) -> list[Row]:
    """Extraction beside the regex scan, and the two floors under it in the same run: the
    candidate scan alone, and that scan with the grammar matched at the candidates (finding
    the expressions without interpreting them): what no extraction with this grammar skips."""
    from pipeline.analysis import build_calendar, document_tasks
    from pipeline.config import load_config
    from pipeline.route import Router

    config = load_config(Path(__file__).resolve().parents[1] / "config.yaml")
    cal, router = build_calendar(config), Router(config)
    texts = ["\n".join(b.text for b in d.blocks) for d in docs]
    blocks = [b.text for d in docs for b in d.blocks]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    scan = best(lambda: [sum(1 for _ in eb.BASELINE.finditer(t)) for t in texts], 3)
    floors = [
        (
            f"  floor: candidate scan only, {label}",
            best(eb.uncached(lambda: eb.run_candidates(blocks)), 3),
        ),
        (
            f"  floor: + grammar matches, {label}",
            best(eb.uncached(lambda: eb.run_expressions(blocks)), 3),
        ),
    ]
    ours = best(
        eb.uncached(
            lambda: [
                document_tasks(d, config, d.published or dt.date(2024, 1, 1), cal, router)
                for d in docs
            ]
        ),
        2,
    )
    ratio = scan / ours
    print(f"  extraction {label}: {mb / ours:.1f} MB/s beside regex {mb / scan:.1f} MB/s")
    rows: list[Row] = [
        {
            "figure": f"extraction, {label} ({mb:.1f} MB)",
            "seconds": ours,
            "detail": f"{mb / ours:.2f} MB/s; regex scan {mb / scan:.1f} MB/s",
            "ratio": ratio,
            "target": "≥ 0.25 of regex",
            "ok": ratio >= 0.25,
        }
    ]
    for figure, seconds in floors:
        rows.append(
            {
                "figure": figure,
                "seconds": seconds,
                "detail": f"{mb / seconds:.1f} MB/s (no interpretation, tasks or routing)",
                "ratio": scan / seconds,
            }
        )
    return rows


def resolver() -> list[Row]:
    from pipeline.deadlines import resolve
    from tests.deadlines.labelled import load

    rows = load()
    ours = statistics.median(best(lambda r=r: resolve(r.expr, r.doc_date), 3) for r in rows)
    out: Row = {
        "figure": f"resolver, {len(rows)} labelled expressions",
        "seconds": ours,
        "detail": f"{ours * 1e6:.1f} µs per expression",
    }
    try:
        import jionlp  # type: ignore[import-not-found]
    except ImportError:
        out["detail"] += " (JioNLP not installed: pip install -e '.[bench]')"
    else:
        base = dt.datetime.combine(rows[0].doc_date, dt.time())

        def peer(r: Any) -> None:
            with contextlib.suppress(Exception):
                jionlp.parse_time(r.expr, time_base=base)

        theirs = statistics.median(best(lambda r=r: peer(r), 3) for r in rows)
        out["detail"] += f"; JioNLP {theirs * 1e6:.1f} µs"
        out["ratio"] = theirs / ours
    print(f"  resolver: {out['detail']}")
    return [out]


# --- the table -------------------------------------------------------------------------------


def print_table(rows: list[Row]) -> None:
    print(f"\n{'figure':52} {'seconds':>9} {'RSS MB':>7} {'ratio':>7}  target / detail")
    for r in rows:
        secs = r.get("seconds")
        rss = r.get("rss_mb")
        ratio = r.get("ratio")
        ok = r.get("ok")
        if ok is None and r.get("target") and secs is not None:
            ok = _meets(r["target"], secs, rss)
        verdict = "" if ok is None else ("PASS " if ok else "FAIL ")
        print(
            f"{r['figure']:52} "
            f"{(f'{secs:.3f}' if isinstance(secs, float) else str(secs or '')):>9} "
            f"{(f'{rss:.0f}' if rss else ''):>7} "
            f"{(f'{ratio:.3f}' if ratio is not None else ''):>7}  "
            f"{verdict}{r.get('target', '')} {r.get('detail', '')}".rstrip()
        )


def _meets(target: str, seconds: float, rss: float | None) -> bool | None:
    """Targets written "< S s, < M MB" (either part alone too)."""
    parts = [p.strip() for p in target.split(",")]
    ok = True
    for p in parts:
        if p.endswith(" s"):
            ok &= seconds < float(p[1:-2])
        elif p.endswith(" MB") and rss is not None:
            ok &= rss < float(p[1:-3])
    return ok
