"""Decompression bombs: check a DOCX/XLSX archive's declared sizes and an XLSX's row count
before any parser inflates it (pure: bytes in, FormatError out).

The limits on the file on disk (``source.DEFAULT_MAX_BYTES``) say nothing about what the
archive inflates to: a 1.5 MB DOCX can hold gigabytes of XML. Before python-docx or
openpyxl see the bytes, the zip's central directory is read (no member is inflated) and
the file is refused when

- its members together would inflate beyond ``MAX_UNCOMPRESSED`` (or its XML beyond
  ``MAX_XML``: parsers hold the whole tree in memory),
- one member of more than ``RATIO_FLOOR`` inflates more than ``MAX_RATIO`` times,
- an XLSX's worksheets hold more than ``MAX_ROWS`` rows (counted by streaming each sheet's
  XML through a small buffer, never holding a sheet whole).

zipfile stops reading a member at its declared size, so a lying directory cannot get past.
"""

from __future__ import annotations

import io
import zipfile

from pipeline.ingest.source import FormatError

MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_XML = 32 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
MAX_ROWS = 100_000
CHUNK = 1024 * 1024
_MB = 1024 * 1024


def _mb(n: int) -> str:
    return f"{n / _MB:.0f} MB" if n >= _MB else f"{n} bytes"


def check_archive(data: bytes, suffix: str) -> None:
    """Raise FormatError if the DOCX/XLSX in ``data`` is a decompression bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the parser reports it as a damaged file
    with archive:
        members = archive.infolist()
        total = sum(m.file_size for m in members)
        xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
        if total > MAX_UNCOMPRESSED:
            raise FormatError(
                f"refused: would inflate to {_mb(total)} (limit {_mb(MAX_UNCOMPRESSED)}); "
                f"a decompression bomb or not a document"
            )
        if xml > MAX_XML:
            raise FormatError(
                f"refused: its XML would inflate to {_mb(xml)} (limit {_mb(MAX_XML)}); "
                f"a decompression bomb or not a document"
            )
        for m in members:
            if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
                raise FormatError(
                    f"refused: {m.filename} inflates {m.file_size // max(m.compress_size, 1)} "
                    f"times (limit {MAX_RATIO}); a decompression bomb"
                )
        if suffix in (".xlsx", ".xlsm"):
            _check_rows(archive, members)


def _check_rows(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    rows = 0
    for m in members:
        if not (m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")):
            continue
        tail = b""
        with archive.open(m) as stream:
            while chunk := stream.read(CHUNK):
                buf = tail + chunk
                rows += (
                    buf.count(b"<row ")
                    + buf.count(b"<row>")
                    - (tail.count(b"<row ") + tail.count(b"<row>"))
                )
                tail = buf[-5:]
                if rows > MAX_ROWS:
                    raise FormatError(
                        f"refused: more than {MAX_ROWS} rows in its worksheets; a work plan "
                        f"is not that long (a row bomb, or split the file)"
                    )
