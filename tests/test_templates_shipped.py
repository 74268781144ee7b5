"""Issue 10 item 13: the templates ship inside the package; `templates:` in the config is an
optional folder whose files override the shipped ones by name. A config copied elsewhere,
without any templates folder, still checks and sends."""

from __future__ import annotations

import shutil
from email import message_from_bytes, policy
from pathlib import Path

import yaml

from pipeline.templates import SHIPPED

from .conftest import ROOT, SEED
from .test_cli import run


def _copied_config(tmp_path: Path, **changes: object) -> Path:
    """The shipped config.yaml copied into an empty folder, with the seed next to it."""
    folder = tmp_path / "elsewhere"
    (folder / "docs").mkdir(parents=True)
    shutil.copy(SEED, folder / "docs")
    shutil.copy(SEED.parent / (SEED.name + ".meta.yaml"), folder / "docs")
    data = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    data.update(documents=["docs"], **changes)
    config = folder / "config.yaml"
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return config


def _mails(config: Path) -> list[str]:
    outbox = config.parent / "var" / "outbox"
    out = []
    for p in sorted(outbox.rglob("*.eml")):
        mail = message_from_bytes(p.read_bytes(), policy=policy.default)
        out.append(f"{mail['Subject']}\n{mail.get_body(('plain',)).get_content()}")
    return out


def test_a_copied_config_without_templates_checks_and_sends(tmp_path: Path) -> None:
    assert (SHIPPED / "email_body.txt.j2").is_file() and (
        SHIPPED / "web" / "base.html.j2"
    ).is_file()
    config = _copied_config(tmp_path)
    assert not (config.parent / "templates").exists()
    check = run("--config", str(config), "check")
    assert check.returncode == 0, check.stderr
    tick = run("--config", str(config), "tick", "--now", "2020-10-23T09:30")
    assert tick.returncode == 0, tick.stderr
    mails = _mails(config)
    assert mails and all("督查" in m for m in mails)


def test_a_templates_folder_overrides_by_name_and_the_rest_stays_shipped(tmp_path: Path) -> None:
    config = _copied_config(tmp_path, templates="my-templates")
    mine = config.parent / "my-templates"
    mine.mkdir()
    (mine / "email_subject.txt.j2").write_text(
        "【本区定制】{{ count }}项工作提醒", encoding="utf-8"
    )
    tick = run("--config", str(config), "tick", "--now", "2020-10-23T09:30")
    assert tick.returncode == 0, tick.stderr
    mails = _mails(config)
    assert mails and all(m.startswith("【本区定制】") for m in mails)
    assert all("完成时限" in m for m in mails)  # the body is the shipped one


def test_a_templates_folder_that_does_not_exist_is_a_check_problem(tmp_path: Path) -> None:
    config = _copied_config(tmp_path, templates="no-such-folder")
    check = run("--config", str(config), "check")
    assert check.returncode == 2 and "no-such-folder" in check.stderr
