"""Character normalisation and paragraph rejoining: pure functions shared by every format."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from pipeline.ingest.boilerplate import strip_boilerplate
from pipeline.models import Block

# Full-width forms that carry no Chinese typographic meaning: digits, Latin letters and
# ASCII-like symbols become ASCII. Chinese punctuation (，。；：？！“”‘’（）【】《》、～)
# stays: the extractor relies on it.
_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH |= {chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)}
_FULLWIDTH |= {chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)}
_FULLWIDTH |= {c: chr(ord(c) - 0xFEE0) for c in "％＋－．／＝＆＃＠＊＿＾｀＼＄"}
_SPACES = {c: " " for c in "\t\u00a0\u2002\u2003\u2009\u202f\u3000\u200a\u2005\u2006\u205f"}
_DROPPED = {c: None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad\x00"}
_TABLE = str.maketrans(_FULLWIDTH | _SPACES | _DROPPED)
# Kangxi radicals and compatibility ideographs (common in text extracted from PDFs).
_COMPAT = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]")
_CONTROL = re.compile(r"[\x01-\x08\x0b-\x1f\x7f]")
_MULTISPACE = re.compile(r" {2,}")

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
# ASCII punctuation written inside Chinese text ("近日,会议召开") → the Chinese forms the
# extractor splits on. Only after a Chinese character or closing quote/bracket.
_ASCII_PUNCT = re.compile(f"(?<=[{_CJK}”’）》」』%])\\s?([,;:!?])")
_ASCII_PUNCT_MAP = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_ASCII_PARENS = re.compile(f"\\(([^()]*[{_CJK}][^()]*)\\)")
_ASCII_QUOTES = re.compile(f'"([^"]*[{_CJK}][^"]*)"')
# Letter-spaced Chinese ("国 家 粮 食 应 急 预 案"): the spaces are typography.
_SPACED_RUN = re.compile(f"(?<![^ ])(?:[{_CJK}] ){{2,}}[{_CJK}](?![^ ])")
# Pinyin a mirror site wrote after characters ("農(nóng)民工", "春節(jié)前"): not the text's own
_TONED = "[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*"  # a syllable with its tone mark
_PINYIN = re.compile(
    f"(?<=[{_CJK}])(?:\\({_TONED}\\)|\\{{pinyin:[^{{}}]{{1,12}}\\}}|{_TONED}(?=[{_CJK}]))"
)  # 農(nóng), 清{pinyin:qīng}水, 凉州zhōu区
# Every character one of the rare passes above acts on: one scan decides whether to run them.
_RARE = re.compile(
    '[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\x01-\x08\x0b-\x1f\x7f(",;:!?{āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]'
)


def normalize_text(text: str) -> str:
    """Normalise one paragraph: full-width ASCII, odd spaces, invisible and control characters.

    ASCII , ; : ! ? after Chinese text, and ASCII parentheses and double quotes around
    Chinese text, become their Chinese forms; pinyin a mirror wrote after a character goes.
    Leading and trailing whitespace (including U+3000 indentation) is removed and inner
    runs of spaces collapse to one.
    """
    text = text.translate(_TABLE)
    if _RARE.search(text):  # the passes below change nothing in most paragraphs
        text = _COMPAT.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)
        text = _CONTROL.sub("", text)
        text = _PINYIN.sub("", text)
        text = _ASCII_PARENS.sub(r"（\1）", text)
        text = _ASCII_QUOTES.sub(r"“\1”", text)
        text = _ASCII_PUNCT.sub(lambda m: _ASCII_PUNCT_MAP[m[1]], text)
    text = text.strip()
    if " " in text:
        text = _MULTISPACE.sub(" ", text)
        text = _SPACED_RUN.sub(lambda m: m[0].replace(" ", ""), text)
    return text


def count_cjk(text: str) -> int:
    """The number of Chinese characters in `text`."""
    return len(_CJK_CHAR.findall(text))


def join_pieces(left: str, right: str) -> str:
    """Join two pieces of one sentence: no separator unless both sides are Latin/digits."""
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii():
        return f"{left} {right}"
    return left + right


# --- rejoining paragraphs broken mid-sentence ------------------------------------------

JOIN_MIN_CHARS = 30  # an unpunctuated paragraph longer than this continues on the next one
# Ending a paragraph: sentence-final punctuation, closing quotes and brackets.
_FINAL = set("。！？；：…”’）」』】》〕!?;:)]\"'.")
# Ending a paragraph mid-clause: it surely continues.
_CONTINUES = set("，、,（(“‘《【—")
# Cannot start a paragraph: the line before was broken just ahead of it.
_NO_START = set("。，、；：？！）」』”’》〕,;:!?)")
_SENTENCE_END = re.compile("[。！？；!?;]")
_OUTLINE = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d+[、.．](?!\d)"
    r"|第[一二三四五六七八九十百千\d]+[章节条部分篇]|[①-⑳]|[●•◆■▪◇○□★☆]|——|附件)"  # ● a bullet
)
_URL_END = re.compile(r"(?:https?://|www\.)\S+$")


def heading_like(text: str) -> bool:
    """An outline heading: numbered and holding no full sentence."""
    return bool(_OUTLINE.match(text)) and not _SENTENCE_END.search(text)


# The genre word that ends a document title (…的通知, …实施方案（试行）).
_TITLE_END = re.compile(
    r"(?:通知|意见|办法|方案|决定|规定|报告|批复|复函|函|条例|细则|规划|要点|纲要|计划|公告|通告"
    r"|决议|指引|指南|清单|答复|命令|令)(?:[（(][^）)]{0,12}[）)])?$"
)


def holds_sentence(text: str) -> bool:
    """Text with a sentence's end in it (。！？；)."""
    return bool(_SENTENCE_END.search(text))


