from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.channels.mime import email_bytes
from pipeline.errors import TemplateError
from pipeline.render import (
    TEMPLATE_NAMES,
    WEBHOOK_KINDS,
    Renderer,
    cn_date,
    days_phrase,
    kind_phrase,
    message_key,
    single_line,
)
from pipeline.templates import SHIPPED

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = SHIPPED


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2020, 10, 31), "2020年10月31日（星期六）"),
        (dt.date(2021, 1, 4), "2021年1月4日（星期一）"),
        (dt.date(2024, 2, 29), "2024年2月29日（星期四）"),
        (dt.date(2021, 6, 30), "2021年6月30日（星期三）"),
        (dt.date(2021, 10, 10), "2021年10月10日（星期日）"),
        ("2020-10-31", "2020年10月31日（星期六）"),
        (dt.datetime(2020, 10, 31, 23, 0), "2020年10月31日（星期六）"),
    ],
)
def test_cn_date(value: object, expected: str) -> None:
    assert cn_date(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("days", "expected"),
    [(7, "还有7天"), (1, "还有1天"), (0, "今天到期"), (-1, "已逾期1天"), (-3, "已逾期3天")],
)
def test_days_phrase(days: int, expected: str) -> None:
    assert days_phrase(days) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("before-30", "提前30天提醒"),
        ("before-7", "提前7天提醒"),
        ("before-1", "提前1天提醒"),
        ("before-0", "到期当日提醒"),
        ("overdue-1", "逾期督办"),
        ("overdue-3", "逾期督办"),
        ("something-else", "something-else"),
    ],
)
def test_kind_phrase(kind: str, expected: str) -> None:
    assert kind_phrase(kind) == expected


@pytest.mark.parametrize(
    ("now", "due", "phrase"),
    [
        (dt.datetime(2020, 10, 24, 9, 0), dt.date(2020, 10, 31), "还有7天"),
        (dt.datetime(2020, 10, 31, 23, 59), dt.date(2020, 10, 31), "今天到期"),
        (dt.datetime(2020, 10, 24, 0, 1), dt.date(2020, 10, 21), "已逾期3天"),
    ],
)
def test_days_counted_in_calendar_days(renderer, office, make_notice, now, due, phrase) -> None:
    tz = ZoneInfo("Asia/Shanghai")
    kind = "overdue-1" if due < now.date() else "before-7"
    msg = renderer.render_email(
        office, [make_notice(due=due, kind=kind)], now.replace(tzinfo=tz), to=["a@example.cn"]
    )
    assert phrase in msg.text and phrase in msg.subject
    assert cn_date(due) in msg.text


def test_today_is_taken_in_the_configured_time_zone(office, make_notice) -> None:
    instant = dt.datetime(2020, 10, 23, 17, 0, tzinfo=dt.UTC)  # 01:00 on the 24th in Beijing
    notice = make_notice(due=dt.date(2020, 10, 31))
    beijing = Renderer(TEMPLATES, tz=ZoneInfo("Asia/Shanghai"))
    utc = Renderer(TEMPLATES, tz=ZoneInfo("UTC"))
    assert "还有7天" in beijing.render_email(office, [notice], instant, to=["a@x.cn"]).text
    assert "还有8天" in utc.render_email(office, [notice], instant, to=["a@x.cn"]).text


def test_email_digest_content(renderer, office, make_notice, now) -> None:
    notices = [make_notice(1), make_notice(2, due=dt.date(2020, 10, 21), kind="overdue-1")]
    msg = renderer.render_email(office, notices, now, to=["fgw@example.cn"], cc=["czj@example.cn"])
    assert msg.channel == "email" and msg.office == "fgw"
    assert msg.to == ("fgw@example.cn",) and msg.cc == ("czj@example.cn",)
    assert msg.reminder_ids == ("rem001-before-7", "rem002-overdue-1")
    assert msg.subject.startswith("【督办】市发展改革委")
    assert "\n" not in msg.subject
    for body in (msg.text, msg.html):
        assert "完成老旧小区改造任务第1批" in body
        assert "2020年10月31日（星期六）" in body and "还有7天" in body
        assert "2020年10月21日（星期三）" in body and "已逾期3天" in body
        assert "提前7天提醒" in body and "逾期督办" in body
        assert "确保" in body and "市财政局" in body
        assert "《2020年市政府工作要点》" in body and "《《" not in body
        assert "确保10月底前完成老旧小区改造任务第1批。" in body
        assert "pipeline done task001" in body
        assert "督办" in body
    # overdue first
    assert msg.text.index("第2批") < msg.text.index("第1批")


