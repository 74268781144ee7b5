"""When a stored document keeps its tasks, when it retires, and what it is called (pure).

Rules (README "Documents that disappear"):

- A configured ``documents:`` path that does not exist is an error; while there is one, no
  document retires for being outside ``documents:`` (the missing path may be its new place).
- A file that fails to ingest keeps its tasks and reminders as they were (an error each pass
  until it reads again).
- A stored document no longer under any ``documents:`` entry retires at once: the operator
  removed it from the config (or moved it out of every watched folder).
- A file gone from a watched folder that still exists retires only when it was absent on two
  passes at least ``delivery.catch_up_hours`` apart (a flaky network mount does not retire it).
- A document keeps its key, and so its task ids, acknowledgements and reminder ids, when its
  file is renamed or moved: a new file whose content (with its sidecar) equals that of a
  stored document whose file is gone takes that document's key, and keeps it on later
  passes through the stored path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.ledger.base import DocumentRow
from pipeline.ledger.problems import ProblemRow

Exists = Callable[[str], bool]


@dataclass(frozen=True)
class Entry:
    """One item of ``documents:`` in the config."""

    name: str  # "documents[0]"
    configured: str  # as written
    path: str  # absolute
    exists: bool
    is_dir: bool

    def covers(self, path: str) -> bool:
        if path == self.path:
            return True
        return self.is_dir and path.startswith(self.path.rstrip(os.sep) + os.sep)

    def missing_message(self) -> str:
        return f"{self.name}: {self.configured} does not exist ({self.path})"


def entries(configured: Sequence[str], resolve: Callable[[str], Path]) -> list[Entry]:
    """The ``documents:`` entries with their absolute paths and whether they exist now."""
    out = []
    for i, item in enumerate(configured):
        path = os.path.abspath(resolve(item))
        out.append(Entry(f"documents[{i}]", item, path, os.path.exists(path), os.path.isdir(path)))
    return out


def missing_entries(items: Iterable[Entry]) -> list[Entry]:
    return [e for e in items if not e.exists]


def stored_key(
    key: str,
    base_key: str,
    path: str,
    digest: str,
    stored: Sequence[DocumentRow],
    taken: set[str],
    exists: Exists = os.path.exists,
) -> str:
    """The key a freshly read document is stored under: its own, or the key of the stored
    document it was renamed from. ``base_key`` is the file's key (``key`` adds a container
    record's ``#id``); ``digest`` its content hash; ``taken`` keys already used this pass."""
    by_key = {row.key: row for row in stored}
    suffix = key[len(base_key) :] if key.startswith(base_key) else ""
    # Renamed on an earlier pass: the stored row has this path under its first key.
    for row in stored:
        if row.path == path and row.key not in taken and row.sha256:
            if not suffix or row.key.endswith(suffix):
                return row.key
    if key in by_key:
        other = by_key[key].path
        if other != path and by_key[key].sha256 and exists(other):
            # A new file where a renamed one used to be: the key belongs to the renamed file.
            return f"{key}~{hashlib.sha1(path.encode()).hexdigest()[:8]}"
        return key
    # Renamed or moved since the last pass: same content, the old file gone.
    for row in stored:
        if (
            row.sha256
            and row.sha256.split(":", 1)[0] == digest
            and row.key not in taken
            and not exists(row.path)
        ):
            return row.key
    return key


@dataclass(frozen=True)
class Fate:
    """What happens to the stored documents not seen on this pass."""

    retire: tuple[tuple[str, str], ...]  # (key, why)
    problems: tuple[ProblemRow, ...]  # documents kept although not seen, and why


def decide(
    stored: Iterable[DocumentRow],
    seen: set[str],
    unreadable: Mapping[str, str],
    configured: Sequence[Entry],
    previous: Iterable[ProblemRow],
    now: dt.datetime,
    grace: dt.timedelta,
    exists: Exists = os.path.exists,
) -> Fate:
    """Retire or keep each stored, active document that this pass did not produce.

    ``unreadable``: absolute path → error of the files that failed to ingest;
    ``previous``: the problems recorded by the last pass (for how long a file is absent)."""
    since = {(p.path, p.kind): p.since for p in previous}
    problems: list[ProblemRow] = []
    for e in missing_entries(configured):
        first = since.get((e.path, "missing"), now)
        problems.append(ProblemRow(e.path, "missing", "", e.missing_message(), first))
    for path, why in sorted(unreadable.items()):
        first = since.get((path, "unreadable"), now)
        problems.append(ProblemRow(path, "unreadable", "", why, first))
    retire: list[tuple[str, str]] = []
    for row in stored:
        if row.key in seen or not row.sha256:
            continue
        path = os.path.abspath(row.path)
        if path in unreadable:
            continue  # reported above; its tasks stay
        entry = next((e for e in configured if e.covers(path)), None)
        if entry is None:
            gone = missing_entries(configured)
            if gone:  # maybe that entry is this document's new place, mistyped: keep it
                detail = (
                    f"{row.key}: no longer under any path in `documents:`, kept while "
                    f"{', '.join(e.name for e in gone)} does not exist"
                )
                first = since.get((path, "kept"), now)
                problems.append(ProblemRow(path, "kept", row.key, detail, first))
            else:
                retire.append((row.key, "is no longer under any path in `documents:`"))
            continue
        if not entry.exists:
            continue  # the whole configured path is missing: reported above
        if exists(path):
            retire.append((row.key, "is no longer in its file"))
            continue
        absent_since = since.get((path, "absent"))
        if absent_since is not None and now - absent_since >= grace:
            why = f"has been missing from {entry.configured} since {absent_since:%Y-%m-%d %H:%M}"
            retire.append((row.key, why))
            continue
        first = absent_since or now
        detail = (
            f"{row.key}: file missing from {entry.configured} since {first:%Y-%m-%d %H:%M %Z}; "
            f"its tasks are kept until it has been missing for "
            f"{grace.total_seconds() / 3600:g} hours"
        )
        problems.append(ProblemRow(path, "absent", row.key, detail, first))
    return Fate(tuple(retire), tuple(problems))
