"""Length-preserving text normalisation and Chinese numeral parsing.

``normalise`` maps one character to one character, so a span found in the normalised text
is the same span in the original: full-width digits and letters become ASCII, a few
full-width signs used in dates become ASCII, ``○``/``Ｏ`` in years become ``〇``, and the
traditional characters that occur in deadline expressions become simplified.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["normalise", "parse_num", "parse_year"]

# Traditional -> simplified, one for one, limited to characters of the deadline grammar
# and its context cues (以來, 之日起, 長期堅持 ...).
_T2S = (
    "內内 節节 歲岁 個个 週周 號号 後后 開开 學学 國国 慶庆 勞劳 動动 終终 當当 長长 堅坚 續续 "
    "進进 態态 盡尽 來来 間间 時时 規规 劃划 計计 歷历 曆历 兩两 萬万 億亿 務务 於于 點点 為为 "
    "實实 現现 達达 屆届 滿满 從从 這这 數数 餘余 幾几 與与 隨随 馬马 禮礼 報报 辦办 結结 畢毕 "
    "級级 會会 緊紧 斷断 應应 須须 則则 啟启 釐厘 執执 東东 區区 際际 項项 紀纪 議议 頭头 麼么 "
    "鐘钟 歸归 雙双 貳贰 參参 陸陆 溫温 備备 見见 臘腊 陰阴 陽阳 頒颁 佈布 發发 蒐搜 義义"
)
_TABLE: dict[int, str] = {}
for _pair in _T2S.split():
    _TABLE[ord(_pair[0])] = _pair[1]
for _i in range(10):
    _TABLE[0xFF10 + _i] = str(_i)
for _i in range(26):
    _TABLE[0xFF21 + _i] = chr(0x41 + _i)
    _TABLE[0xFF41 + _i] = chr(0x61 + _i)
_TABLE.update(
    {
        ord("－"): "-",
        ord("～"): "~",
        ord("．"): ".",
        ord("／"): "/",
        ord("："): ":",
        ord("○"): "〇",
        ord("◯"): "〇",
        ord("Ｏ"): "〇",
    }
)
_TABLE = {k: v for k, v in _TABLE.items() if chr(k) != v}


def normalise(text: str) -> str:
    """Return ``text`` with the same length, full-width and traditional forms folded."""
    return text.translate(_TABLE)


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