def test_single_notice_uses_reminder_id_as_key(renderer, office, make_notice, now) -> None:
    msg = renderer.render_email(office, [make_notice(5)], now, to=["a@x.cn"])
    assert msg.key == "rem005-before-7"
    assert (
        msg.subject
        == "【工作提醒】市发展改革委：完成老旧小区改造任务第5批（时限2020年10月31日，还有7天）"
    )
    assert "督办" not in msg.text


def test_digest_key_is_stable_and_order_free(renderer, office, make_notice, now) -> None:
    a, b, c = make_notice(1), make_notice(2), make_notice(3)
    k1 = renderer.render_email(office, [a, b, c], now, to=["a@x.cn"]).key
    k2 = renderer.render_email(office, [c, a, b], now, to=["a@x.cn"]).key
    k3 = renderer.render_email(office, [a, b], now, to=["a@x.cn"]).key
    assert k1 == k2 != k3
    assert k1 == message_key(["rem003-before-7", "rem001-before-7", "rem002-before-7"])
    assert k1.startswith("digest-")


def test_html_is_escaped_text_is_not(renderer, office, make_notice, now) -> None:
    evil = '<script>alert("x")</script>推进&落实'
    msg = renderer.render_email(office, [make_notice(text=evil)], now, to=["a@x.cn"])
    assert "<script>" not in msg.html
    assert "&lt;script&gt;" in msg.html and "推进&amp;落实" in msg.html
    assert evil in msg.text


def test_subject_header_injection_is_impossible(renderer, office, make_notice, now) -> None:
    text = "推进项目\r\nBcc: x@evil.example\r\n\r\nbody"
    msg = renderer.render_email(office, [make_notice(text=text)], now, to=["a@x.cn"])
    assert "\r" not in msg.subject and "\n" not in msg.subject
    raw = email_bytes(msg, "督查室 <ducha@localhost>")
    headers = raw.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in headers


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=80))
def test_subject_is_always_one_clean_line(renderer, office, make_notice, now, text) -> None:
    msg = renderer.render_email(office, [make_notice(text=text)], now, to=["a@x.cn"])
    bad = {"Cc", "Cf", "Zl", "Zp"}
    assert not any(unicodedata.category(ch) in bad for ch in msg.subject)
    email_bytes(msg, "督查室 <ducha@localhost>")  # header accepted


def test_single_line() -> None:
    assert single_line(" a\r\nb\tc\u2028d\u202ee\x00f ") == "a b c de f"


@pytest.mark.parametrize("kind", WEBHOOK_KINDS)
def test_every_webhook_template_renders_valid_json(
    renderer, office, make_notice, now, kind
) -> None:
    notices = [make_notice(1), make_notice(2, due=dt.date(2020, 10, 21), kind="overdue-1")]
    notices.append(make_notice(3, text='引号"反斜杠\\换行\n制表\t<b>&'))
    msg = renderer.render_webhook(kind, office, notices, now, channel=f"webhook:{kind}")
    assert msg.payload is not None and msg.channel == f"webhook:{kind}"
    json.dumps(msg.payload)  # plain JSON types only
    assert len(msg.reminder_ids) == 3 and msg.subject
    flat = json.dumps(msg.payload, ensure_ascii=False)
    assert "完成老旧小区改造任务第1批" in flat and "已逾期3天" in flat
    if kind == "generic":
        assert msg.payload["office"] == {"id": "fgw", "name": "市发展改革委"}
        first = msg.payload["items"][0]
        assert first["days_left"] == -3 and first["due"] == "2020-10-21"
        assert first["kind_phrase"] == "逾期督办" and first["reminder_id"] == "rem002-overdue-1"
        assert first["document"] == "2020年市政府工作要点" and first["strength"] == "确保"
        assert first["sentence"].startswith("确保10月底前")
        assert msg.payload["items"][2]["text"] == '引号"反斜杠\\换行\n制表\t<b>&'
    elif kind == "dingtalk":
        assert msg.payload["msgtype"] == "markdown"
        assert set(msg.payload["markdown"]) == {"title", "text"}
    elif kind == "wecom":
        assert msg.payload["msgtype"] == "markdown"
        assert isinstance(msg.payload["markdown"]["content"], str)
    elif kind == "feishu":
        assert msg.payload["msg_type"] == "interactive"
        assert msg.payload["card"]["header"]["template"] == "red"


