"""Length-preserving text normalisation and Chinese numeral parsing, shared by every stage.

``normalise`` maps one character to one character, so a span found in the normalised text
is the same span in the original: full-width digits and letters become ASCII, a few
full-width signs used in dates become ASCII, ``○``/``Ｏ`` in years become ``〇``, odd spaces
become a plain space, and traditional characters become simplified ones. The traditional
table is built once from OpenCC's ``t2s`` conversion, character by character (phrase-level
conversions would change lengths), so 責任單位, 實現, 年內 and 春節前 read like their
simplified forms everywhere: in the resolver, the extractor and owner notes.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["normalise", "parse_num", "parse_year"]

_FIXED: dict[int, str] = {ord("０") + i: str(i) for i in range(10)}
_FIXED.update({0xFF21 + i: chr(0x41 + i) for i in range(26)})
_FIXED.update({0xFF41 + i: chr(0x61 + i) for i in range(26)})
_FIXED.update(
    {
        ord("－"): "-",
        ord("～"): "~",
        ord("．"): ".",
        ord("／"): "/",
        ord("："): ":",
        ord("○"): "〇",
        ord("◯"): "〇",
        ord("Ｏ"): "〇",
        ord("\xa0"): " ",
        ord("\u3000"): " ",
        ord("\u2002"): " ",
        ord("\u2003"): " ",
        ord("\u200b"): " ",
    }
)
# CJK blocks whose traditional characters OpenCC maps to simplified ones.
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], re.Pattern[str]]:
    """The translation table and a pattern finding any character it changes."""
    import opencc  # imported here: only text that needs folding pays for it

    chars = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    table = dict(_FIXED)
    if len(converted) == len(chars):
        table.update({ord(a): b for a, b in zip(chars, converted) if a != b and len(b) == 1})
    table = {k: v for k, v in table.items() if chr(k) != v}
    needs = re.compile("[" + re.escape("".join(chr(k) for k in sorted(table))) + "]")
    return table, needs


@lru_cache(maxsize=8192)  # the stages of one paragraph fold the same text several times
def normalise(text: str) -> str:
    """Return ``text`` with the same length, full-width and traditional forms folded."""
    table, needs = _tables()
    return text.translate(table) if needs.search(text) else text


_DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNIT = {"十": 10, "百": 100, "千": 1000}


@lru_cache(maxsize=2048)
def parse_num(s: str) -> int | None:
    """Integer value of ASCII digits or a Chinese numeral (十一, 二十, 廿三, 一百零五).

    Returns None for anything malformed (十十; 一二 -- digit-by-digit is only for years).
    """
    if not s:
        return None
    if s.isascii():
        return int(s) if s.isdigit() else None
    if s[0] == "廿":
        s = "二十" + s[1:]
    elif s[0] == "卅":
        s = "三十" + s[1:]
    if len(s) == 1 and s in _DIGIT:
        return _DIGIT[s]
    total, digit, last_unit = 0, None, 10_000
    for c in s:
        if c in _DIGIT:
            if digit is not None and _DIGIT[c] != 0 and digit != 0:
                return None
            digit = _DIGIT[c]
        elif c in _UNIT:
            unit = _UNIT[c]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    return total + (digit or 0)


def parse_year(s: str) -> int | None:
    """A four-digit year written in ASCII digits or digit by digit (二〇二一)."""
    if s.isascii():
        value = int(s) if s.isdigit() else 0
    elif all(c in _DIGIT for c in s):
        value = 0
        for c in s:
            value = value * 10 + _DIGIT[c]
    else:
        return None
    return value if 1000 <= value <= 9999 else None
