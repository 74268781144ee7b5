"""Document-date inference: pure functions, no I/O.

A parser collects `DateHint`s (from a sidecar, front matter, page or table metadata, the
text itself); `choose_date` picks one by this priority, best first:

    sidecar > front-matter > as-of (operator) > page / table metadata > text > weak metadata

"weak" is metadata that is often wrong (a .docx file's creation date, frequently inherited
from a template). A hint known only to the year (a report's ``year`` column, a 发文字号
〔2019〕) yields 1 January and gives way to a full date of the same year from a later source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.textnorm import normalise, parse_num
from pipeline.textnorm import parse_year as parse_cn_year

RANKS = {"sidecar": 0, "front-matter": 1, "as-of": 2, "page": 3, "table": 3, "text": 4}
WEAK_RANK = 5
MIN_YEAR, MAX_YEAR = 1949, 2100


@dataclass(frozen=True)
class DateHint:
    """One candidate document date and where it came from."""

    basis: str  # sidecar | front-matter | page | table | text
    date: dt.date
    source: str = ""  # human-readable origin, e.g. "成文日期 line 212"
    year_only: bool = False
    weak: bool = False

    @property
    def rank(self) -> int:
        return WEAK_RANK if self.weak else RANKS[self.basis]


YEAR_ONLY = "year-only"  # the basis of a date known to its year only (read as 1 January)


@dataclass(frozen=True)
class DateChoice:
    published: dt.date | None
    basis: str
    warnings: tuple[str, ...] = ()


# --- parsing single date strings -------------------------------------------------------

_CN_YEAR = "[〇○ＯОO零一二三四五六七八九]{4}"  # ○, Ｏ, Cyrillic О and Latin O stand for 〇
_ZERO = str.maketrans("○ＯОO", "〇〇〇〇")
_CN_SMALL = "[一二三四五六七八九十]{1,3}"

_NUMERIC = re.compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?!\d)")
_CHINESE = re.compile(rf"({_CN_YEAR})年({_CN_SMALL})月({_CN_SMALL})日")
DATE_PATTERN = (
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    rf"|{_CN_YEAR}年{_CN_SMALL}月{_CN_SMALL}日)"
)
# Other absolute forms, left to dateparser: "26.06.2015 20:01", "Aug 3, 2020", "3 August 2020".
_OTHER_DATE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}\b|\b[A-Z][a-z]{2,8}\.? \d{1,2},? (?:19|20)\d{2}\b"
    r"|\b\d{1,2} [A-Z][a-z]{2,8}\.? (?:19|20)\d{2}\b"
)
# Labelled date lines of pages and their text copies, strongest label first.
LABELLED_DATES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("成文日期", re.compile(rf"成文(?:日期|时间)\s*[:：|｜]?\s*[|｜]?\s*({DATE_PATTERN})")),
    (
        "印发日期",
        re.compile(rf"(?:印发|发文|签发)(?:日期|时间)\s*[:：|｜]?\s*[|｜]?\s*({DATE_PATTERN})"),
    ),
    (
        "发布日期",
        re.compile(
            rf"(?:发布|公开|公布|发稿|更新)(?:日期|时间)\s*[:：|｜]?\s*[|｜]?\s*({DATE_PATTERN})"
        ),
    ),
    ("日期", re.compile(rf"(?<![\u4e00-\u9fff])(?:日期|时间)\s*[:：]\s*({DATE_PATTERN})")),
    (
        "来源行",
        re.compile(
            rf"来源\s*[:：][^\n]{{0,40}}?({DATE_PATTERN})|({DATE_PATTERN})[^\n]{{0,12}}来源\s*[:：]"
        ),
    ),
)


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """A valid date in the plausible range, else None."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """First full date in `text`: 2019-01-30, 2019/1/30, 2019.1.30, 2019年1月30日,
    二〇一九年一月三十日; other absolute forms (26.06.2015, Aug 3, 2020) through dateparser."""
    norm = normalise(text)
    m = _NUMERIC.search(norm)
    if m:
        return make_date(int(m[1]), int(m[2]), int(m[3]))
    m = _CHINESE.search(text.translate(_ZERO))
    if m:
        year = parse_cn_year(m[1].translate(_ZERO))
        return make_date(year or 0, parse_num(m[2]) or 0, parse_num(m[3]) or 0)
    m = _OTHER_DATE.search(text)
    return _dateparser(m[0]) if m else None


def _dateparser(text: str) -> dt.date | None:
    """An absolute date in a Western or numeric format; dateparser is imported only here."""
    import dateparser  # slow to import: only documents that need it pay

    got = dateparser.parse(
        text,
        languages=["en", "zh"],
        settings={"STRICT_PARSING": True, "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return make_date(got.year, got.month, got.day) if got else None


def labelled_date(text: str) -> tuple[str, dt.date] | None:
    """The date of a labelled date line ("发布时间：2020-08-03 10:20"), strongest label first."""
    text = normalise(text)
    for label, pattern in LABELLED_DATES:
        m = pattern.search(text)
        if m and (date := parse_date(next(g for g in m.groups() if g))):
            return label, date
    return None


def parse_year(value: object) -> int | None:
    """A year from 2019, "2019", "2019年", 2019.0; None when absent or implausible."""
    if value is None or isinstance(value, bool):
        return None
    m = re.fullmatch(r"\s*(\d{4})(?:\.0+)?\s*年?\s*", str(value))
    if m and MIN_YEAR <= int(m[1]) <= MAX_YEAR:
        return int(m[1])
    return None


def hint_from_value(value: object, basis: str, source: str) -> DateHint | None:
    """A hint from a metadata value: a date, datetime, date string or bare year."""
    if isinstance(value, dt.datetime):
        return DateHint(basis, value.date(), source)
    if isinstance(value, dt.date):
        return DateHint(basis, value, source)
    if value is None:
        return None
    date = parse_date(str(value))
    if date:
        return DateHint(basis, date, source)
    year = parse_year(value)
    if year:
        return DateHint(basis, dt.date(year, 1, 1), source, year_only=True)
    return None


# --- inference from the text -----------------------------------------------------------

_SPACES = r"[\s\u3000]*"
# A 成文日期 line: the date alone, perhaps after the issuing office ("国务院办公厅 2019年1月16日").
_STANDALONE = re.compile(
    rf"^(?:(?P<org>[\u4e00-\u9fff（）()]{{2,30}})\s+)?(?P<date>{DATE_PATTERN})(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?$"
)
# A dateline: "——2017年3月5日在第十二届全国人民代表大会第五次会议上", or an adoption note
# "（2023年3月13日第十四届全国人民代表大会第一次会议通过）".
_DATELINE = re.compile(
    rf"^(?:(?:[—―－‒–\-]{{1,2}}|[（(]){_SPACES}(?P<date>{DATE_PATTERN})"
    rf"|(?P<bare>{DATE_PATTERN}){_SPACES}(?:在|于))"
)
# A 发文字号: 国办发〔2019〕4号, 包府办发[2022]43号.
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}[〔\[［【(（]((?:19|20)\d{2})[〕\]］】)）]\s*第?\s*\d{1,4}\s*号"
)
ORG_SUFFIX = re.compile(r"(?:政府|办公室|办公厅|委员会|院|厅|局|委|会|部|办|室|处|组|中心|公司)$")

_PUNCT = re.compile(r"[，。；：！？,;:!?]")
HEAD_LINES = 25  # how far from the top a dateline or 成文日期 may be
TAIL_LINES = 12  # how far from the end a 成文日期 may be


def _standalone(text: str) -> re.Match[str] | None:
    return _STANDALONE.match(text.strip()) if len(text) <= 48 else None


def infer_text_date(paras: Sequence[tuple[int, str]]) -> DateHint | None:
    """The document date written in the text, from (line, text) paragraphs.

    Order: a 成文日期 line near the end or labelled near the top, a dateline or adoption note
    near the top, a labelled date line near the top (印发日期 > 发布时间 > 日期 > a 来源 line
    with a date), a standalone date near the top, the year of a 发文字号 near the top (year
    only), an NPC session, a year in the title (weak), a five-year plan's closing (“十三五”…
    收官, year only).
    """
    head, tail = paras[:HEAD_LINES], paras[-TAIL_LINES:]
    labelled = _labelled(head)
    signed = labelled if labelled is not None and labelled.source.startswith("成文日期") else None
    finders: tuple[Callable[[], DateHint | None], ...] = (
        lambda: _signature(tail) or signed,
        lambda: _dateline(head) or labelled,
        lambda: _standalone_date(head),
        lambda: _years(paras, head),
    )
    for find in finders:
        if (hint := find()) is not None:
            return hint
    return None


def _signature(tail: Sequence[tuple[int, str]]) -> DateHint | None:
    for line, text in reversed(tail):
        m = _standalone(text)
        if m and (date := parse_date(m["date"])):
            return DateHint("text", date, f"成文日期 line {line}")
    return None


def _dateline(head: Sequence[tuple[int, str]]) -> DateHint | None:
    for line, text in head:
        m = _DATELINE.match(text.strip())
        if m and (date := parse_date(m["date"] or m["bare"])):
            return DateHint("text", date, f"dateline line {line}")
    return None


def _standalone_date(head: Sequence[tuple[int, str]]) -> DateHint | None:
    for line, text in head:
        m = _standalone(text)
        if m and (date := parse_date(m["date"])):
            return DateHint("text", date, f"date line {line}")
        if _OTHER_STANDALONE.match(text) and (date := parse_date(text)):
            return DateHint("text", date, f"date line {line}")
    return None


def _years(paras: Sequence[tuple[int, str]], head: Sequence[tuple[int, str]]) -> DateHint | None:
    """A year only: a 发文字号, an NPC session, the title (weak), a plan's closing."""
    for line, text in head:
        if m := _DOC_NUMBER.search(text):
            return _year_hint(int(m[1]), f"发文字号 year line {line}")
    for line, text in head[:3]:
        if session := npc_session_year(text):
            return _year_hint(session, f"NPC session line {line}")
    title = paras[0][1] if paras else ""
    m = None if _PUNCT.search(title) else _TITLE_YEAR.match(title)
    if m and (titled := parse_year(m[1])):
        return _year_hint(titled, f"year in the title line {paras[0][0]}", weak=True)
    for line, text in paras:
        if m := _PLAN_CLOSE.search(text):
            return _year_hint(
                PLAN_LAST_YEAR[m["plan"]], f"“{m['plan']}” closing (收官) line {line}"
            )
    return None


