"""Keep secrets and line breaks out of the log.

``install()`` puts a filter on the root logger's handlers that rewrites every record (ours
and the libraries', e.g. httpx's "HTTP Request: POST <full URL>" at INFO) before it is
formatted: known secret values (``register``: webhook URLs and their tokens, the SMTP
password, HMAC secrets, the link key) and anything shaped like a credential in a URL
(``access_token=``, ``key=``, ``sign=``, a Feishu/Slack hook path, ``user:password@``) become
``***``; control characters (a newline in a file name) become visible escapes, so one
record is one line.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from contextlib import suppress

MASK = "***"
_lock = threading.Lock()
_secrets: set[str] = set()

# Credentials as they appear inside URLs, whatever the secret's value.
_PATTERNS = [
    # query parameters that carry a token or a signature
    re.compile(
        r"(?i)([?&](?:access_token|token|key|sign|signature|secret|password|auth)=)[^&\s\"'<>]+"
    ),
    # robot hook paths: Feishu/Lark /open-apis/bot/v2/hook/<id>, Slack-style /hooks/<id>
    re.compile(r"(?i)(/(?:hook|hooks|webhook|webhooks)/)[^\s/?\"'<>]+"),
    # user:password@ in a URL
    re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^/\s:@]*:)[^@\s/]+(?=@)"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\u0085\u2028\u2029]")


def register(*values: str | None) -> None:
    """Remember secret values to mask wherever they appear (short values are ignored)."""
    with _lock:
        _secrets.update(v for v in values if v and len(v) >= 6)


def registered() -> frozenset[str]:
    with _lock:
        return frozenset(_secrets)


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters shown as escapes."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def redact(text: str, secrets: Iterable[str] | None = None) -> str:
    """``text`` without secrets: registered values first (longest first), then patterns."""
    for value in sorted(registered() if secrets is None else set(secrets), key=len, reverse=True):
        if value in text:
            text = text.replace(value, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + MASK, text)
    return text


class RedactingFilter(logging.Filter):
    """A handler filter: the record's message (and traceback) redacted and on one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: log it as given rather than drop it
            message = f"{record.msg} {record.args}"
        record.msg = one_line(redact(message))
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Put the filter on every handler of ``logger`` (default: the root logger), once."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())


def register_url(url: str) -> None:
    """A webhook URL's credentials: its query values, its password and the path segments
    that look like tokens (8 characters or more, with a digit)."""
    from urllib.parse import parse_qsl, unquote, urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        register(url)
        return
    register(*(v for _, v in parse_qsl(parts.query)))
    segments = [unquote(s) for s in parts.path.split("/")]
    register(*(s for s in segments if len(s) >= 8 and any(c.isdigit() for c in s)))
    if parts.password:
        register(parts.password, unquote(parts.password))


def register_config(config: object) -> None:
    """Every secret a config names: webhook URLs, and the values of its ``*_env`` variables."""
    import os

    envs: list[str | None] = []
    for office in getattr(config, "offices", ()):
        for hook in getattr(office, "webhooks", ()) or ():
            register_url(hook.url)
            envs.append(hook.secret_env)
    envs.append(getattr(getattr(config, "smtp", None), "password_env", None))
    envs.append(getattr(getattr(config, "ack", None), "secret_env", None))
    web = getattr(config, "web", None)
    envs += [
        getattr(web, "secret_env", None),
        getattr(web, "token_env", None),
        getattr(web, "password_env", None),
    ]
    register(*(os.environ.get(e) for e in envs if e))
    store = getattr(config, "store_url", None)
    if isinstance(store, str) and "://" in store:
        from urllib.parse import unquote, urlsplit

        with suppress(ValueError):
            password = urlsplit(store).password
            register(password, unquote(password) if password else None)
