"""Every file of the shared corpus of real documents (../shared/corpus, or $PIPELINE_CORPUS)."""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

import pytest

from pipeline.errors import IngestError
from pipeline.ingest import discover, ingest_file
from pipeline.models import Document

CORPUS = Path(
    os.environ.get("PIPELINE_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "corpus"
)

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def ingested() -> tuple[list[Document], list[str], list[tuple[Path, str]], float]:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    start = time.perf_counter()
    files, skipped = discover([CORPUS])
    docs: list[Document] = []
    errors: list[str] = []
    for path in files:
        try:
            docs += ingest_file(path, base_dir=CORPUS)
        except IngestError as exc:  # anything else fails the test
            errors.append(str(exc))
    return docs, errors, skipped, time.perf_counter() - start


def test_corpus_ingests(
    ingested: tuple[list[Document], list[str], list[tuple[Path, str]], float],
) -> None:
    docs, errors, skipped, seconds = ingested
    by_dir = Counter(d.key.split("/", 1)[0] for d in docs)
    print(f"\n{len(docs)} documents in {seconds:.1f} s; by folder {dict(by_dir)}")
    print("errors:", *errors, sep="\n  ")
    print("skipped:", *(f"{p.name}: {why}" for p, why in skipped), sep="\n  ")
    assert len(docs) >= 200
    # only the two collection-metadata CSVs are refused, with a reason
    assert all(("run_manifest" in e or "failures_" in e) for e in errors), errors
    assert len({d.key for d in docs}) == len(docs)
    assert all(d.blocks for d in docs)


def test_corpus_sources(
    ingested: tuple[list[Document], list[str], list[tuple[Path, str]], float],
) -> None:
    docs, *_ = ingested
    by_dir = Counter(d.key.split("/", 1)[0] for d in docs)
    expected = {
        "gwr-national-1954-2017": 49,
        "gwr-national-wikisource": 72,
        "gwr-provincial-2026": 31,
        "gov-cn-policy-2019-sql": 60,
        "local-policy-pkulaw": 8,
    }
    for folder, count in expected.items():
        assert by_dir[folder] == count, folder


def test_corpus_dates(
    ingested: tuple[list[Document], list[str], list[tuple[Path, str]], float],
) -> None:
    docs, *_ = ingested
    dated = [d for d in docs if d.published]
    assert len(dated) >= len(docs) - 5
    by_key = {d.key: d for d in docs}
    report = by_key["gwr-national-1954-2017/2017政府工作报告_李克强.txt"]
    assert (str(report.published), report.date_basis) == ("2017-03-05", "text")
    policy = by_key["gov-cn-policy-2019-sql/ge_policy_raw20190217.sql#1"]
    assert (str(policy.published), policy.date_basis, policy.issuer) == (
        "2019-01-27",
        "page",
        "国务院",
    )
    beijing = by_key["gwr-provincial-2026/2026_北京市_政府工作报告.csv#1"]
    assert (str(beijing.published), beijing.date_basis) == ("2026-02-02", "table")
    assert not any(
        b.text.startswith("【字号") or b.text in ("下载", "打印") for b in beijing.blocks
    )
    pkulaw = [d for k, d in by_key.items() if k.startswith("local-policy-pkulaw/")]
    assert all(d.date_basis == "text" for d in pkulaw)
    sql = [d for k, d in by_key.items() if k.startswith("gov-cn-policy-2019-sql/")]
    # the deadline-dense part survives: its 31 "N月底前" (the README's 62 count the html copy too)
    assert sum(d.text.count("月底前") for d in sql) >= 30
