"""Issue 10 item 9: a decompression bomb fails with a clear error naming the file, before
any parser inflates it (the time and memory figures are in benchmarks/bombs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import IngestError
from pipeline.ingest import ingest_file
from pipeline.ingest.zipguard import MAX_ROWS, MAX_UNCOMPRESSED

from .bombs import docx_bomb, xlsx_rows


def test_a_docx_that_inflates_too_far_is_refused_naming_it(tmp_path: Path) -> None:
    path = docx_bomb(tmp_path / "bomb.docx", MAX_UNCOMPRESSED + 1024 * 1024)
    assert path.stat().st_size < 2 * 1024 * 1024  # small on disk
    with pytest.raises(IngestError) as err:
        ingest_file(path)
    message = str(err.value)
    assert str(path) in message and "refused" in message and "inflate" in message
    assert "\n" not in message


def test_an_xlsx_with_too_many_rows_is_refused_naming_it(tmp_path: Path) -> None:
    path = xlsx_rows(tmp_path / "rows.xlsx", MAX_ROWS + 1)
    with pytest.raises(IngestError) as err:
        ingest_file(path)
    assert str(path) in str(err.value) and f"more than {MAX_ROWS} rows" in str(err.value)


def test_ordinary_office_files_still_read(tmp_path: Path) -> None:
    from .conftest import build_docx, build_xlsx

    assert ingest_file(build_xlsx(tmp_path / "tasks.xlsx"))
    assert ingest_file(build_docx(tmp_path / "plan.docx"))
