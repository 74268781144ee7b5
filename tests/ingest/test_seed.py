"""The seed document: a district meeting report with paragraphs broken mid-sentence."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from pipeline.ingest import ingest_file

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_aefd01e294c9697c.txt"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason=f"seed not found at {SEED}")


def _block_with(doc_text: list[str], needle: str) -> str:
    hits = [t for t in doc_text if needle in t]
    assert len(hits) == 1, f"{needle!r} in {len(hits)} blocks"
    return hits[0]


def test_seed_broken_paragraphs_are_rejoined() -> None:
    [doc] = ingest_file(SEED, base_dir=REPO)
    texts = [b.text for b in doc.blocks]
    _block_with(texts, "年底前85%的政务服务事项要实现“一网通办”")
    _block_with(texts, "着力建设中原地区城市会客厅。进一步优化提升城市设计方案")
    _block_with(texts, "中铁集团中原总部等项目尽快落地")
    _block_with(texts, "让群众参与、让群众满意")
    _block_with(texts, "迅速组建“一办八部”战时指挥体系")
    assert not any(t in ("项要实现", "客厅。") or t.startswith("客厅") for t in texts)


def test_seed_headings_stay_separate() -> None:
    [doc] = ingest_file(SEED, base_dir=REPO)
    texts = [b.text for b in doc.blocks]
    for heading in (
        "奋力冲刺",
        "聚焦营商环境优化",
        "回顾成绩",
        "聚焦“四大领域”，夯实高质量发展基础",
    ):
        assert heading in texts
    assert all(b.heading == 0 for b in doc.blocks)  # plain text says nothing about headings
    assert "制图 宋笑娟" not in texts  # a photo credit
    # ASCII commas in Chinese text become Chinese ones, which the extractor splits on
    assert "本报讯 近日，管城回族区十六届人民政府第四次全体（扩大）会议召开。" in texts[1]


def test_seed_identity_and_sidecar() -> None:
    [doc] = ingest_file(SEED, base_dir=REPO, as_of=dt.date(2024, 1, 1))
    assert doc.key == "seeds/000_aefd01e294c9697c.txt"
    assert (doc.published, doc.date_basis) == (dt.date(2020, 7, 31), "sidecar")
    assert doc.title == "管城回族区十六届人民政府第四次全体（扩大）会议召开"
    assert doc.issuer == "郑州市管城回族区人民政府"
    assert doc.blocks[0].line == 3
    block = next(b for b in doc.blocks if "年底前85%" in b.text)
    assert block.line == 39


def test_seed_without_sidecar(tmp_path: Path) -> None:
    copy = tmp_path / SEED.name
    shutil.copyfile(SEED, copy)
    [doc] = ingest_file(copy)
    # Only the year is known, from "确保……“十三五”规划圆满收官" (the plan's last year).
    assert (doc.published, doc.date_basis) == (dt.date(2020, 1, 1), "year-only")
    assert any("year only" in w and "十三五" in w for w in doc.warnings)
    assert doc.key == copy.as_posix()
    assert doc.title.startswith("管城回族区十六届人民政府第四次全体（扩大）会议召开")
    [dated] = ingest_file(copy, as_of=dt.date(2020, 8, 1))
    assert (dated.published, dated.date_basis) == (dt.date(2020, 8, 1), "as-of")
