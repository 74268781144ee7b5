"""The desk as an ASGI application (Starlette): server-rendered pages, no JavaScript needed.

``create_app(config)`` builds it over one Service; the handlers are thin: they parse the
request, call `Desk` in a worker thread (the ledger is synchronous), and render a template
of ``pipeline/templates/web/`` with the project's Jinja2 environment (the Renderer's).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pipeline.config import Config
from pipeline.desk.board import LIGHT_NAMES, LIGHTS
from pipeline.desk.desk import Desk
from pipeline.errors import ConfigError, PipelineError, TemplateError
from pipeline.render import cn_date
from pipeline.service import Service
from pipeline.web import auth, links_pages, metrics, pages

Clock = Callable[[], dt.datetime]
log = logging.getLogger("pipeline.web")
access_log = logging.getLogger("pipeline.web.access")


class DeskApp:
    """State shared by the handlers: the desk, the sign-in check, the clock, the templates."""

    def __init__(self, config: Config, service: Service, clock: Clock) -> None:
        self.config = config
        self.service = service
        self.desk = Desk(service)
        self.signin = auth.SignIn(config)
        self.clock = clock
        self.env = service.renderer.env
        self.names = {o.id: o.name for o in config.offices}
        for name in pages.TEMPLATES:
            try:
                self.env.get_template(name)
            except jinja2.TemplateError as exc:
                raise TemplateError(f"template {name}: {exc}") from exc

    def now(self) -> dt.datetime:
        return self.clock()

    def render(self, request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        now = self.now()
        signed = auth.signed_in(request) if "session" in request.scope else False
        base = {
            "me": signed,
            "csrf": auth.csrf_token(request) if "session" in request.scope else "",
            "flash": request.session.pop("flash", None) if "session" in request.scope else None,
            "now": now.astimezone(self.config.tz),
            "today_cn": cn_date(now.astimezone(self.config.tz).date()),
            "names": self.names,
            "lights": LIGHTS,
            "light_names": LIGHT_NAMES,
            "public_url": self.config.web.public_url,
            "warn_days": self.config.web.warn_days,
            "fallback": self.config.fallback_office,
        }
        html = self.env.get_template(name).render({**base, **ctx})
        return HTMLResponse(
            html,
            status_code=status,
            headers={
                "Cache-Control": "no-store",
                "X-Frame-Options": "DENY",
                "Referrer-Policy": "no-referrer",
            },
        )


_LINK_PATH = re.compile(r"^/a/[^/]+")


class AccessLog:
    """One log line per request (INFO, logger ``pipeline.web.access``) with the credentials
    cut out: a link's token becomes "…" and the query string (calendar tokens) is dropped."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        status = 500

        async def recording(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, recording)
        finally:
            client = scope.get("client") or ("-", 0)
            access_log.info(
                "%s %s %s %d %.0fms",
                client[0],
                scope["method"],
                _LINK_PATH.sub("/a/…", scope["path"]),
                status,
                (time.monotonic() - started) * 1000,
            )


def desk_problems(config: Config, env: Any) -> list[str]:
    """What `pipeline check` reports about the desk: its pages' templates always; its
    session key and sign-in when `run` would serve it (web.enabled)."""
    problems = []
    for name in pages.TEMPLATES:
        try:
            env.get_template(name)
        except jinja2.TemplateError as exc:  # missing file or syntax error: one line each
            problems.append(f"templates: {name}: {exc}")
    if config.web.enabled:
        for check in (auth.session_secret, auth.SignIn):
            try:
                check(config)
            except ConfigError as exc:
                problems.append(str(exc))
    return problems


def login_required(request: Request) -> Response | None:
    if auth.signed_in(request):
        return None
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


async def unavailable(request: Request, exc: Exception) -> Response:
    """A ledger failure mid-request: a page saying so (503), never a traceback."""
    log.error("%s %s failed: %s", request.method, request.url.path.split("/a/")[0], exc)
    app: DeskApp = request.app.state.desk
    return app.render(
        request,
        "web/message.html.j2",
        503,
        title="暂时无法访问",
        message="督查台暂时无法读取数据，请稍后重试。",
    )


async def healthz(request: Request) -> Response:
    app: DeskApp = request.app.state.desk
    data = await run_in_threadpool(app.desk.health, app.now())
    return JSONResponse(data, status_code=200 if data["ok"] else 503)


def create_app(
    config: Config, *, service: Service | None = None, clock: Clock | None = None
) -> Starlette:
    """The ASGI app. Raises ConfigError (no session key, nobody could sign in)."""
    secret = auth.session_secret(config)
    service = service or Service(config, worker="desk")
    state = DeskApp(config, service, clock or (lambda: dt.datetime.now(config.tz)))
    routes = [
        Route("/healthz", healthz),
        Route("/metrics", metrics.endpoint),
        Route("/login", pages.login, methods=["GET", "POST"]),
        Route("/logout", pages.logout, methods=["POST"]),
        Route("/", pages.board),
        Route("/task/{task_id}", pages.task),
        Route("/task/{task_id}/{action}", pages.task_post, methods=["POST"]),
        Route("/office/{office_id}", pages.office),
        Route("/a/{token}", links_pages.answer, methods=["GET", "POST"]),
        Route("/calendar/{office_id}.ics", links_pages.calendar),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={PipelineError: unavailable},
        middleware=[
            Middleware(AccessLog),
            Middleware(
                SessionMiddleware,
                secret_key=secret,
                session_cookie="desk_session",
                max_age=int(config.web.session_hours * 3600),
                same_site="lax",
                https_only=config.web.public_url.startswith("https://"),
            ),
        ],
    )
    app.state.desk = state
    return app
