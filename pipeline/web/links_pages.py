"""Pages opened from signed links (no sign-in: the link is the credential) and calendar feeds.

GET shows the task and a form and changes nothing; POST records the answer. A forged,
altered, expired or used link gets a page saying so, and changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from pipeline.desk.desk import DeskError
from pipeline.desk.links import ACTION_NAMES, LinkError

if TYPE_CHECKING:
    from pipeline.web.app import DeskApp

REFUSED = {
    "malformed": ("链接无效", "链接不完整或格式不正确，请从原通知中重新打开。"),
    "signature": ("链接无效", "链接校验未通过（可能被改动或伪造），未做任何登记。"),
    "expired": (
        "链接已过期",
        "链接已超过有效期，未做任何登记。请回复督查室，或等待下一次提醒中的新链接。",
    ),
    "used": (
        "链接已使用",
        "该链接已经提交过一次，不能重复使用。如需补充，请使用下一次提醒中的新链接或联系督查室。",
    ),
    "unknown": ("链接无效", "链接对应的任务或单位已不存在，未做任何登记。"),
}
DONE_TEXT = {
    "done": "已登记办结。该任务对贵单位的提醒已停止。",
    "progress": "已记录进度情况，督查室可在督查台看到。",
    "extension requested": "已提交延期申请，待督查室审核；审核通过前，原完成时限不变。",
    "done for every office": "已登记办结（代各责任单位），相关提醒已停止。",
    "note": "已记录督办意见。",
}


def _app(request: Request) -> DeskApp:
    return request.app.state.desk  # type: ignore[no-any-return]


def _refused(app: DeskApp, request: Request, exc: LinkError) -> Response:
    title, message = REFUSED.get(exc.reason, REFUSED["signature"])
    status = 410 if exc.reason in ("expired", "used") else 403
    return app.render(request, "web/message.html.j2", status, title=title, message=message)


async def answer(request: Request) -> Response:
    app = _app(request)
    token = request.path_params["token"]
    now = app.now()
    try:
        claim, task = await run_in_threadpool(app.desk.check_link, token, now)
    except LinkError as exc:
        return _refused(app, request, exc)
    ctx = {
        "claim": claim,
        "task": task,
        "action_name": ACTION_NAMES[claim.action],
        "token": token,
        "error": None,
        "form": {},
    }
    if request.method == "GET":
        return app.render(request, "web/link.html.j2", **ctx)
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        _, what = await run_in_threadpool(app.desk.answer, token, form, app.now())
    except LinkError as exc:
        return _refused(app, request, exc)
    except DeskError as exc:
        return app.render(
            request, "web/link.html.j2", 400, **{**ctx, "error": exc.zh, "form": form}
        )
    return app.render(
        request,
        "web/message.html.j2",
        title="提交成功",
        message=DONE_TEXT[what],
        task_text=task.text,
    )


async def calendar(request: Request) -> Response:
    app = _app(request)
    office = request.path_params["office_id"]
    links = app.desk.links
    try:
        if links is None or links.calendar_office(request.query_params.get("token", "")) != office:
            raise LinkError("calendar token does not match", "signature")
    except LinkError:
        return Response(
            "calendar token missing or invalid\n", status_code=403, media_type="text/plain"
        )
    try:
        body = await run_in_threadpool(app.desk.calendar, office, app.now())
    except DeskError:
        return Response("unknown office\n", status_code=404, media_type="text/plain")
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{office}.ics"'},
    )
