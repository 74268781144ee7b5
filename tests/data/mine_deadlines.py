"""Mine candidate deadline phrases from the shared corpus for hand labelling.

    .venv/bin/python tests/data/mine_deadlines.py [CORPUS] [--sample=K] > /tmp/candidates.tsv

Reads ../shared/corpus (or CORPUS), dates each document the way the corpus README says,
finds candidate expressions with a deliberately simple regex of its own (NOT the resolver,
so labels are not the resolver's output), and prints one row per candidate (with
``--sample=K``: at most K per form and corpus directory, chosen by a stable hash): a short
phrase (at most 40 characters around the hit), the hit, the document date and the source.
Whole documents are never copied; only these short phrases go into deadlines.tsv, where
the expected dates are written by hand following DEADLINES.md.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
N = r"[0-9０-９一二三四五六七八九十两]+"
CANDIDATE = re.compile(
    "|".join(
        [
            rf"(?:(?:19|20)\d\d年|二〇\S\S年|今年|明年|次年)?{N}月(?:底|末|中旬|上旬|下旬|份)?(?:前|以前|之前)",
            rf"(?:(?:19|20)\d\d年|今年|明年)?{N}月(?:底|末|中旬|上旬|下旬)",
            rf"(?:(?:19|20)\d\d年|今年|明年)?{N}月{N}日(?:前|以前|之前)",
            r"(?:(?:19|20)\d\d年|今年|明年)?(?:年底|年末)前?",
            r"(?:今年|本年)?年内",
            r"(?:今年|明年)(?:年底|底|年末|上半年|下半年|\S{1,2}季度)?",
            r"(?:汛期|汛|春节|国庆|元旦|中秋|端午|清明|五一)前|今冬明春|每(?:个)?季度|\S{1,3}月\S{1,3}日至\S{1,3}月\S{1,3}日",
            rf"{N}年内",
            r"(?:(?:19|20)\d\d年|今年|明年)?(?:上|下)半年",
            r"(?:(?:19|20)\d\d年|今年|明年)?第?[一二三四1-4]季度末?前?",
            r"前三季度",
            rf"{N}个?工作日内",
            rf"{N}(?:日|天|周)内",
            rf"{N}个月内",
            r"(?:到|至)(?:19|20)\d\d年(?:底|末)?",
            r"(?:19|20)\d\d年(?:底|末)?前",
            r"“十[一二三四五]五”(?:末|期间|时期|期末)?",
            r"每(?:月|季度|年|半年|周)(?:\S{1,4}日)?前?",
            r"尽快|立即|长期坚持|持续推进|常态化",
            rf"{N}月(?:份)?以来|{N}月{N}日起",
        ]
    )
)
DATE_LINE = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日")


@dataclass(frozen=True)
class Doc:
    source: str  # corpus dir / file or record
    date: str  # YYYY-MM-DD
    text: str


def _iso(y: str | int, m: str | int, d: str | int) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _sql_records(raw: str) -> Iterator[list[str | None]]:
    """Values of each ``insert ... values (...)`` line: quoted strings, null and numbers."""
    for line in raw.splitlines():
        if not line.startswith("insert into"):
            continue
        body = line[line.index(" values (") + 9 :]
        vals: list[str | None] = []
        i = 0
        while i < len(body):
            ch = body[i]
            if ch == "'":
                buf, i = [], i + 1
                while i < len(body):
                    if body[i] == "\\" and i + 1 < len(body):
                        buf.append(body[i + 1])
                        i += 2
                    elif body[i] == "'" and body[i + 1 : i + 2] == "'":
                        buf.append("'")
                        i += 2
                    elif body[i] == "'":
                        i += 1
                        break
                    else:
                        buf.append(body[i])
                        i += 1
                vals.append("".join(buf))
            elif ch in ", \t)":
                i += 1
            else:
                j = i
                while j < len(body) and body[j] not in ",)":
                    j += 1
                tok = body[i:j].strip()
                vals.append(None if tok == "null" else tok)
                i = j
        yield vals


def _strip_tags(s: str) -> str:
    s = re.sub(r"<(br|p|/p|div|/div|tr|/tr)[^>]*>", "\n", s, flags=re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", "", s))


_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DATE = (
    r"([〇一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
)
_SIGNED = re.compile(
    r"(?:国务院办公厅|国务院|中央军委办公厅|中央军委|国家地震局)\s*"
    rf"(?:((?:19|20)\d\d)年(\d{{1,2}})月(\d{{1,2}})日|{_CN_DATE})"
)


def _cn_int(s: str) -> int:
    """Small Chinese numerals of dates: 二〇〇四, 十二, 二十九, 三十一."""
    if "十" not in s:
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _signed_date(text: str) -> str | None:
    """The 成文日期: the date under the issuing office's name (the last such)."""
    found = list(_SIGNED.finditer(text))
    if not found:
        return None
    g = found[-1].groups()
    if g[0]:
        return _iso(*g[:3])
    return _iso(_cn_int(g[3]), _cn_int(g[4]), _cn_int(g[5]))


