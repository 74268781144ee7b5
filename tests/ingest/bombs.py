"""Decompression bombs for the tests and benchmarks/bombs.py: a DOCX whose document.xml
inflates to ``inflated`` bytes, an XLSX with ``rows`` rows; each built by streaming, from a
real file made by the ingest fixtures."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .conftest import build_docx, build_xlsx

CHUNK = 1024 * 1024


def _rewrite(src: Path, dst: Path, name: str, write_member: object) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename == name:
                with zout.open(name, "w", force_zip64=True) as out:
                    write_member(out, zin.read(name))  # type: ignore[operator]
            else:
                zout.writestr(item, zin.read(item.filename))
    src.unlink()
    return dst


def docx_bomb(path: Path, inflated: int) -> Path:
    """A DOCX whose body XML carries ``inflated`` bytes of whitespace inside the document."""

    def write(out: object, original: bytes) -> None:
        head, tail = original.split(b"<w:body>", 1)
        out.write(head + b"<w:body>")  # type: ignore[attr-defined]
        left = inflated
        while left > 0:
            n = min(CHUNK, left)
            out.write(b" " * n)  # type: ignore[attr-defined]
            left -= n
        out.write(tail)  # type: ignore[attr-defined]

    return _rewrite(build_docx(path.with_suffix(".src.docx")), path, "word/document.xml", write)


def xlsx_rows(path: Path, rows: int) -> Path:
    """An XLSX whose first sheet has ``rows`` one-cell rows."""

    def write(out: object, original: bytes) -> None:
        head, rest = (
            original.split(b"<sheetData>", 1)
            if b"<sheetData>" in original
            else (
                original.split(b"<sheetData/>", 1)[0],
                b"</sheetData>" + original.split(b"<sheetData/>", 1)[1],
            )
        )
        tail = rest[rest.index(b"</sheetData>") :]
        out.write(head + b"<sheetData>")  # type: ignore[attr-defined]
        batch = []
        for r in range(1, rows + 1):
            batch.append(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r))
            if len(batch) == 10000:
                out.write(b"".join(batch))  # type: ignore[attr-defined]
                batch = []
        out.write(b"".join(batch) + tail)  # type: ignore[attr-defined]

    return _rewrite(
        build_xlsx(path.with_suffix(".src.xlsx")), path, "xl/worksheets/sheet1.xml", write
    )
