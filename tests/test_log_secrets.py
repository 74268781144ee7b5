"""Issue 10 item 6: no secret or token reaches the log at any verbosity. A real tick sends
to DingTalk, WeCom, Feishu and generic robots on a loopback HTTP server and to an SMTP
server with AUTH; every line of output at every log level is searched for each secret."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from pytest_httpserver import HTTPServer

from .channels.conftest import USERS, Recorder, authenticator, free_port
from .conftest import ROOT, MakeProject

NOW = "2020-10-23T09:30"
SECRETS = {
    "dingtalk access_token": "DTtoken0a1b2c3d4e5f",
    "wecom key": "WCkey-9f8e7d6c-5b4a",
    "feishu hook path": "fs0hook-1234-5678-abcd",
    "generic hook token": "GENtok8877665544",
    "dingtalk HMAC secret": "SECdt-hmac-0011223344",
    "generic HMAC secret": "SECgen-hmac-5566778899",
    "SMTP password": USERS["ducha"],
    "link key": "ACKkey-signing-99887766",
}
ENV = {
    "PIPELINE_T_DT": SECRETS["dingtalk HMAC secret"],
    "PIPELINE_T_GEN": SECRETS["generic HMAC secret"],
    "PIPELINE_T_SMTP": SECRETS["SMTP password"],
    "PIPELINE_T_ACK": SECRETS["link key"],
}


def test_no_secret_in_any_log_line_at_any_level(
    make_project: MakeProject, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/robot/send").respond_with_json({"errcode": 0, "errmsg": "ok"})
    httpserver.expect_request("/cgi-bin/webhook/send").respond_with_json({"errcode": 0})
    httpserver.expect_request(
        f"/open-apis/bot/v2/hook/{SECRETS['feishu hook path']}"
    ).respond_with_json({"code": 0})
    httpserver.expect_request(f"/in/{SECRETS['generic hook token']}").respond_with_json({})
    base = f"http://127.0.0.1:{httpserver.port}"
    hooks = [
        {
            "kind": "dingtalk",
            "url": f"{base}/robot/send?access_token={SECRETS['dingtalk access_token']}",
            "secret_env": "PIPELINE_T_DT",
        },
        {"kind": "wecom", "url": f"{base}/cgi-bin/webhook/send?key={SECRETS['wecom key']}"},
        {"kind": "feishu", "url": f"{base}/open-apis/bot/v2/hook/{SECRETS['feishu hook path']}"},
        {
            "kind": "generic",
            "url": f"{base}/in/{SECRETS['generic hook token']}",
            "secret_env": "PIPELINE_T_GEN",
        },
    ]
    port = free_port()
    smtp = Controller(
        Recorder(),
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_require_tls=False,
    )
    smtp.start()

    def changes(data: dict[str, Any]) -> None:
        for o in data["offices"]:
            o["webhooks"] = hooks
        data["smtp"].update(
            host="127.0.0.1",
            port=port,
            username="ducha",
            starttls=False,
            password_env="PIPELINE_T_SMTP",
            timeout=5,
        )
        data["ack"] = {"secret_env": "PIPELINE_T_ACK"}

    outputs: dict[str, str] = {}
    try:
        config = make_project(changes)
        for level in ("", "-v", "-vv"):
            project = Path(config).parent
            (project / "var" / "ledger.db").unlink(missing_ok=True)  # every level sends anew
            args = [a for a in (level, "tick", "--now", NOW) if a]
            outputs[level or "default"] = _run(config, *args)
        outputs["check"] = _run(config, "-vv", "check")
        outputs["status"] = _run(config, "-vv", "status")
    finally:
        smtp.stop()
    assert len(httpserver.log) >= 12, "the robots were not reached"
    assert "HTTP Request: POST" in outputs["-v"], "httpx's request log is the thing under test"
    leaks = [
        f"{what} in the {level} output"
        for level, text in outputs.items()
        for what, value in SECRETS.items()
        if value in text
    ]
    assert leaks == []


def _run(config: Path, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "--config", str(config), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **ENV},
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout + proc.stderr