# "确保……“十三五”规划圆满收官": the text is written in that five-year plan's last year.
PLAN_LAST_YEAR = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
_PLAN_CLOSE = re.compile(r"[“\"]?(?P<plan>十[一二三四五]五)[”\"]?(?:规划|时期)?[^。；]{0,8}收官")


def _labelled(head: Sequence[tuple[int, str]]) -> DateHint | None:
    """The strongest labelled date line near the top (成文日期 > 印发日期 > 发布日期 > …)."""
    found = [
        (label, date, line)
        for line, text in head
        if (got := labelled_date(text))
        for label, date in [got]
    ]
    if not found:
        return None
    order = [label for label, _ in LABELLED_DATES]
    label, date, line = min(found, key=lambda f: order.index(f[0]))
    return DateHint("text", date, f"{label} line {line}")


_OTHER_STANDALONE = re.compile(
    rf"^\s*(?:{_OTHER_DATE.pattern})(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*$"
)


def _year_hint(year: int, source: str, *, weak: bool = False) -> DateHint:
    return DateHint("text", dt.date(year, 1, 1), source, year_only=True, weak=weak)


# First year of each National People's Congress; its Nth session sits in year start + N - 1
# (the 2nd NPC, which skipped 1961, is the exception).
NPC_FIRST_YEAR = {1: 1954, 3: 1964, 4: 1975, 5: 1978, 6: 1983, 7: 1988, 8: 1993, 9: 1998}
NPC_FIRST_YEAR |= {10: 2003, 11: 2008, 12: 2013, 13: 2018, 14: 2023, 15: 2028}
NPC_2ND_SESSIONS = {1: 1959, 2: 1960, 3: 1962, 4: 1963}
_NPC = re.compile(
    r"第([一二三四五六七八九十]{1,3})届全国人民代表大会第([一二三四五六七八九十]{1,2})次会议"
)
_TITLE_YEAR = re.compile(r"^.{0,12}?((?:19|20)\d{2})\s*年")


