"""Jinja's per-user cache of compiled templates: a cron tick loads them instead of compiling
every template again (about a tenth of a second)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

log = logging.getLogger(__name__)


class BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Keyed also by the options templates are compiled with (trim_blocks, the sandbox …),
    which Jinja's own key (template name and file; the source is checked by its hash)
    leaves out."""

    def __init__(self, options: str) -> None:
        super().__init__()
        self.options = f"{options}|jinja2 {jinja2.__version__}"

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{self.options}|{name}", filename)

    # Best effort: a full or cleaned temporary folder costs a compile, never a message.
    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError as exc:
            log.debug("template cache unreadable: %s", exc)

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as exc:
            log.debug("template cache not written: %s", exc)


def bytecode_cache(settings: Path) -> jinja2.BytecodeCache | None:
    """The cache in Jinja's per-user folder of the temporary directory, keyed by the hash of
    ``settings``, the source file that sets the compile options; none when that folder
    cannot be made safely (Jinja refuses one another user owns)."""
    try:
        return BytecodeCache(hashlib.sha1(settings.read_bytes()).hexdigest())
    except (OSError, RuntimeError):
        return None
