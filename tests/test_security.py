"""Security: signed expiring acknowledgements, secrets never printed, task text stays data."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pipeline import ack
from pipeline.ack import AckError
from pipeline.config import Smtp, load_config
from pipeline.desk.links import Links

from .conftest import ROOT, MakeProject, office

TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2020, 10, 23, 9, 30, tzinfo=TZ)


def test_link_token_round_trip_forgery_and_expiry() -> None:
    links = Links("k1", "http://127.0.0.1:8080", ttl_days=1)
    token = links.token("abc123def456", "zrgh", "done", "rem1", NOW)
    claim = links.verify(token, NOW + dt.timedelta(hours=1))
    assert (claim.task_id, claim.office, claim.action, claim.reminder_id) == (
        "abc123def456",
        "zrgh",
        "done",
        "rem1",
    )
    assert links.verify(links.url(token), NOW).link_id == claim.link_id  # a whole URL works too
    with pytest.raises(AckError) as info:
        Links("other-key", "http://x", 1).verify(token, NOW)
    assert info.value.reason == "signature"
    payload, rest = token.split(".", 1)
    forged = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + rest
    with pytest.raises(AckError) as info:
        links.verify(forged, NOW)
    assert info.value.reason == "signature"
    with pytest.raises(AckError) as info:
        links.verify(token, NOW + dt.timedelta(days=1, seconds=1))
    assert info.value.reason == "expired"
    with pytest.raises(AckError) as info:
        links.verify("not-a-token", NOW)
    assert info.value.reason == "malformed"


def test_messages_carry_signed_links_only_when_configured(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = load_config(make_project())
    assert "abc" in ack.hint(plain, "abc", "zrgh", NOW, None)
    assert ack.links(plain, None) is None
    assert ack.message_links(None, "abc", "zrgh", "r1", NOW) == ()

    def changes(data: dict[str, Any]) -> None:
        data["ack"] = {"secret_env": "PIPELINE_TEST_ACK_KEY", "ttl_days": 5}
        data["web"] = {"public_url": "https://desk.example.gov.cn/ducha"}

    monkeypatch.setenv("PIPELINE_TEST_ACK_KEY", "ack-secret")
    cfg = load_config(make_project(changes))
    maker = ack.links(cfg, ack.secret(cfg))
    pairs = ack.message_links(maker, "abc", "zrgh", "r1", NOW)
    assert [label for label, _ in pairs] == ["办结", "报告进度", "申请延期"]
    assert all(url.startswith("https://desk.example.gov.cn/ducha/a/") for _, url in pairs)
    assert maker is not None
    claims = [maker.verify(url, NOW + dt.timedelta(days=4)) for _, url in pairs]
    assert [(c.task_id, c.office, c.action) for c in claims] == [
        ("abc", "zrgh", "done"),
        ("abc", "zrgh", "progress"),
        ("abc", "zrgh", "extend"),
    ]
    with pytest.raises(AckError):
        maker.verify(pairs[0][1], NOW + dt.timedelta(days=6))
    (sup,) = ack.message_links(maker, "abc", "ducha", "r2", NOW, supervisor=True)
    assert sup[0] == "督办处理" and maker.verify(sup[1], NOW).action == "supervise"


def test_done_with_token_end_to_end(make_project: MakeProject) -> None:
    def changes(data: dict[str, Any]) -> None:
        data["ack"] = {"secret_env": "PIPELINE_TEST_ACK_KEY", "ttl_days": 5}

    config = make_project(changes)
    env = {**os.environ, "PIPELINE_TEST_ACK_KEY": "ack-secret"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pipeline", "--config", str(config), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    assert cli("tick", "--now", NOW.isoformat()).returncode == 0
    eml = next((config.parent / "var" / "outbox").glob("*.eml")).read_bytes()
    import email
    from email import policy

    body = email.message_from_bytes(eml, policy=policy.default).get_body(("plain",)).get_content()
    done_url = re.search(r"办结：(http\S+)", body).group(1)  # type: ignore[union-attr]
    progress_url = re.search(r"报告进度：(http\S+)", body).group(1)  # type: ignore[union-attr]
    token = done_url.rsplit("/a/", 1)[1]
    wrong = cli("done", "--token", progress_url, "--now", NOW.isoformat())
    assert wrong.returncode == 2 and "not a 办结 link" in wrong.stderr
    bad = cli(
        "done",
        "--token",
        token[:-2] + ("xx" if token[-2:] != "xx" else "yy"),
        "--now",
        NOW.isoformat(),
    )
    assert bad.returncode == 2 and "signature" in bad.stderr and "Traceback" not in bad.stderr
    ok = cli("done", "--token", token, "--now", NOW.isoformat())
    assert ok.returncode == 0, ok.stderr
    assert "reminders cancelled" in ok.stdout
    again = cli("done", "--token", done_url, "--now", NOW.isoformat())
    assert again.returncode == 2 and "already used" in again.stderr


def test_secrets_never_appear_in_output(make_project: MakeProject, tmp_path: Path) -> None:
    secret = "TOPSECRET-hook-key-123"

    def changes(data: dict[str, Any]) -> None:
        # Nothing listens on port 9: every send fails and is reported.
        office(data, "shangdu")["webhooks"] = [
            {
                "kind": "dingtalk",
                "url": "http://127.0.0.1:9/robot/send?access_token=TOKEN-abc",
                "secret_env": "PIPELINE_TEST_HOOK_SECRET",
            }
        ]
        data["smtp"].update(
            host="127.0.0.1",
            port=9,
            username="ducha",
            password_env="PIPELINE_TEST_SMTP_PW",
            timeout=2,
        )

    config = make_project(changes)
    env = {
        **os.environ,
        "PIPELINE_TEST_HOOK_SECRET": secret,
        "PIPELINE_TEST_SMTP_PW": secret + "-pw",
    }
    outputs = []
    for args in (
        ("-vv", "tick", "--now", NOW.isoformat()),
        ("status",),
        ("status", "--json"),
        ("check",),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "pipeline", "--config", str(config), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        outputs.append(proc.stdout + proc.stderr)
    joined = "\n".join(outputs)
    assert "retrying" in joined or "to retry" in joined  # the failures are reported …
    assert secret not in joined  # … without the secrets
    assert "TOKEN-abc" not in joined, "webhook URLs with tokens are redacted"
    status = json.loads(outputs[2])
    assert status["retrying"], "failed sends are in the ledger for retry"


def test_tls_verification_is_on_by_default() -> None:
    assert Smtp().verify_tls is True
    cfg = load_config(ROOT / "config.yaml")
    assert cfg.smtp.verify_tls and cfg.http.verify_tls
