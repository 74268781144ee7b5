"""Config validation: every error names its key path."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from pipeline.config import load_config, parse_config
from pipeline.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))


def test_shipped_config_is_valid() -> None:
    cfg = load_config(ROOT / "config.yaml")
    assert cfg.fallback_office == "ducha"
    assert cfg.timezone == "Asia/Shanghai"
    assert cfg.smtp.host == ""  # mail goes to the outbox on a fresh machine
    assert cfg.store_url.startswith("sqlite:///") and cfg.store_url.endswith("var/pipeline.db")
    assert cfg.reminders.days_before == (30, 14, 7, 3, 1, 0)
    # Per-office override inherits what it does not set.
    assert cfg.policy_for("shangdu").overdue_every_days == 2
    assert cfg.policy_for("shangdu").send_at == "09:00"


def test_the_seasons_shipped_are_the_grammars_defaults() -> None:
    """The seasons table is written three times (the grammar's defaults, the config model's
    default, config.yaml): a term added to one must be added to all."""
    from pipeline.config.model import Config
    from pipeline.deadlines.grammar import DEFAULT_SEASONS

    assert load_config(ROOT / "config.yaml").seasons == DEFAULT_SEASONS
    assert Config.model_fields["seasons"].default == DEFAULT_SEASONS


def _broken(path: list[str | int], value: object) -> dict:
    data = copy.deepcopy(SHIPPED)
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["surprise"], 1, "surprise: unknown key"),
        (["offices", 2, "email", 0], "not-an-address", "offices[2].email: item 0"),
        (
            ["offices", 0, "webhooks"],
            [{"kind": "slack", "url": "http://127.0.0.1"}],
            "offices[0].webhooks[0].kind",
        ),
        (
            ["offices", 0, "webhooks"],
            [{"kind": "generic", "url": "ftp://x"}],
            "offices[0].webhooks[0].url",
        ),
        (
            ["offices", 0, "webhooks"],
            [
                {
                    "kind": "dingtalk",
                    "url": "https://oapi.dingtalk.com/robot/send?access_token=ab cd",
                }
            ],
            "offices[0].webhooks[0].url",
        ),
        (["reminders", "send_at"], "9am", "reminders.send_at: expected a time as HH:MM"),
        (["reminders", "days_before"], [7, -1], "reminders.days_before"),
        (["smtp", "port"], "twenty-five", "smtp.port"),
        (["fallback_office"], "nobody", "fallback_office: 'nobody' is not an office id"),
        (["routing", 1, "lead"], ["ghost"], "routing[1].lead: unknown office id 'ghost'"),
        (
            ["routing", 0, "pattern"],
            "(unclosed",
            "routing[0].pattern: not a valid regular expression",
        ),
        (["timezone"], "Mars/Olympus", "timezone: unknown time zone"),
        (["offices"], _DELETE, "offices: required key is missing"),
        (["seasons", "汛前"], "May", "seasons: 汛前: expected MM-DD"),
        (["seasons", "汛前"], "02-30", "seasons: 汛前: '02-30' is not a day of the year"),
        (["ack", "url"], "https://ack.example/ok", "ack.url: replaced by web.public_url"),
        (
            ["web", "public_url"],
            "javascript:alert(1)",
            "web.public_url: expected an http:// or https:// URL",
        ),
        (["web", "listen"], "8080", "web.listen: expected host:port"),
        (["web", "password_hash"], "plaintext", "web.password_hash: expected an argon2 hash"),
        (["smtp", "from"], "督查室", "smtp.from: '督查室' is not an address"),
        (
            ["offices", 5, "reminders", "send_at"],
            "25:00",
            "offices[5].reminders.send_at: expected a time",
        ),
        (["offices", 5, "reminders", "days_before"], [3, -2], "offices[5].reminders.days_before"),
    ],
)
def test_invalid_config_names_the_key(path: list, value: object, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(_broken(path, value), source="config.yaml")
    assert expected in str(info.value)
    assert str(info.value).startswith("config.yaml: ")


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "c.yaml"
    bad.write_text("timezone: Asia/Shanghai\noffices: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"c\.yaml: line \d+: invalid YAML"):
        load_config(bad)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config"):
        load_config(tmp_path / "absent.yaml")


def test_missing_secret_env_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _broken(["smtp", "password_env"], "PIPELINE_TEST_NO_SUCH_VAR")
    data["smtp"]["host"] = "smtp.example.gov.cn"
    monkeypatch.delenv("PIPELINE_TEST_NO_SUCH_VAR", raising=False)
    cfg = parse_config(data)
    assert cfg.missing_secrets() == [
        "smtp.password_env: environment variable PIPELINE_TEST_NO_SUCH_VAR is not set"
    ]
    monkeypatch.setenv("PIPELINE_TEST_NO_SUCH_VAR", "s3cret")
    assert cfg.missing_secrets() == []


def test_repeated_webhook_kinds_get_distinct_channels() -> None:
    data = _broken(
        ["offices", 0, "webhooks"],
        [
            {"kind": "dingtalk", "url": "http://127.0.0.1:1/a"},
            {"kind": "dingtalk", "url": "http://127.0.0.1:1/b"},
            {"kind": "feishu", "url": "http://127.0.0.1:1/c", "name": "leaders"},
        ],
    )
    names = [n for n, _ in parse_config(data).offices[0].channel_names()]
    assert names == ["email", "webhook:dingtalk", "webhook:dingtalk-2", "webhook:leaders"]


def test_every_problem_is_reported_at_once() -> None:
    data = _broken(["fallback_office"], "nobody")
    data["routing"][0]["lead"] = ["ghost"]
    data["reminders"]["send_at"] = "noon"
    data["offices"][1]["email"] = ["nope"]
    data["offices"].append(dict(data["offices"][3]))
    with pytest.raises(ConfigError) as info:
        parse_config(data, source="c.yaml")
    lines = str(info.value).splitlines()
    assert len(lines) == 5, lines
    assert all(line.startswith("c.yaml: ") for line in lines)
    for key in (
        "fallback_office",
        "routing[0].lead",
        "reminders.send_at",
        "offices[1].email",
        "offices: duplicate",
    ):
        assert any(key in line for line in lines), key


def test_bad_yaml_date_names_the_file(tmp_path: Path) -> None:
    text = (
        (ROOT / "config.yaml")
        .read_text(encoding="utf-8")
        .replace("extra_holidays: []", "extra_holidays: [2020-13-01]")
    )
    bad = tmp_path / "c.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"c\.yaml: invalid value: .*YYYY-MM-DD"):
        load_config(bad)


def test_smtp_password_is_needed_only_with_an_smtp_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PIPELINE_TEST_NO_SUCH_VAR", raising=False)
    data = _broken(["smtp", "password_env"], "PIPELINE_TEST_NO_SUCH_VAR")
    assert parse_config(data).missing_secrets() == []  # mail goes to the outbox: no password used
