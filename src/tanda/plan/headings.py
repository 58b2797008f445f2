"""Recognise one numbered heading line of a Chinese policy document.

Plans number their parts with a fixed ladder of styles: 第一章 > 一、 > （一） > 1. > （1） > ①, written
in full- or half-width forms, and boxed project lists (专栏1) sit inside a section. A heading often runs on
into its paragraph (`1.大力发展新能源。推动风电…`); the title is the part before the first full stop.
Everything here works on one line of *normalised* text (see text.normalize) and reports offsets into
that line, so callers can slice the original text at the same positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CHAPTER_LEVEL = 0  # 第一章 / 第一部分: above the 一、 ladder
BOX_LEVEL = -1  # 专栏: a box inside a section; its tree level is set by the section that holds it

_CN_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100}
_CN = "一二三四五六七八九十百零〇两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_LEAD = re.compile(r"[ \t\u00a0\ufeff\r]*")
# (pattern, level); tried in order, the first that matches the start of the line wins.
_NUMBERINGS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(rf"第([{_CN}\d]{{1,4}})(?:章|编|篇|部分)[ \t]*"), CHAPTER_LEVEL),
    (re.compile(r"专栏[ \t]*(\d{1,2}|[一二三四五六七八九十]{1,3})[ \t:：.、-]*"), BOX_LEVEL),
    (re.compile(rf"([{_CN}]{{1,4}})[ \t]*[、.][ \t]*"), 1),
    (re.compile(rf"\([ \t]*([{_CN}]{{1,4}})[ \t]*\)[ \t]*"), 2),
    (re.compile(r"(\d{1,2})[ \t]*[.、](?!\d)[ \t]*"), 3),
    (re.compile(r"\([ \t]*(\d{1,2})[ \t]*\)[ \t]*"), 4),
    (re.compile(rf"([{_CIRCLED}])[ \t]*"), 5),
]

# Where a run-on title ends: a full stop, a colon, or a semicolon.
_TITLE_STOP = re.compile(r"[。；;：:！!？?]")
# A title must say something: at least one CJK character (or a Latin word) and not start with a number.
_HAS_WORD = re.compile(r"[\u4e00-\u9fff]|[A-Za-z]{2}")
_BAD_TITLE_START = re.compile(r"[\d%‰.,，、)\]）】〕]")
# Sentence openers that show where a run-on title without a full stop gives way to its text:
# "提高服务业绿色发展水平以区域商贸物流中心…为导向" — the "以…为导向" frame starts a sentence.
_OPENER = re.compile(
    r"以[^，,。；;]{1,24}?为(?:导向|重点|核心|引领|主线|目标|抓手|载体|基础|支撑|依托|契机|方向|主体|龙头|突破口|中心)"
    r"|(?:围绕|依托|按照|立足|根据|对照|聚焦|结合)[^，,。；;]{2,}[，,]"
)
MAX_TITLE = 40  # a heading line longer than this without a stop runs on into its text


@dataclass(frozen=True)
class HeadingLine:
    """A numbered heading found at the start of a line (offsets relative to the line)."""

    level: int
    value: int  # the number as an integer (一 → 1, 12 → 12), for numbering checks
    number_start: int
    number_end: int  # end of the numbering, title starts here (after spaces)
    title_start: int
    title_end: int


def chinese_number(digits: str) -> int:
    """Value of a Chinese or Arabic numeral as used in headings (一, 十二, 二十一, 一百零五, 12, ③)."""
    if digits in _CIRCLED:
        return _CIRCLED.index(digits) + 1
    if digits.isascii() and digits.isdigit():
        return int(digits)
    total, current = 0, 0
    for ch in digits:
        if ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            current = _CN_DIGITS.get(ch, 0)
    return total + current


def title_span(line: str, start: int) -> tuple[int, int]:
    """Where the heading title that begins at `start` ends: before the first stop, or where the text begins."""
    rest = line[start:]
    stop = _TITLE_STOP.search(rest)
    end = stop.start() if stop else len(rest.rstrip())
    if end > MAX_TITLE:
        opener = _OPENER.search(rest, 4, min(end, 4 * MAX_TITLE))
        comma = re.search(r"[，,]", rest[: 2 * MAX_TITLE])
        if opener is not None:
            end = opener.start()
        elif end > 2 * MAX_TITLE:  # no stop in sight: the title is at most its first clause
            end = comma.start() if comma else 2 * MAX_TITLE
    return start, start + len(rest[:end].rstrip())


def match_heading(line: str) -> HeadingLine | None:
    """The numbered heading at the start of `line` (normalised text), or None if it is body text."""
    lead = _LEAD.match(line)
    pos = lead.end() if lead else 0
    for pattern, level in _NUMBERINGS:
        m = pattern.match(line, pos)
        if m is None:
            continue
        title_start, title_end = title_span(line, m.end())
        title = line[title_start:title_end]
        if not title or not _HAS_WORD.search(title) or _BAD_TITLE_START.match(title):
            return None
        number_end = m.end()
        while number_end > m.start() and line[number_end - 1] in " \t":
            number_end -= 1
        return HeadingLine(level, chinese_number(m.group(1)), m.start(), number_end, title_start, title_end)
    return None


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of `text`, split on "\\n" only so offsets stay plain indexes."""
    spans, start = [], 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            spans.append((start, len(text)))
            return spans
        spans.append((start, end))
        start = end + 1
