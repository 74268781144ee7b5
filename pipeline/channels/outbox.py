"""Writes messages to a folder instead of sending them (no SMTP host, dry runs, audits)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pipeline.channels.base import failed, retry, safe_name, sent
from pipeline.channels.mime import email_bytes
from pipeline.config import Smtp
from pipeline.models import Message, Outcome

DEFAULT_FROM = Smtp().from_


class OutboxChannel:
    """``<key>.eml`` for email, ``<channel>-<key>.json`` for a webhook payload.

    Files are written atomically (temporary file + ``os.replace``); the same key always
    maps to the same file, so a retried message overwrites rather than duplicates.
    """

    def __init__(self, folder: Path, name: str = "outbox", *, from_: str = DEFAULT_FROM) -> None:
        self.folder = Path(folder)
        self.name = name
        self.from_ = from_

    def path_for(self, msg: Message) -> Path:
        if msg.payload is not None:
            return self.folder / f"{safe_name(msg.channel)}-{safe_name(msg.key)}.json"
        return self.folder / f"{safe_name(msg.key)}.eml"

    def send(self, msg: Message) -> Outcome:
        path = self.path_for(msg)
        try:
            if msg.payload is not None:
                text = json.dumps(msg.payload, ensure_ascii=False, indent=2) + "\n"
                data = text.encode("utf-8")
            else:
                data = email_bytes(msg, self.from_)
        except (ValueError, TypeError) as exc:
            return failed(f"cannot build the message: {exc}")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _atomic_write(path, data)
        except PermissionError as exc:
            return failed(f"cannot write {path}: {exc.strerror or exc}")
        except OSError as exc:
            return retry(f"cannot write {path}: {exc.strerror or exc}")
        return sent(str(path))

    def close(self) -> None:
        pass


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
