"""The public API: identity, sidecars, discovery, and IngestError as the only failure."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import IngestError
from pipeline.ingest import SUPPORTED_SUFFIXES, discover, ingest_file
from pipeline.ingest.api import PARSERS

Write = Callable[..., Path]
TEXT = "关于做好重点工作的通知\n\n年底前完成10个项目建设。\n"


def test_supported_suffixes() -> None:
    assert set(SUPPORTED_SUFFIXES) >= {".txt", ".md", ".text", ".html", ".htm", ".docx"}
    assert set(SUPPORTED_SUFFIXES) >= {".xlsx", ".csv", ".jsonl", ".sql"}


def test_key_relative_under_base_dir_else_absolute(write: Write, tmp_path: Path) -> None:
    path = write("sub/dir/plan.txt", TEXT)
    [doc] = ingest_file(path, base_dir=tmp_path)
    assert doc.key == "sub/dir/plan.txt"
    assert doc.path == os.path.abspath(path)
    [doc] = ingest_file(str(path), base_dir=tmp_path / "elsewhere")
    assert doc.key == Path(os.path.abspath(path)).as_posix()
    [doc] = ingest_file(path)
    assert doc.key == Path(os.path.abspath(path)).as_posix()
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_relative_path_argument(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("plan.txt", TEXT)
    monkeypatch.chdir(tmp_path)
    [doc] = ingest_file("plan.txt", base_dir=Path("."))
    assert doc.key == "plan.txt"


SIDECAR = "# dated by the operator\ndate: 2020-07-31\ntitle: 侧车标题\nissuer: 某区人民政府\n"


def test_sidecar_wins_over_everything(write: Write) -> None:
    path = write("a.md", "---\ndate: 2019-01-01\n---\n正文，2018年1月1日。\n")
    write("a.md.meta.yaml", SIDECAR)
    [doc] = ingest_file(path, as_of=dt.date(2024, 1, 1))
    assert (doc.published, doc.date_basis) == (dt.date(2020, 7, 31), "sidecar")
    assert (doc.title, doc.issuer) == ("侧车标题", "某区人民政府")


def test_sidecar_applies_to_each_record(write: Write) -> None:
    path = write("r.jsonl", '{"content": "甲", "year": 2001}\n{"content": "乙", "year": 2002}\n')
    write("r.jsonl.meta.yaml", "date: 2020-07-31\ntitle: 合集\nissuer: 国务院\n")
    docs = ingest_file(path)
    assert {(d.published, d.issuer) for d in docs} == {(dt.date(2020, 7, 31), "国务院")}
    assert [d.title for d in docs] == ["甲", "乙"]


def test_sidecar_edit_changes_the_hash(write: Write) -> None:
    path = write("a.txt", TEXT)
    bare = ingest_file(path)[0].sha256
    side = write("a.txt.meta.yaml", "date: 2020-07-31\n")
    first = ingest_file(path)[0].sha256
    side.write_text("date: 2020-08-31\n")
    second = ingest_file(path)[0].sha256
    assert len({bare, first, second}) == 3


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ("date: [2020\n", "invalid YAML, line 2"),
        ("date: 31/07/2020x\n", "key 'date' must be YYYY-MM-DD"),
        ("date: 2020\n", "key 'date' must be YYYY-MM-DD"),
        ("- a\n- b\n", "expected a mapping"),
        ("title: {a: 1}\n", "key 'title' must be text"),
    ],
)
def test_bad_sidecar_names_the_sidecar(write: Write, sidecar: str, message: str) -> None:
    path = write("a.txt", TEXT)
    side = write("a.txt.meta.yaml", sidecar)
    with pytest.raises(IngestError, match=message) as err:
        ingest_file(path)
    assert str(side) in str(err.value)
    assert "\n" not in str(err.value), "one line (issue 10 item 14)"


def test_missing_and_unsupported(tmp_path: Path, write: Write) -> None:
    with pytest.raises(IngestError, match=r"nope\.txt: no such file"):
        ingest_file(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match=r"x\.pdf: unsupported format \(\.pdf\)"):
        ingest_file(write("x.pdf", b"%PDF-1.4"))
    with pytest.raises(IngestError, match="is a directory"):
        ingest_file(tmp_path)
    folder = tmp_path / "weird.txt"
    folder.mkdir()
    with pytest.raises(IngestError, match="not a regular file"):
        ingest_file(folder)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_unreadable(write: Write) -> None:
    path = write("secret.txt", TEXT)
    path.chmod(0)
    with pytest.raises(IngestError, match="cannot read"):
        ingest_file(path)


def test_discover(tmp_path: Path, write: Write) -> None:
    write("b/2.txt", TEXT)
    write("b/1.md", TEXT)
    write("b/1.md.meta.yaml", "date: 2020-01-01\n")
    write("a.html", "<p>正文</p>")
    write(".hidden.txt", TEXT)
    write(".git/config.txt", TEXT)
    write("b/~$lock.docx", b"x")
    write("b/scan.pdf", b"%PDF")
    write("MANIFEST.sha256", b"x")
    write("c/NOTES", b"x")
    files, skipped = discover([tmp_path, tmp_path / "b" / "2.txt", tmp_path / "missing.txt"])
    rel = [f.relative_to(tmp_path).as_posix() for f in files]
    assert rel == ["a.html", "b/1.md", "b/2.txt"]
    reasons = {p.relative_to(tmp_path).as_posix(): why for p, why in skipped}
    assert reasons == {
        "MANIFEST.sha256": "unsupported format (.sha256)",
        "b/scan.pdf": "unsupported format (.pdf)",
        "c/NOTES": "unsupported format (no suffix)",
        "missing.txt": "no such file or directory",
    }
    files, skipped = discover([tmp_path / "b" / "1.md.meta.yaml", str(tmp_path / ".hidden.txt")])
    assert files == [] and [why for _, why in skipped] == [
        "sidecar metadata, not a document",
        "hidden file",
    ]


def test_folder_with_one_bad_file(
    tmp_path: Path, write: Write, make_docx: Callable[[], Path]
) -> None:
    write("docs/good.txt", TEXT)
    write("docs/bad.txt", b"\x00\x01binary\x00")
    write("docs/cut.xlsx", b"PK\x03\x04" + b"\x00" * 64)
    make_docx()
    files, skipped = discover([tmp_path])
    assert skipped == []
    docs, errors = [], []
    for path in files:
        try:
            docs += ingest_file(path, base_dir=tmp_path)
        except IngestError as exc:
            errors.append(str(exc))
    assert sorted(d.key for d in docs) == ["docs/good.txt", "plan.docx"]
    assert len(errors) == 2
    assert any("docs/bad.txt: binary file" in e for e in errors)
    assert any("docs/cut.xlsx: not a valid .xlsx file" in e for e in errors)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400), suffix=st.sampled_from(sorted(PARSERS)))
def test_garbage_gives_ingest_error_only(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        docs = ingest_file(path)
    except IngestError as exc:
        assert str(path) in str(exc)
    else:
        assert docs and all(d.blocks or d.rows for d in docs)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300), suffix=st.sampled_from(sorted(PARSERS)))
def test_random_text_gives_ingest_error_only(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        ingest_file(path)
    except IngestError as exc:
        assert str(path) in str(exc)
