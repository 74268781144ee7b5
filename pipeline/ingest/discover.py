"""`discover`: the ingestible files among paths and folders."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from pipeline.ingest.api import SUPPORTED_SUFFIXES
from pipeline.ingest.meta import is_sidecar


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$"))  # ~$x.docx: an Office lock file


def _walk(folder: Path) -> list[Path]:
    """Files under `folder`, recursively, hidden files and folders left out; no symlink loops."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        found.extend(Path(root, f) for f in files if not _hidden(f))
    return sorted(found)


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(files to ingest, skipped files with the reason), each path expanded in sorted order.

    Hidden files and sidecar .meta.yaml files inside folders are passed over silently; an
    unsupported file, or a path named explicitly that cannot be used, is reported as skipped.
    """
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    seen: set[str] = set()

    def consider(path: Path, explicit: bool) -> None:
        ident = os.path.abspath(path)
        if ident in seen:
            return
        seen.add(ident)
        if is_sidecar(path):
            if explicit:
                skipped.append((path, "sidecar metadata, not a document"))
            return
        if _hidden(path.name):
            if explicit:
                skipped.append((path, "hidden file"))
            return
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            skipped.append((path, f"unsupported format ({suffix or 'no suffix'})"))
            return
        files.append(path)

    if isinstance(paths, (str, Path)):  # one path given bare, not a list of characters
        paths = [paths]
    for item in paths:
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                consider(file, explicit=False)
        elif path.is_file():
            consider(path, explicit=True)
        elif path.exists():
            skipped.append((path, "not a regular file"))
        else:
            skipped.append((path, "no such file or directory"))
    return files, skipped
