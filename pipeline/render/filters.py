"""Jinja2 filters for the templates: dates as offices write them, days left, reminder kinds."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
KIND_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^before-0$"), "到期当日提醒"),
    (re.compile(r"^before-(\d+)$"), "提前{0}天提醒"),
    (re.compile(r"^overdue(?:-\d+)?$"), "逾期督办"),
)


# --- filters -------------------------------------------------------------------------------


def _as_date(value: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def cn_date(value: dt.date | dt.datetime | str, weekday: bool = True) -> str:
    """2020-10-31 → "2020年10月31日（星期六）"; accepts a date, datetime or ISO string."""
    d = _as_date(value)
    text = f"{d.year}年{d.month}月{d.day}日"
    return f"{text}（{WEEKDAYS[d.weekday()]}）" if weekday else text


def days_phrase(days_left: int) -> str:
    """7 → "还有7天", 0 → "今天到期", -3 → "已逾期3天"."""
    n = int(days_left)
    if n > 0:
        return f"还有{n}天"
    if n == 0:
        return "今天到期"
    return f"已逾期{-n}天"


def kind_phrase(kind: str) -> str:
    """Reminder kind in words: before-30 → 提前30天提醒, before-0 → 到期当日提醒, overdue-N → 逾期督办."""
    for pattern, phrase in KIND_PHRASES:
        m = pattern.match(kind)
        if m:
            return phrase.format(*m.groups())
    return kind


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending in "…" when cut."""
    text = str(text)
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder, not one per value


def tojson(value: Any, indent: int | None = None) -> str:
    """JSON with Chinese kept as is (for the .json templates, which are not autoescaped)."""
    if indent is None:
        return _JSON.encode(value)
    return json.dumps(value, ensure_ascii=False, indent=indent)


def single_line(text: str) -> str:
    """Collapse to one header-safe line: control, format and line/paragraph separators removed."""
    text = str(text)
    if text.isprintable():  # no control, format or separator character but the plain space
        return " ".join(text.split())
    out = []
    for ch in str(text):
        cat = unicodedata.category(ch)
        if cat == "Cf":
            continue
        out.append(" " if cat in ("Cc", "Zl", "Zp") else ch)
    return re.sub(r"\s+", " ", "".join(out)).strip()


FILTERS: dict[str, Callable[..., Any]] = {
    "cn_date": cn_date,
    "days_phrase": days_phrase,
    "kind_phrase": kind_phrase,
    "clip": clip,
    "tojson": tojson,
    "single_line": single_line,
}
