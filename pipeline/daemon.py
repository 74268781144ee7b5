"""The daemon: APScheduler is only the clock; the ledger holds every reminder.

Two jobs on one BackgroundScheduler (explicit time zone, ``coalesce``, one instance
each, no misfire grace limit so a late run is never dropped): ``deliver`` every
``daemon.tick_seconds`` (catch up, claim, send, record) and ``reload`` every
``daemon.reload_seconds`` (re-ingest changed documents and re-plan). A lock keeps them
from overlapping. The reload job only tries the ledger's reload lock: while another
replica reads the documents it leaves them to it (never waiting to read, so it does not
hold up this daemon's deliveries; it may still wait for the planning lock), and warns when
that has lasted an hour. SIGTERM/SIGINT set a stop flag: the running job stops between
messages, unsent claims are released for the next run, and the process exits.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from collections.abc import Callable

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from pipeline.config import Config
from pipeline.errors import PipelineError
from pipeline.heartbeat import Heartbeat
from pipeline.ledger.engine import redact
from pipeline.service import Service, TickReport

log = logging.getLogger("pipeline.daemon")


class Daemon:
    """Runs ticks on a schedule until stopped."""

    def __init__(
        self,
        config: Config,
        service: Service | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.config = config
        self.service = service or Service(config)
        self.service.source = "daemon"
        self.stop_event = threading.Event()
        self._lock = threading.Lock()
        self._clock = clock or (lambda: dt.datetime.now(config.tz))
        self.heartbeat = Heartbeat()

    def reload(self) -> None:
        self._run("reload", ingest=True, deliver=False)

    def deliver(self) -> None:
        self._run("deliver", ingest=False, deliver=True)

    def _run(self, name: str, *, ingest: bool, deliver: bool) -> None:
        if self.stop_event.is_set():
            return
        with self._lock:
            try:
                now = self._clock()
                if ingest:
                    report = self.service.reload_pass(now)
                else:
                    report = self.service.deliver_pass(now, self.stop_event)
            except PipelineError as exc:  # e.g. database locked: the next run retries
                log.error("%s failed: %s", name, exc)
                return
            except Exception as exc:  # a bug must not kill the schedule: one line, next run
                log.error("%s failed unexpectedly: %s: %s", name, type(exc).__name__, exc)
                log.debug("details", exc_info=True)
                return
        for e in report.errors:
            log.warning("%s", e)
        if ingest and (stalled := self.heartbeat.stalled(report, now)):
            log.warning("%s", stalled)
        line = self.heartbeat.line(report, self._clock(), ingest=ingest, deliver=deliver)
        if line:  # every pass that did something, and at least one an hour when idle
            log.info("%s", line)

    def start(self) -> BackgroundScheduler:
        tz = self.config.tz
        scheduler = BackgroundScheduler(
            timezone=tz,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        first = dt.datetime.now(tz)
        scheduler.add_job(
            self.reload,
            IntervalTrigger(seconds=self.config.daemon.reload_seconds, timezone=tz),
            id="reload",
            next_run_time=first,
        )
        scheduler.add_job(
            self.deliver,
            IntervalTrigger(seconds=self.config.daemon.tick_seconds, timezone=tz),
            id="deliver",
            next_run_time=first + dt.timedelta(milliseconds=1),
        )
        scheduler.start()
        return scheduler

    def stop(self, scheduler: BackgroundScheduler) -> None:
        self.stop_event.set()
        scheduler.shutdown(wait=True)  # lets a running job finish its current message
        try:
            released = self.service.release_claims()
            if released:
                log.info("released %d unsent claims for the next run", released)
        finally:
            self.service.close()


def run_daemon(config: Config) -> None:
    """Run until SIGTERM or SIGINT."""
    root = logging.getLogger().level
    logging.getLogger("pipeline").setLevel(min(root, logging.INFO))
    if root > logging.DEBUG:  # APScheduler logs every job run at INFO: only with -vv
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    daemon = Daemon(config)
    stop_requested = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        log.info("received %s, stopping", signal.Signals(signum).name)
        stop_requested.set()
        daemon.stop_event.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    scheduler = daemon.start()
    log.info(
        "daemon started: tick every %ss, reload every %ss, store %s",
        config.daemon.tick_seconds,
        config.daemon.reload_seconds,
        redact(config.store_url),
    )
    while not stop_requested.wait(1.0):
        pass
    daemon.stop(scheduler)
    log.info("daemon stopped")


__all__ = ["Daemon", "TickReport", "run_daemon"]
