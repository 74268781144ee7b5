"""Operator pages: sign-in, the board, a task, an office; forms to extend, decide, mark done."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from pipeline.desk.board import LIGHTS
from pipeline.desk.board import build as board_build
from pipeline.desk.desk import DeskError
from pipeline.errors import LedgerError
from pipeline.web import auth

if TYPE_CHECKING:
    from pipeline.web.app import DeskApp

TEMPLATES = (
    "web/login.html.j2",
    "web/board.html.j2",
    "web/task.html.j2",
    "web/office.html.j2",
    "web/link.html.j2",
    "web/message.html.j2",
)
SIGNIN_DELAY = 1.0  # seconds added to a failed sign-in, to slow down guessing


def _app(request: Request) -> DeskApp:
    return request.app.state.desk  # type: ignore[no-any-return]


def _safe_next(value: str | None) -> str:
    """Only local paths: never redirect off the desk after sign-in."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


async def login(request: Request) -> Response:
    app = _app(request)
    nxt = _safe_next(request.query_params.get("next"))
    if request.method == "GET":
        return app.render(request, "web/login.html.j2", next=nxt, error=None)
    form = await request.form()
    nxt = _safe_next(str(form.get("next") or nxt))
    if not auth.csrf_ok(request, str(form.get("csrf") or "")):
        return app.render(
            request, "web/login.html.j2", 400, next=nxt, error="页面已过期，请重新登录。"
        )
    ok = await run_in_threadpool(app.signin.check, str(form.get("password") or ""))
    if not ok:
        await asyncio.sleep(SIGNIN_DELAY)
        return app.render(request, "web/login.html.j2", 401, next=nxt, error="密码或令牌不正确。")
    request.session.clear()  # a fresh session (and CSRF token) after sign-in
    request.session["user"] = "operator"
    return RedirectResponse(nxt, status_code=303)


async def logout(request: Request) -> Response:
    form = await request.form()
    if auth.csrf_ok(request, str(form.get("csrf") or "")):
        request.session.clear()
    return RedirectResponse("/login", status_code=303)


def _need_login(request: Request) -> Response | None:
    from pipeline.web.app import login_required

    return login_required(request)


async def board(request: Request) -> Response:
    if (r := _need_login(request)) is not None:
        return r
    app = _app(request)
    q = request.query_params
    office = q.get("office") or None
    light = q.get("light") if q.get("light") in LIGHTS else None
    document = q.get("document") or None
    group = "document" if q.get("group") == "document" else "office"
    now = app.now()
    b = await run_in_threadpool(app.desk.board, now, office=office, light_=light, document=document)
    titles = await run_in_threadpool(app.desk.titles)
    return app.render(
        request,
        "web/board.html.j2",
        board=b,
        office=office,
        light=light,
        document=document,
        group=group,
        titles=titles,
    )


async def task(request: Request) -> Response:
    if (r := _need_login(request)) is not None:
        return r
    app = _app(request)
    try:
        view = await run_in_threadpool(
            app.desk.task_view, request.path_params["task_id"], app.now()
        )
    except DeskError as exc:
        return app.render(request, "web/message.html.j2", 404, title="未找到", message=exc.zh)
    return app.render(request, "web/task.html.j2", v=view, tz=app.config.tz, calendar_url=None)


async def task_post(request: Request) -> Response:
    if (r := _need_login(request)) is not None:
        return r
    app = _app(request)
    task_id = request.path_params["task_id"]
    action = request.path_params["action"]
    form = await request.form()
    if not auth.csrf_ok(request, str(form.get("csrf") or "")):
        return app.render(
            request,
            "web/message.html.j2",
            403,
            title="操作未执行",
            message="页面已过期或来源不明（CSRF 校验失败），请返回刷新后重试。",
        )
    now = app.now()
    try:
        if action == "extend":
            row, _ = await run_in_threadpool(
                app.desk.extend,
                task_id,
                str(form.get("due") or ""),
                str(form.get("reason") or ""),
                now,
            )
            flash = f"已将完成时限调整为{row.new_due.isoformat()}，提醒已重新安排。"
        elif action == "decide":
            approve = form.get("decision") == "approve"
            ext = await run_in_threadpool(
                app.desk.decide,
                int(str(form.get("extension") or 0)),
                approve,
                now,
                note=str(form.get("note") or ""),
            )
            flash = (
                f"已批准延期至{ext.new_due.isoformat()}，提醒已重新安排。"
                if approve
                else "已不同意延期申请，原完成时限不变。"
            )
        elif action == "done":
            office = str(form.get("office") or "") or None
            await run_in_threadpool(
                app.desk.mark_done, task_id, office, now, note=str(form.get("note") or "")
            )
            flash = "已登记办结，相关提醒已停止。"
        else:
            return app.render(
                request, "web/message.html.j2", 404, title="未找到", message="没有这个操作。"
            )
    except DeskError as exc:
        flash = f"未执行：{exc.zh}"
    except (LedgerError, ValueError) as exc:
        flash = f"未执行：{exc}"
    request.session["flash"] = flash
    return RedirectResponse(f"/task/{task_id}", status_code=303)


async def office(request: Request) -> Response:
    if (r := _need_login(request)) is not None:
        return r
    app = _app(request)
    office_id = request.path_params["office_id"]
    if office_id not in app.names:
        return app.render(
            request, "web/message.html.j2", 404, title="未找到", message="没有这个单位。"
        )
    now = app.now()
    rows = await run_in_threadpool(app.desk.rows, now)
    b = board_build(rows, office=office_id)
    assisting = list(
        {r.task.id: r for r in board_build(rows).rows if office_id in r.task.assist}.values()
    )
    answers = await run_in_threadpool(lambda: app.desk.ledger.answers(office=office_id))
    titles = await run_in_threadpool(app.desk.titles)
    cal = app.desk.links.calendar_url(office_id) if app.desk.links else None
    texts = {r.task.id: r.task.text for r in rows}
    return app.render(
        request,
        "web/office.html.j2",
        office_id=office_id,
        board=b,
        answers=list(reversed(answers)),
        titles=titles,
        calendar_url=cal,
        texts=texts,
        conf=app.config.office(office_id),
        assisting=assisting,
    )
