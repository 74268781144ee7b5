"""/metrics in the Prometheus text format (prometheus_client), read from the ledger at scrape
time, so every replica and the daemon report the same numbers.

Access: a signed-in operator, or ``Authorization: Bearer <token>`` with the sign-in token
(``web.token_env``) for a scraper.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import TYPE_CHECKING

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from pipeline.desk.board import lights_count
from pipeline.ledger.base import STATES
from pipeline.web import auth

if TYPE_CHECKING:
    from pipeline.web.app import DeskApp


class LedgerCollector:
    """One scrape: reminder states per channel, tasks per light, the last tick."""

    def __init__(self, app: DeskApp) -> None:
        self.app = app

    def collect(self) -> Iterator[Metric]:
        desk, now = self.app.desk, self.app.now()
        counts = desk.ledger.reminder_counts()
        channels = sorted({c for _, c in counts})
        sent = CounterMetricFamily(
            "pipeline_reminders_sent", "Reminders delivered, by channel", labels=["channel"]
        )
        failed = CounterMetricFamily(
            "pipeline_reminders_failed",
            "Reminders that failed for good, by channel",
            labels=["channel"],
        )
        by_state = GaugeMetricFamily(
            "pipeline_reminders",
            "Reminders in the ledger by state and channel",
            labels=["state", "channel"],
        )
        for ch in channels:
            sent.add_metric([ch], counts.get(("sent", ch), 0))
            failed.add_metric([ch], counts.get(("failed", ch), 0))
            for state in STATES:
                by_state.add_metric([state, ch], counts.get((state, ch), 0))
        yield sent
        yield failed
        yield by_state
        tasks = GaugeMetricFamily("pipeline_tasks", "Active tasks by light", labels=["light"])
        for light, n in lights_count(desk.rows(now)).items():
            tasks.add_metric([light], n)
        yield tasks
        yield GaugeMetricFamily(
            "pipeline_tasks_deferred",
            "Active tasks whose reminders are stored when the first one comes near",
            value=desk.ledger.count_deferred(),
        )
        pending = desk.ledger.extensions(states=("requested",))
        yield GaugeMetricFamily(
            "pipeline_extension_requests_pending",
            "Extension requests waiting for a decision",
            value=len(pending),
        )
        ticks = desk.ledger.ticks()
        if ticks:
            last = ticks[0]
            yield GaugeMetricFamily(
                "pipeline_last_tick_timestamp_seconds",
                "When the last pass finished (Unix time)",
                value=last.finished_at.timestamp(),
            )
            yield GaugeMetricFamily(
                "pipeline_tick_duration_seconds", "Duration of the last pass", value=last.seconds
            )
            yield GaugeMetricFamily(
                "pipeline_last_tick_ok", "1 when the last pass succeeded", value=1 if last.ok else 0
            )
        health = desk.health(now)
        yield GaugeMetricFamily(
            "pipeline_daemon_alive",
            "1 when a daemon passed recently",
            value=1 if health["daemon_alive"] else 0,
        )


def _authorised(app: DeskApp, request: Request) -> bool:
    if auth.signed_in(request):
        return True
    header = request.headers.get("authorization", "")
    token = app.signin.token
    if token and header.lower().startswith("bearer "):
        return hmac.compare_digest(header[7:].strip().encode(), token.encode())
    return False


async def endpoint(request: Request) -> Response:
    app: DeskApp = request.app.state.desk
    if not _authorised(app, request):
        return Response(
            "sign in, or send Authorization: Bearer <token>\n",
            status_code=401,
            media_type="text/plain",
            headers={"WWW-Authenticate": "Bearer"},
        )
    registry = CollectorRegistry(auto_describe=False)
    registry.register(LedgerCollector(app))
    body = await run_in_threadpool(generate_latest, registry)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
