"""Ingest: document files into `Document`s (text blocks, task-table rows, a dated basis).

    from pipeline.ingest import ingest_file, discover, SUPPORTED_SUFFIXES

    files, skipped = discover(["plans/", "extra.docx"])   # sorted; reasons for the skipped
    docs = ingest_file(path, as_of=None, base_dir=root)   # IngestError names the file

Formats, one module each: text (.txt .text .md .markdown), html (.html .htm), docx, spreadsheet
(.xlsx .xlsm .csv: a task table, or one document per row of a text column), containers
(.jsonl), sqldump (.sql MySQL INSERT dumps). Pure helpers: normalize (characters, rejoining
broken paragraphs), boilerplate (web residue), table (task-table headers), dates.

Identity: `key` is the path relative to `base_dir` when under it, else absolute; records of a
container add "#<id or 1-based number>". `sha256` hashes the file's bytes, its sidecar's bytes
when there is one, and "#<id>" for a record.

Date priority (`published`, `date_basis`), best first: a sidecar `<file>.meta.yaml`
("sidecar") > YAML front matter ("front-matter") > the operator's `as_of` ("as-of") > the
format's metadata: page 成文日期/发布时间/meta tags ("page"), a date or year column ("table")
> the text: a 成文日期 line, a dateline, a 发文字号 or NPC-session year ("text") > a .docx
creation date ("page", weak) > none. A year-only date gives way to a full date of the same
year from a later source; overridden dates are reported in `warnings`.

Blocks: `heading` only where the format marks it (Markdown #, docx Heading N / Title / outline
level, HTML h1–h6); `line` is the 1-based source line (docx: paragraph index, a table row
counting one; HTML: best effort; a record of a container: line within the record's text, or
paragraph number for an HTML body stored in a field).
"""

from __future__ import annotations

from pipeline.ingest.api import SUPPORTED_SUFFIXES, ingest_file
from pipeline.ingest.discover import discover

__all__ = ["SUPPORTED_SUFFIXES", "discover", "ingest_file"]
