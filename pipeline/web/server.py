"""Serve the desk with uvicorn, one worker, until SIGTERM or Ctrl-C; optionally with the
daemon's scheduler in the same process (``pipeline run`` with ``web.enabled``)."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import socket
from collections.abc import Callable

import uvicorn

from pipeline.config import Config
from pipeline.errors import PipelineError
from pipeline.service import Service
from pipeline.web.app import create_app

log = logging.getLogger("pipeline.web")


def offset_clock(config: Config, start: dt.datetime) -> Callable[[], dt.datetime]:
    """A clock that reads ``start`` now and runs on from there (rehearsals with --now)."""
    shift = start - dt.datetime.now(config.tz)
    return lambda: dt.datetime.now(config.tz) + shift


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise PipelineError(
                f"web.listen: cannot listen on {host}:{port}: {exc.strerror}"
            ) from None


def _clean_exit_on_signals() -> None:
    """uvicorn stops on SIGTERM/SIGINT, then raises the signal again under the handlers found
    at start: these make that a clean exit (status 0) rather than a kill."""

    def note(signum: int, _frame: object) -> None:
        log.info("received %s, stopped", signal.Signals(signum).name)

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, note)


def serve(
    config: Config,
    *,
    with_daemon: bool = False,
    listen: str | None = None,
    clock: Callable[[], dt.datetime] | None = None,
) -> None:
    """Serve until a signal. Raises ConfigError (no session key, no sign-in), PipelineError."""
    host, port = config.web.host, config.web.port
    if listen:
        host, _, p = listen.rpartition(":")
        host, port = host.strip("[]"), int(p)
    service = Service(config, worker=f"desk:{socket.gethostname()}")
    try:
        app = create_app(config, service=service, clock=clock)
        _check_port(host, port)
        daemon = scheduler = None
        if with_daemon:
            from pipeline.daemon import Daemon

            daemon = Daemon(config)
            scheduler = daemon.start()
            log.info(
                "daemon started: tick every %ss, reload every %ss",
                config.daemon.tick_seconds,
                config.daemon.reload_seconds,
            )
        # uvicorn's access log is off: answer links and calendar URLs carry credentials.
        # The app logs each request itself, with those cut out (AccessLog).
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                host=host,
                port=port,
                workers=1,
                access_log=False,
                log_config=None,
                lifespan="off",
                timeout_graceful_shutdown=5,
                server_header=False,
            )
        )
        log.info(
            "desk listening on http://%s:%d (public URL %s)", host, port, config.web.public_url
        )
        _clean_exit_on_signals()
        try:
            server.run()
        finally:
            if daemon is not None and scheduler is not None:
                daemon.stop(scheduler)
        log.info("desk stopped")
    finally:
        service.close()