def npc_session_year(text: str) -> int | None:
    """The year of the NPC session a text names first (第十四届全国人民代表大会第三次会议 → 2025)."""
    m = _NPC.search(text)
    if not m:
        return None
    congress, session = parse_num(m[1]) or 0, parse_num(m[2]) or 0
    if congress == 2:
        return NPC_2ND_SESSIONS.get(session)
    start = NPC_FIRST_YEAR.get(congress)
    return start + session - 1 if start and 1 <= session <= 5 else None


def infer_issuer(paras: Sequence[tuple[int, str]]) -> str | None:
    """The office signing the document: on, or on the line above, a 成文日期 line."""
    n = len(paras)
    order = [*range(n - 1, max(n - TAIL_LINES, 0) - 1, -1), *range(min(HEAD_LINES, n))]
    for i in order:
        m = _standalone(paras[i][1])
        if not m:
            continue
        if m["org"] and ORG_SUFFIX.search(m["org"]):
            return m["org"]
        above = paras[i - 1][1].strip() if i > 0 else ""
        if 2 <= len(above) <= 30 and ORG_SUFFIX.search(above) and not _PUNCT.search(above):
            return above
    return None


# --- choosing ---------------------------------------------------------------------------


def choose_date(hints: Sequence[DateHint], as_of: dt.date | None = None) -> DateChoice:
    """Pick the document date by the priority in the module docstring."""
    pool = list(hints)
    if as_of is not None:
        pool.append(DateHint("as-of", as_of, "operator"))
    if not pool:
        return DateChoice(None, "none")
    ordered = sorted(enumerate(pool), key=lambda p: (p[1].rank, p[0]))
    best = ordered[0][1]
    warnings: list[str] = []
    if best.year_only:
        finer = next(
            (h for _, h in ordered[1:] if not h.year_only and h.date.year == best.date.year),
            None,
        )
        if finer is not None:
            best = finer
        else:
            warnings.append(
                f"document date known to the year only ({best.date.year}, {best.source}); "
                f"deadlines without a year are read as of 1 January {best.date.year}: give the "
                f"date in a sidecar (date: YYYY-MM-DD) or with --as-of"
            )
            return DateChoice(best.date, YEAR_ONLY, tuple(warnings))
    rival = next(
        (
            h
            for _, h in ordered
            if h.basis != best.basis and not h.year_only and not h.weak and h.date != best.date
        ),
        None,
    )
    if rival is not None and best.basis not in ("sidecar", "front-matter"):
        warnings.append(
            f"{rival.basis} date {rival.date.isoformat()} ({rival.source}) differs from the "
            f"{best.basis} date {best.date.isoformat()} used"
        )
    return DateChoice(best.date, best.basis, tuple(warnings))