def test_wecom_payload_fits_4096_bytes(renderer, office, make_notice, now) -> None:
    long_text = "统筹推进城镇老旧小区改造、完整社区建设和城市更新行动，" * 12
    notices = [make_notice(i, text=f"{i}.{long_text}") for i in range(50)]
    msg = renderer.render_webhook("wecom", office, notices, now, channel="webhook:wecom")
    content = msg.payload["markdown"]["content"]
    assert len(content.encode("utf-8")) <= 4096
    shown = content.count("【提前7天提醒】")
    assert 0 < shown < 50
    assert f"…其余{50 - shown}项见邮件/系统" in content
    # The message carries exactly the reminders it shows; the caller sends the rest.
    assert len(msg.reminder_ids) == shown
    rest = [n for n in notices if n.reminder.id not in msg.reminder_ids]
    again = renderer.render_webhook("wecom", office, rest, now, channel="webhook:wecom")
    assert again.key != msg.key and not set(again.reminder_ids) & set(msg.reminder_ids)


@pytest.mark.parametrize(
    ("kind", "path", "limit"),
    [("dingtalk", ("markdown", "text"), 20000), ("feishu", (), 20000)],
)
def test_other_robots_are_capped_too(renderer, office, make_notice, now, kind, path, limit) -> None:
    long_text = "统筹推进城镇老旧小区改造、完整社区建设和城市更新行动，" * 12
    notices = [make_notice(i, text=f"{i}.{long_text}") for i in range(80)]
    payload = renderer.render_webhook(kind, office, notices, now, channel=kind).payload
    value = payload["markdown"]["text"] if path else json.dumps(payload, ensure_ascii=False)
    assert len(value.encode("utf-8")) <= limit
    assert "项见邮件/系统" in json.dumps(payload, ensure_ascii=False)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(st.text(min_size=1, max_size=300), min_size=1, max_size=25))
def test_any_task_text_gives_valid_capped_payloads(
    renderer, office, make_notice, now, texts
) -> None:
    notices = [make_notice(i, text=t) for i, t in enumerate(texts)]
    for kind in WEBHOOK_KINDS:
        msg = renderer.render_webhook(kind, office, notices, now, channel=kind)
        json.loads(json.dumps(msg.payload))
    content = renderer.render_webhook("wecom", office, notices, now, channel="w").payload
    assert len(content["markdown"]["content"].encode("utf-8")) <= 4096


def test_wecom_cut_when_even_the_frame_is_too_big(tmp_path, office, make_notice, now, tz) -> None:
    big = tmp_path / "wecom.j2"
    big.write_text('{"msgtype":"markdown","markdown":{"content":{{ ("长" * 3000) | tojson }}}}')
    r = Renderer(TEMPLATES, {"webhook_wecom.json.j2": big}, tz=tz)
    msg = r.render_webhook("wecom", office, [make_notice(1), make_notice(2)], now, channel="w")
    content = msg.payload["markdown"]["content"]
    assert len(content.encode("utf-8")) <= 4096 and content.endswith("…其余2项见邮件/系统")


def _override(tmp_path: Path, name: str, source: str, tz: ZoneInfo) -> Renderer:
    path = tmp_path / f"operator-{name}"
    path.write_text(source, encoding="utf-8")
    return Renderer(TEMPLATES, {name: path}, tz=tz)


def test_undefined_variable_raises_template_error(tmp_path, office, make_notice, now, tz) -> None:
    r = _override(tmp_path, "email_body.txt.j2", "第一行\n{{ office.name }} {{ nope }}\n", tz)
    with pytest.raises(TemplateError) as info:
        r.render_email(office, [make_notice()], now, to=["a@x.cn"])
    message = str(info.value)
    assert "email_body.txt.j2" in message and "line 2" in message and "nope" in message


def test_syntax_error_names_template_and_line(tmp_path, office, make_notice, now, tz) -> None:
    r = _override(tmp_path, "email_subject.txt.j2", "ok\n\n{% if %}\n", tz)
    with pytest.raises(TemplateError, match=r"email_subject\.txt\.j2.*line 3"):
        r.render_email(office, [make_notice()], now, to=["a@x.cn"])


def test_sandbox_blocks_attribute_escape(tmp_path, office, make_notice, now, tz) -> None:
    r = _override(tmp_path, "email_subject.txt.j2", "{{ ''.__class__.__mro__ }}", tz)
    with pytest.raises(TemplateError) as info:
        r.render_email(office, [make_notice()], now, to=["a@x.cn"])
    assert isinstance(info.value.__cause__, jinja2.exceptions.SecurityError)
    assert "email_subject.txt.j2" in str(info.value)


