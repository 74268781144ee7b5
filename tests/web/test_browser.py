"""The desk in a real headless Chromium against a real `pipeline serve` on 127.0.0.1.

Screenshots of the board and a task page are saved under the test's temporary folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pipeline.config import load_config

from ..conftest import SmtpSink, office
from .conftest import ENV, DeskProject, MakeDesk, body_links, eml_links, sign_in

TZ = ZoneInfo("Asia/Shanghai")
KONGGUI = "六大片区控规调整"  # due 2020-10-31, lead shangdu (assist zrgh, zjj)
FANGAN = "建筑方案设计"  # due 2020-11-30
LVHUA = "全年新增绿化面积350万平方米"  # due 2020-12-31


def _task_id(desk: DeskProject, needle: str) -> str:
    with desk.ledger() as ledger:
        (task,) = [t for t in ledger.tasks() if needle in t.text]
        return task.id


def _light(page: Any, task_id: str) -> str:
    return page.locator(f"tr[data-task='{task_id}']").first.get_attribute("data-light")


def test_board_lights_on_the_seed_for_a_given_clock(
    make_desk: MakeDesk, page: Any, tmp_path: Path
) -> None:
    desk = make_desk()
    desk.tick("2020-11-25T09:30")
    lvhua = _task_id(desk, LVHUA)
    with desk.ledger() as ledger:
        ledger.acknowledge(lvhua, None, dt.datetime(2020, 11, 25, 9, 40, tzinfo=TZ))
    desk.start(now="2020-11-25T10:00")

    page.goto(desk.url + "/")
    assert "/login" in page.url  # nothing is public
    sign_in(page, desk)
    assert page.url == desk.url + "/"
    assert _light(page, _task_id(desk, KONGGUI)) == "red"  # 10-31: overdue
    assert _light(page, _task_id(desk, FANGAN)) == "yellow"  # 11-30: within warn_days (7)
    assert _light(page, _task_id(desk, "两个安置区完成群众回迁")) == "green"  # 12-31
    assert _light(page, lvhua) == "grey"  # done
    assert page.locator("tr[data-light='none']").count() > 0  # undated tasks
    card = page.locator(".counts [data-office='shangdu']")
    assert "商都历史文化区建设指挥部" in card.inner_text()
    assert "2020年11月25日（星期三）" in page.inner_text("header")
    page.screenshot(path=str(tmp_path / "board.png"))  # the first screen (README picture)
    page.screenshot(path=str(tmp_path / "board-full.png"), full_page=True)

    page.select_option("select[name=light]", "red")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    lights = {
        page.locator("tr[data-task]").nth(i).get_attribute("data-light")
        for i in range(page.locator("tr[data-task]").count())
    }
    assert lights == {"red"}

    page.click(f"tr[data-task='{_task_id(desk, KONGGUI)}'] a")
    page.wait_for_load_state()
    text = page.inner_text("main")
    assert "2020年10月31日（星期六）" in text and "已逾期25天" in text
    assert "力争10月底前完成六大片区控规调整" in text  # the sentence in context
    assert "高代王城遗址板块" in text  # its section path
    assert page.locator("tr[data-reminder]").count() > 0
    page.screenshot(path=str(tmp_path / "task.png"), full_page=True)
    assert (tmp_path / "board.png").stat().st_size > 10_000
    assert (tmp_path / "task.png").stat().st_size > 10_000


def test_a_done_link_from_the_outbox_stops_the_reminders(make_desk: MakeDesk, page: Any) -> None:
    desk = make_desk()
    desk.tick("2020-10-23T09:30")
    (eml,) = desk.outbox.glob("*.eml")
    links = eml_links(eml)
    assert set(links) == {"办结", "报告进度", "申请延期"}
    assert all(u.startswith(desk.url + "/a/") for us in links.values() for u in us)
    task_id = _task_id(desk, KONGGUI)
    with desk.ledger() as ledger:
        pending = [
            r
            for r in ledger.reminders(task_id=task_id, states=("pending",))
            if r.office == "shangdu"
        ]
    assert any(r.fire_at.astimezone(TZ).date() == dt.date(2020, 10, 28) for r in pending)
    desk.start(now="2020-10-23T10:00")

    for _ in range(2):  # GET shows the form and changes nothing, however often
        page.goto(links["办结"][0])
        assert "办结" in page.inner_text("h1") and KONGGUI in page.inner_text("main")
    with desk.ledger() as ledger:
        assert ledger.answers(task_id=task_id) == []
        assert len(ledger.reminders(task_id=task_id, states=("pending",))) >= len(pending)
    page.fill("textarea[name=note]", "控规调整已报市局审批")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "提交成功" in page.inner_text("h1")
    with desk.ledger() as ledger:
        assert (task_id, "shangdu") in ledger.acknowledged()
        (answer,) = ledger.answers(task_id=task_id)
        assert (answer.kind, answer.office, answer.text) == (
            "done",
            "shangdu",
            "控规调整已报市局审批",
        )
        assert [
            r
            for r in ledger.reminders(task_id=task_id, states=("pending",))
            if r.office == "shangdu"
        ] == []
    page.goto(links["办结"][0])  # a used link says so
    assert "已使用" in page.inner_text("h1")

    desk.tick("2020-10-28T09:30")
    later = [p for p in desk.outbox.glob("*.eml") if p != eml]
    assert all(KONGGUI not in p.read_bytes().decode("utf-8", "replace") for p in later)
    with desk.ledger() as ledger:
        sent = ledger.reminders(task_id=task_id, states=("sent",))
        assert [r.kind for r in sent] == ["before-7"]  # only the one clicked from


def test_an_extension_request_approved_on_the_task_page_moves_the_deadline(
    make_desk: MakeDesk, page: Any
) -> None:
    desk = make_desk()
    desk.tick("2020-10-23T09:30")
    (eml,) = desk.outbox.glob("*.eml")
    task_id = _task_id(desk, KONGGUI)
    desk.start(now="2020-10-23T10:00")

    page.goto(eml_links(eml)["申请延期"][0])
    page.fill("input[name=due]", "2020-11-20")
    page.fill("textarea[name=reason]", "市局审批周期延长")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "提交成功" in page.inner_text("h1")
    with desk.ledger() as ledger:
        (ext,) = ledger.extensions(task_id=task_id)
        assert (ext.state, ext.new_due, ext.old_due) == (
            "requested",
            dt.date(2020, 11, 20),
            dt.date(2020, 10, 31),
        )
        assert ledger.task(task_id).due == dt.date(2020, 10, 31)  # a request moves nothing

    sign_in(page, desk)
    page.goto(f"{desk.url}/task/{task_id}")
    assert "待审核的延期申请" in page.inner_text("main")
    assert "市局审批周期延长" in page.inner_text(f"[data-extension='{ext.id}']")
    page.click(f"[data-extension='{ext.id}'] button[value=approve]")
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert "已批准延期" in main and "2020年11月20日（星期五）" in main and "已延期" in main
    with desk.ledger() as ledger:
        task = ledger.task(task_id)
        assert task.due == dt.date(2020, 11, 20) and "extended" in task.flags
        pending = ledger.reminders(task_id=task_id, states=("pending",))
        assert pending and {r.due for r in pending} == {dt.date(2020, 11, 20)}
        (ext,) = ledger.extensions(task_id=task_id)
        assert (ext.state, ext.decided_by) == ("approved", "operator")
    # The plan follows: the T-7 of the new deadline (Friday 11-13) is planned.
    plan = desk.cli("plan", "--now", "2020-10-23T10:00", "--json", "--limit", "0")
    assert plan.returncode == 0, plan.stderr
    assert (
        '"due": "2020-11-20"' in plan.stdout
        and '"fire_at": "2020-11-13T09:00:00+08:00"' in plan.stdout
    )


def test_a_tampered_link_is_refused_and_changes_nothing(make_desk: MakeDesk, page: Any) -> None:
    desk = make_desk()
    desk.tick("2020-10-23T09:30")
    (eml,) = desk.outbox.glob("*.eml")
    url = eml_links(eml)["办结"][0]
    desk.start(now="2020-10-23T10:00")
    payload, rest = url.rsplit("/a/", 1)[1].split(".", 1)
    # Another office in the payload, the old signature kept.
    import base64
    import json

    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data[1] = "zrgh"
    forged = (
        base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode())
        .decode()
        .rstrip("=")
    )
    for bad in (
        f"{desk.url}/a/{forged}.{rest}",
        url[:-3] + ("abc" if url[-3:] != "abc" else "xyz"),
        f"{desk.url}/a/garbage",
    ):
        response = page.goto(bad)
        assert response.status == 403
        assert "链接无效" in page.inner_text("h1")
        assert page.locator("form[action^='/a/']").count() == 0
    with desk.ledger() as ledger:
        assert ledger.answers() == [] and ledger.acknowledged() == set()


def test_escalation_copy_is_worded_for_the_supervisor_and_its_link_works(
    make_desk: MakeDesk, page: Any, smtp_sink: SmtpSink
) -> None:
    def smtp(data: dict[str, Any]) -> None:
        data["smtp"].update(host="127.0.0.1", port=smtp_sink.port, timeout=5)

    desk = make_desk(smtp)
    desk.tick("2020-11-03T09:30")  # overdue-1 of 10-31
    to_ducha = [m for m in smtp_sink.messages if m["To"] == "ducha@gcq.example.gov.cn"]
    to_lead = [m for m in smtp_sink.messages if m["To"] == "shangdu@gcq.example.gov.cn"]
    assert len(to_ducha) == 1 and len(to_lead) == 1
    sup = to_ducha[0]
    body = sup.get_body(("plain",)).get_content()
    assert sup["Subject"].startswith("【逾期督办】商都历史文化区建设指挥部：")
    assert (
        "逾期单位：商都历史文化区建设指挥部（自2020年11月1日（星期日）起逾期，已逾期3天）" in body
    )
    assert "联系方式：商都历史文化区建设指挥部：shangdu@gcq.example.gov.cn" in body
    assert "向督查室反馈" not in body  # it does not ask the supervision office to report to itself
    links = body_links(sup)
    assert set(links) == {"督办处理"}
    assert set(body_links(to_lead[0])) == {"办结", "报告进度", "申请延期"}
    html = sup.get_body(("html",)).get_content()
    assert "逾期单位" in html and links["督办处理"][0].replace("&", "&amp;") in html
    task_id = _task_id(desk, KONGGUI)
    desk.start(now="2020-11-03T10:00")

    page.goto(links["督办处理"][0])
    assert "督办处理" in page.inner_text("h1")
    page.fill("textarea[name=note]", "已电话督促，承诺本周报送")
    page.click("button[value=note]")
    page.wait_for_load_state()
    assert "提交成功" in page.inner_text("h1")
    with desk.ledger() as ledger:
        (note,) = ledger.answers(task_id=task_id)
        assert (note.kind, note.office, note.by) == ("note", "ducha", "supervisor")
        assert task_id not in ledger.done_tasks()

    # The next escalation's link registers 办结 for every office, from the command line too.
    desk.tick("2020-11-06T09:30")
    second = [m for m in smtp_sink.messages if m["To"] == "ducha@gcq.example.gov.cn"][1]
    done = desk.cli(
        "done", "--token", body_links(second)["督办处理"][0], "--now", "2020-11-06T10:00"
    )
    assert done.returncode == 0, done.stderr
    with desk.ledger() as ledger:
        assert task_id in ledger.done_tasks()
        assert ledger.reminders(task_id=task_id, states=("pending",)) == []
    count = len(smtp_sink.messages)
    desk.tick("2020-11-09T09:30")
    assert all(
        KONGGUI not in m.get_body(("plain",)).get_content() for m in smtp_sink.messages[count:]
    )
    assert load_config(desk.config).fallback_office == "ducha" and office  # the shipped routing
    assert ENV["PIPELINE_TEST_ACK_KEY"] not in "".join(
        m.get_body(("plain",)).get_content() for m in smtp_sink.messages
    )


def test_the_board_without_a_login_goes_to_sign_in(make_desk: MakeDesk, page: Any) -> None:
    desk = make_desk()
    desk.tick("2020-10-23T09:30")
    desk.start()
    response = page.goto(desk.url + "/office/shangdu")
    assert response.ok and page.url.startswith(desk.url + "/login?next=")
    page.fill("input[name=password]", "wrong password")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "密码或令牌不正确" in page.inner_text("main")
    page.fill("input[name=password]", ENV["PIPELINE_TEST_WEB_TOKEN"])  # the token works too
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.url == desk.url + "/office/shangdu"  # back where it was going
    assert "商都历史文化区建设指挥部" in page.inner_text("h1")
    assert "/calendar/shangdu.ics?token=" in page.content()
    page.goto(desk.url + "/office/zrgh")  # 自然资源和规划局 assists the 商都 tasks
    assert "配合任务" in page.inner_text("main")
    assert page.locator("tr[data-task]").count() >= 3
    page.click("header form button")  # sign out
    page.wait_for_load_state()
    page.goto(desk.url + "/")
    assert "/login" in page.url