def title_like(text: str) -> bool:
    """A document title: ends in its genre word and holds no sentence."""
    return bool(_TITLE_END.search(text)) and not holds_sentence(text)


HEADING_MAX_CHARS = 40  # a short line without a full stop reads as a heading


def short_line(text: str) -> bool:
    """A heading-like line: short, no sentence end, not cut off at a comma or inside an
    open bracket ("…其他设区市（含")."""
    return (
        len(text) <= HEADING_MAX_CHARS
        and not _SENTENCE_END.search(text)
        and text[-1] not in _CONTINUES
        and text[-1] not in ".!?;"
        and text.count("（") + text.count("(") <= text.count("）") + text.count(")")
    )


def should_join(
    prev: Block, nxt: Block, after: Block | None = None, *, first: bool = False
) -> bool:
    """Whether `nxt` continues the paragraph `prev`, broken mid-sentence.

    `after` is the paragraph following `nxt`; `first` marks the document's first
    paragraph, usually its title.
    """
    if prev.heading or nxt.heading or not prev.text or not nxt.text:
        return False
    if nxt.text[0] in _NO_START:
        return True
    last = prev.text[-1]
    if last in _FINAL or _URL_END.search(prev.text):
        return False
    if _FIELD.match(prev.text) and _FIELD.match(nxt.text):
        return False  # "整改时限：4月30日前" / "问题2：…": a list of labelled fields
    if short_line(nxt.text) and not (after and after.text[:1] in _NO_START):
        return False  # a heading follows; unless it is a fragment the next line completes
    if last in _CONTINUES:
        return not first
    if _OUTLINE.match(nxt.text) or heading_like(prev.text) or title_like(prev.text):
        return False
    return len(prev.text) > JOIN_MIN_CHARS and not first


# "整改措施：…", "完成时限：…", "问题2：…", "问题（2）："
_FIELD = re.compile(
    r"[\u4e00-\u9fff]{2,8}(?:[0-9]{1,3}|[（(][0-9一二三四五六七八九十]{1,3}[）)])?[：:]"
)
WRAP_MIN_LINES = 5  # lines of one width that make a text hard-wrapped
WRAP_SHARE = 0.4  # ... and the share of its lines they must be


def wrap_width(blocks: Sequence[Block]) -> int | None:
    """The width a hard-wrapped text was cut at (every full line as long), else None.

    Text copied from a PDF or a print layout breaks every line at one width, mid-word
    ("设计红" / "线土地征用"); such lines are short but are not headings.
    """
    lengths = [len(b.text) for b in blocks if not b.heading and len(b.text) >= 12]
    if len(lengths) < WRAP_MIN_LINES:
        return None
    width, count = Counter(lengths).most_common(1)[0]
    near = sum(1 for n in lengths if width - 2 <= n <= width)
    return width if near >= max(WRAP_MIN_LINES, WRAP_SHARE * len(lengths)) and count > 1 else None


def _wrapped(prev: Block, width: int | None) -> bool:
    """Whether `prev` is a full line of a hard-wrapped text, cut before its sentence ended."""
    return (
        width is not None
        and not prev.heading
        and len(prev.text) >= width - 2
        and prev.text[-1] not in _FINAL
    )


def rejoin(blocks: Sequence[Block], *, title_first: bool = True) -> list[Block]:
    """Merge paragraphs broken mid-sentence; the merged block keeps the first one's line.

    `title_first`: the first paragraph is the document's title, never continued.
    """
    width = wrap_width(blocks)
    out: list[Block] = []
    for i, block in enumerate(blocks):
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        first = title_first and len(out) == 1
        fresh = _OUTLINE.match(block.text) or _FIELD.match(block.text)
        if out and _wrapped(blocks[i - 1], width) and not fresh:
            # a layout break (no space is lost); a numbered item ("二、…") or a labelled field
            # ("整改措施：…", "完成时限：…") starts afresh
            prev = out[-1]
            out[-1] = Block(prev.text + block.text, prev.line, prev.heading)
        elif out and should_join(out[-1], block, after, first=first):
            prev = out[-1]
            out[-1] = Block(join_pieces(prev.text, block.text), prev.line, prev.heading)
        else:
            out.append(block)
    return out


def build_blocks(
    raw: Iterable[Block], *, join: bool = True, title_first: bool = True
) -> list[Block]:
    """Normalise, drop web boilerplate and empty paragraphs, then rejoin broken ones."""
    cleaned = [Block(normalize_text(b.text), b.line, b.heading) for b in raw]
    kept = strip_boilerplate([b for b in cleaned if b.text])
    return rejoin(kept, title_first=title_first) if join else kept