def test_sandbox_blocks_format_string_escape(tmp_path, office, make_notice, now, tz) -> None:
    src = "{{ '{0.__class__.__mro__}'.format(office) }}"
    r = _override(tmp_path, "email_subject.txt.j2", src, tz)
    with pytest.raises(TemplateError):
        r.render_email(office, [make_notice()], now, to=["a@x.cn"])


def test_payload_that_is_not_json_raises(tmp_path, office, make_notice, now, tz) -> None:
    r = _override(tmp_path, "webhook_dingtalk.json.j2", '{"msgtype": {{ title }}}', tz)
    with pytest.raises(TemplateError, match="not valid JSON"):
        r.render_webhook("dingtalk", office, [make_notice()], now, channel="webhook:dingtalk")


def test_override_replaces_shipped_template(tmp_path, office, make_notice, now, tz) -> None:
    src = '{"msgtype":"text","text":{"content":{{ (office.name ~ "：" ~ count ~ "项") | tojson }}}}'
    r = _override(tmp_path, "webhook_wecom.json.j2", src, tz)
    msg = r.render_webhook("wecom", office, [make_notice()], now, channel="webhook:wecom")
    assert msg.payload == {"msgtype": "text", "text": {"content": "市发展改革委：1项"}}


def test_missing_template_and_bad_overrides(tmp_path, office, make_notice, now, tz) -> None:
    empty = Renderer(tmp_path, tz=tz)
    with pytest.raises(TemplateError, match="not found"):
        empty.render_email(office, [make_notice()], now, to=["a@x.cn"])
    with pytest.raises(TemplateError, match="not found"):
        Renderer(TEMPLATES, {"email_body.txt.j2": tmp_path / "nope.j2"}, tz=tz)
    (tmp_path / "x.j2").write_text("x")
    with pytest.raises(TemplateError, match="unknown template name"):
        Renderer(TEMPLATES, {"emial_body.txt.j2": tmp_path / "x.j2"}, tz=tz)


def test_shipped_templates_compile(renderer) -> None:
    renderer.check()
    assert {p.name for p in TEMPLATES.glob("*.j2")} == set(TEMPLATE_NAMES)


def test_no_notices_is_an_error(renderer, office, now) -> None:
    with pytest.raises(ValueError):
        renderer.render_email(office, [], now, to=["a@x.cn"])


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary directory Jinja puts its per-user cache folder in, for this test only."""
    import tempfile

    where = tmp_path / "tmp"
    where.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(where))
    return where


def test_compiled_templates_are_cached_and_keyed_by_the_compile_options(
    tmp_path: Path, private_tmp: Path
) -> None:
    from pipeline.render.cache import BytecodeCache
    from pipeline.render.renderer import TEMPLATE_NAMES

    folder = tmp_path / "templates"
    folder.mkdir()
    renderer = Renderer(folder, tz=ZoneInfo("Asia/Shanghai"), shipped=SHIPPED)
    cache = renderer.env.bytecode_cache
    assert isinstance(cache, BytecodeCache)
    renderer.check()
    name = TEMPLATE_NAMES[0]
    filename = renderer.env.get_template(name).filename
    key = cache.get_cache_key(name, filename)
    assert Path(cache.directory).parent == private_tmp
    assert Path(cache.directory, cache.pattern % key).is_file()  # a later process loads it
    # Jinja's own key leaves out trim_blocks and the like: ours does not share its entries
    assert key != jinja2.FileSystemBytecodeCache(cache.directory).get_cache_key(name, filename)
    # an edited template is compiled again (the source's checksum no longer matches)
    (folder / name).write_text("新的主题 {{ office.name }}", encoding="utf-8")
    fresh = Renderer(folder, tz=ZoneInfo("Asia/Shanghai"), shipped=SHIPPED)
    assert "新的主题" in fresh.env.get_template(name).render(office={"name": "x"})


def test_a_vanished_template_cache_costs_a_compile_not_a_message(
    tmp_path: Path, private_tmp: Path, office, make_notice, now
) -> None:
    import shutil

    renderer = Renderer(tmp_path, tz=ZoneInfo("Asia/Shanghai"), shipped=SHIPPED)
    cache = renderer.env.bytecode_cache
    assert cache is not None
    shutil.rmtree(cache.directory)  # a /tmp cleaner ran while the daemon was up
    renderer.refresh()
    message = renderer.render_email(office, [make_notice()], now, to=["a@x.cn"])
    assert "完成老旧小区改造任务第1批" in message.text