def gov_cn(root: Path) -> Iterator[Doc]:
    # one insert per record; HTML bodies span lines, so join continuation lines first
    raw = (root / "gov-cn-policy-2019-sql" / "ge_policy_raw20190217.sql").read_text("utf-8")
    raw = re.sub(r"\n(?!insert into)", " ", raw)
    for vals in _sql_records(raw):
        url, title, number, content = vals[1] or "", vals[4] or "", vals[6] or "", vals[11] or ""
        text = _strip_tags(content)
        date = _signed_date(re.sub(r"\s+", " ", text))
        listed = re.search(r"content/(\d{4})-(\d\d)/(\d\d)/", url)
        if date is None and listed and number and f"〔{listed.group(1)}〕" in number:
            date = _iso(*listed.groups())  # no signature line: the gov.cn listing day
        if date is None:
            continue
        yield Doc(f"gov-cn-policy-2019-sql {number or title[:20]}", date, text)


def pkulaw(root: Path) -> Iterator[Doc]:
    for path in sorted((root / "local-policy-pkulaw").rglob("*.txt")):
        text = path.read_text("utf-8").replace("\r\n", "\n")
        head = text[:3000]
        m = re.search(r"^\s*((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日\s*$", head, re.MULTILINE)
        if m:
            yield Doc(f"local-policy-pkulaw {path.name[:18]}", _iso(*m.groups()), text)


def national(root: Path) -> Iterator[Doc]:
    for path in sorted((root / "gwr-national-1954-2017").glob("*.txt")):
        text = path.read_text("utf-8")
        m = re.search(r"——\s*((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日", text[:2000])
        if m:
            yield Doc(f"gwr-national-1954-2017 {path.name[:4]}", _iso(*m.groups()), text)


def wikisource(root: Path) -> Iterator[Doc]:
    path = root / "gwr-national-wikisource" / "government_work_reports.jsonl"
    for line in path.read_text("utf-8").splitlines():
        rec = json.loads(line)
        if not rec.get("year") or int(rec["year"]) < 2018:
            continue  # 1954-2017 duplicate source 1; only 2018+ are unique here
        text = rec["content"]
        m = re.search(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日在", text[:3000])
        # reports are delivered at the NPC session opening on 5 March unless the text says
        date = _iso(*m.groups()) if m else _iso(rec["year"], 3, 5)
        yield Doc(f"gwr-national-wikisource {rec['year']}", date, text)


def provincial(root: Path) -> Iterator[Doc]:
    for path in sorted((root / "gwr-provincial-2026").glob("2026_*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for rec in csv.DictReader(fh):
                m = re.search(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日在", rec["full_text"][:3000])
                date = _iso(*m.groups()) if m else rec["publish_date"]
                yield Doc(f"gwr-provincial-2026 {rec['province']}", date, rec["full_text"])


SOURCES = (gov_cn, pkulaw, national, wikisource, provincial)


def candidates(root: Path) -> Iterator[tuple[str, str, str, str]]:
    """(phrase, hit, document date, source) for each candidate hit."""
    for load in SOURCES:
        for doc in load(root):
            text = re.sub(r"\s+", " ", doc.text)
            for m in CANDIDATE.finditer(text):
                lo = max(0, m.start() - 12)
                hi = min(len(text), max(m.end() + 8, lo + 20), lo + 40)
                phrase = text[lo:hi].replace("\t", " ")
                if m.group() not in phrase:
                    continue
                yield phrase, m.group(), doc.date, doc.source


def shape(hit: str) -> str:
    """The form of a hit with its numbers blanked: 2019年3月底前 -> N年N月底前."""
    return re.sub(r"[0-9０-９一二三四五六七八九十两〇]+", "N", hit)


def sample(rows: list[tuple[str, str, str, str]], per_group: int) -> list[tuple[str, ...]]:
    """At most ``per_group`` rows per (form, corpus dir), chosen by a stable hash."""
    groups: dict[tuple[str, str], list[tuple[str, str, str, str]]] = {}
    for row in dict.fromkeys(rows):  # drop exact repeats, keep order
        groups.setdefault((shape(row[1]), row[3].split()[0]), []).append(row)
    out = []
    for group in groups.values():
        group.sort(key=lambda r: hashlib.sha1("|".join(r).encode()).hexdigest())
        out.extend(group[:per_group])
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    per_group = next((int(a[9:]) for a in sys.argv[1:] if a.startswith("--sample=")), 0)
    root = Path(args[0]) if args else CORPUS
    rows = list(candidates(root))
    if per_group:
        rows = sample(rows, per_group)
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["phrase", "expr", "doc_date", "source"])
    for row in rows:
        out.writerow(row)


if __name__ == "__main__":
    main()
