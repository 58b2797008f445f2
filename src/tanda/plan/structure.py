"""The parts of a plan document: its header (title, 文号, issuer, date) and its tree of numbered sections.

Published plans come wrapped: a notice (`X关于印发Y的通知`, 文号, addressees, 现将《Y》印发给你们, signature
and date) around the plan itself, sometimes inside a web page with breadcrumbs, labelled fields
(`发文字号: …`) and footers. The header is read from the front matter before the first numbered
heading, preferring what the notice itself says about the plan over page furniture.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date

from tanda.plan.headings import BOX_LEVEL, HeadingLine, chinese_number, line_spans, match_heading
from tanda.plan.model import Section
from tanda.plan.text import normalize

PATH_SEPARATOR = " > "
FRONT_MAX_CHARS = 5000  # the header is never further into the text than this
TAIL_LINES = 40  # a signature and date may also close the document
MIN_TITLE_LINE = 6  # every line but the last of a title set over several lines is at least this long

_CJK = re.compile(r"[\u4e00-\u9fff]")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[【(]\s*\d{4}\s*[〕\]】)]\s*第?\s*\d{1,4}\s*号")
_DATE_ARABIC = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CN_DAY = r"([一二三四五六七八九十]{1,3})"
_DATE_CHINESE = re.compile(rf"([〇零一二三四五六七八九]{{4}})\s*年\s*{_CN_DAY}\s*月\s*{_CN_DAY}\s*日")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DATE_LINE = re.compile(rf"\s*\(?\s*(?:{_DATE_ARABIC.pattern}|{_DATE_CHINESE.pattern})\s*\)?\s*")
# A signature: the name of an organ standing alone on a line.
_ORGAN_LINE = re.compile(
    r"\s*([\u4e00-\u9fff()〔〕]{2,30}?(?:人民政府|政府|办公厅|办公室|委员会|领导小组|局|厅|委|办|部|院|中心))\s*"
)
_ISSUER_PREFIX = re.compile(r"(.{2,30}?(?:人民政府|政府|办公厅|办公室|委员会|领导小组|局|厅|委|办|部))关于")
_WRAPPER = re.compile(r"(?:(?P<issuer>.{2,40}?)关于)?(?:印发|转发)[《“]?(?P<title>.+?)[》”]?的通知")
_QUOTED_PLAN = re.compile(r"(?:现将|现把|特将|将)《([^《》\n]{2,80})》[^。\n]{0,12}?印发")
_DOC_TYPE_END = re.compile(
    r"(?:方案|意见|规划|计划|通知|决定|办法|纲要|要点|细则|规定|指南|条例|措施|行动|安排|报告|清单|路线图)"
    r"(?:\([^()]{1,10}\))?》?$"
)
_SENTENCE_PUNCT = re.compile(r"[。，,；;！!？?：:>|]")
_BULLET_START = re.compile(r"[•·▪■□◆◇●○\-*]")
# Field labels of government sites' metadata tables, spaced out to line up: 标      题, 索  引 号.
_LABEL = "(?:{})".format(
    "|".join(
        r"\s*".join(label)
        for label in (
            "标题",
            "发文机关",
            "发文字号",
            "文号",
            "成文日期",
            "发布日期",
            "发布时间",
            "索引号",
            "分类",
            "主题词",
            "来源",
        )
    )
)
_FIELD = re.compile(rf"({_LABEL})\s*[:：]\s*(.*?)(?=\s*{_LABEL}\s*[:：]|\s*$)")
# Lines that close a document or belong to the web page around it, never to the last section.
_CLOSING = re.compile(
    r"\s*[(（]此件[^)）]*[)）]\s*|.*(?:https?://|www\.|@|投稿|特别声明|免责声明|版权所有|责任编辑|扫一扫|打印本页|关闭窗口|"
    r"分享到|上一篇|下一篇|相关链接|来源[:：]|查看更多|转载|阅读次数|浏览次数|>.*>).*"
)


@dataclass
class Header:
    title: str
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None


@dataclass
class _Line:
    start: int
    end: int
    norm: str  # normalised, stripped
    orig: str  # as written, stripped


def _lines(text: str, norm: str, start: int = 0, stop: int | None = None) -> list[_Line]:
    """The lines that touch [start, stop], stripped, in both spellings."""
    stop = len(text) if stop is None else stop
    out = []
    for a, b in line_spans(text):
        if b < start or a > stop:
            continue
        out.append(_Line(a, b, norm[a:b].strip(), text[a:b].strip()))
    return out


def _iso(year: str, month: str, day: str) -> str | None:
    """ISO date from Arabic or Chinese numerals (二〇二二年七月二十二日); None for impossible dates."""

    def value(s: str) -> int:
        if s.isascii():
            return int(s)
        if len(s) == 4:  # 二〇二二: digit by digit
            return int("".join(str(chinese_number(c)) for c in s))
        return chinese_number(s)

    try:
        return date(value(year), value(month), value(day)).isoformat()
    except ValueError:
        return None


def _date_in(s: str) -> str | None:
    for pattern in (_DATE_ARABIC, _DATE_CHINESE, _DATE_ISO):
        m = pattern.search(s)
        if m:
            return _iso(*m.groups())
    return None


def _is_title_like(line: _Line) -> bool:
    s = line.norm
    return (
        1 < len(s) <= 60
        and _CJK.search(s) is not None
        and not _SENTENCE_PUNCT.search(s)
        and not _BULLET_START.match(s)
        and not _DATE_LINE.fullmatch(s)
        and not _DOC_NUMBER.fullmatch(s)
        and match_heading(s) is None
    )


def _block_at(content: list[_Line], i: int) -> tuple[str | None, int]:
    """The title that starts on line `i` and ends with a document type within four lines, and the next line."""
    joined = ""
    for j in range(i, min(len(content), i + 4)):
        if not _is_title_like(content[j]) or (j > i and content[j].norm.startswith("《")):
            return None, j  # a title in 《》 stands alone: what came before it is page furniture
        if j > i and len(content[j - 1].norm) < MIN_TITLE_LINE:
            return None, j  # a title set over lines has full lines; a short one before it is a menu item
        joined += re.sub(r"\s+", " ", content[j].orig)  # lines are stripped; a space inside stays (联合发文)
        if _DOC_TYPE_END.search(normalize(joined)):
            return joined, j + 1
    return None, i + 1


def _title_blocks(lines: list[_Line]) -> list[str]:
    """Titles set over up to four short lines (blank lines between them allowed), as written."""
    content = [ln for ln in lines if ln.norm]
    blocks: list[str] = []
    i = 0
    while i < len(content):
        block, following = _block_at(content, i)
        if block is not None:
            blocks.append(block)
        i = max(following, i + 1)
    return blocks


def _strip_quotes(title: str) -> str:
    title = title.strip()
    if title.startswith("《") and title.endswith("》"):
        title = title[1:-1]
    return title.strip()


def _fields(lines: list[_Line]) -> dict[str, str]:
    """Labelled fields of a web page's metadata table: 发文字号: …, 成文日期: …"""
    found: dict[str, str] = {}
    for line in lines:
        for m in _FIELD.finditer(line.orig):
            key = re.sub(r"\s+", "", normalize(m.group(1)))
            if m.group(2).strip():
                found.setdefault(key, m.group(2).strip())
    return found


def _without_fields(line: _Line) -> _Line:
    """The line up to the first labelled field: `上海市碳达峰实施方案 发布时间:2022-10-10` → the title."""
    m = re.search(rf"\s*{_LABEL}\s*[:：]", line.norm)
    if m is None or m.start() == 0:
        return line
    return _Line(line.start, line.start + m.start(), line.norm[: m.start()], line.orig[: m.start()])


def _signature(lines: list[_Line]) -> tuple[str | None, str | None]:
    """An organ's name on its own line followed by a date line: who signed and when."""
    content = [ln for ln in lines if ln.norm]
    for a, b in itertools.pairwise(content):
        m = _ORGAN_LINE.fullmatch(a.norm)
        if m and _DATE_LINE.fullmatch(b.norm):
            return a.orig, _date_in(b.norm)
    return None, None


def _first_heading(norm: str) -> int | None:
    for a, b in line_spans(norm):
        if a > FRONT_MAX_CHARS:
            return None
        if match_heading(norm[a:b]) is not None:
            return a
    return None


def _title_and_issuer(front: list[_Line], fields: dict[str, str]) -> tuple[str | None, str | None]:
    """The plan's title: the one the notice quotes (现将《Y》印发), else the one its wrapper names
    (X关于印发Y的通知), else the first title block; the issuer from the wrapper or a `X关于…` title."""
    title, issuer = None, None
    for line in front:
        quoted = _QUOTED_PLAN.search(line.norm)
        if quoted:  # norm and orig are stripped alike, so offsets agree
            title = line.orig[quoted.start(1) : quoted.end(1)]
            break
    for block in _title_blocks([_without_fields(ln) for ln in front]):
        wrapper = _WRAPPER.fullmatch(block)
        if wrapper:
            title = title or _strip_quotes(wrapper.group("title"))
            issuer = issuer or wrapper.group("issuer")
        elif title is None:
            title = _strip_quotes(block)
        prefix = _ISSUER_PREFIX.match(block)
        if prefix and issuer is None:
            issuer = prefix.group(1)
    if title is None and "标题" in fields:
        wrapper = _WRAPPER.fullmatch(fields["标题"])
        title = _strip_quotes(wrapper.group("title")) if wrapper else fields["标题"]
        issuer = issuer or (wrapper.group("issuer") if wrapper else None)
    return title, issuer


def _doc_number(front: list[_Line], fields: dict[str, str]) -> str | None:
    """A 文号 standing on its own line or in a labelled field; numbers cited in sentences are not the plan's."""
    number = next((ln.orig for ln in front if _DOC_NUMBER.fullmatch(ln.norm)), None)
    if number is None:
        labelled = fields.get("发文字号") or fields.get("文号") or ""
        m = _DOC_NUMBER.search(normalize(labelled))
        number = labelled[m.start() : m.end()] if m else None
    return number


def _date(front: list[_Line], tail: list[_Line], fields: dict[str, str], signed: str | None) -> str | None:
    """The signature's date, else a date line, else a labelled 成文日期/发布日期, else a web page's timestamp."""
    when = signed or next((_date_in(ln.norm) for ln in front + tail if _DATE_LINE.fullmatch(ln.norm)), None)
    for key in ("成文日期", "发布日期", "发布时间"):
        when = when or (_date_in(fields[key]) if key in fields else None)
    if when is None:
        stamp = next((m for ln in front if (m := _DATE_ISO.match(ln.norm))), None)
        when = _iso(*stamp.groups()) if stamp else None
    return when


def find_header(text: str) -> Header:
    """Title, 文号, issuer and date of a plan; the title is the plan's own, not its notice's."""
    norm = normalize(text)
    first = _first_heading(norm)
    front = _lines(text, norm, 0, first if first is not None else min(len(text), FRONT_MAX_CHARS))
    spans = line_spans(text)
    tail = _lines(text, norm, spans[max(0, len(spans) - TAIL_LINES)][0])
    fields = _fields(front)
    title, issuer = _title_and_issuer(front, fields)
    if not title:
        title = next((ln.orig for ln in front if _is_title_like(ln)), None) or next(
            (ln.orig for ln in _lines(text, norm) if ln.orig), ""
        )
    signer, signed = _signature(front)
    if signer is None:
        signer, signed = _signature(tail)
    return Header(
        title=title[:200],
        doc_number=_doc_number(front, fields),
        issuer=signer or issuer or fields.get("发文机关") or None,
        date=_date(front, tail, fields, signed),
    )


def body_end(text: str) -> int:
    """Offset after the last line of the document's body: drops a closing signature, date and page footer."""
    norm = normalize(text)
    for a, b in reversed(line_spans(text)):
        line = norm[a:b].strip()
        closing = _CLOSING.fullmatch(line) or _DATE_LINE.fullmatch(line) or _ORGAN_LINE.fullmatch(line)
        if not line or (closing and match_heading(line) is None):
            continue
        return a + len(text[a:b].rstrip())
    return 0


@dataclass
class _Frame:
    section: Section
    box: bool = False
    first_inner: int | None = None  # a box's numbering restarts: the level of its first heading


def _component(text: str, line_start: int, h: HeadingLine) -> tuple[str, str, str]:
    number = text[line_start + h.number_start : line_start + h.number_end]
    title = text[line_start + h.title_start : line_start + h.title_end]
    gap = " " if h.level <= 0 else ""  # 第四章 标题, 专栏1 标题; but 一、标题, （一）标题
    return number, title, f"{number}{gap}{title}"


def content_end(text: str, offset: int) -> int:
    """`offset` moved back over the whitespace before it."""
    while offset > 0 and text[offset - 1].isspace():
        offset -= 1
    return offset


def find_sections(text: str) -> list[Section]:
    """Every numbered heading as a section, nested by numbering style; a 专栏 box holds its own numbering."""
    norm = normalize(text)
    last = body_end(text)
    sections: list[Section] = []
    stack: list[_Frame] = []

    def close_from(index: int, at: int) -> None:
        for frame in stack[index:]:
            frame.section.end = max(content_end(text, at), frame.section.start)
        del stack[index:]

    for a, b in line_spans(text):
        h = match_heading(norm[a:b])
        if h is None:
            continue
        start = a + h.number_start
        boxes = [i for i, f in enumerate(stack) if f.box]
        if h.level == BOX_LEVEL:
            if boxes:
                close_from(boxes[-1], start)
        elif boxes:
            box = stack[boxes[-1]]
            if box.first_inner is None and h.value == 1:
                box.first_inner = h.level
            elif box.first_inner is None or h.level < box.first_inner:
                close_from(boxes[-1], start)
        while stack and not stack[-1].box and h.level != BOX_LEVEL and stack[-1].section.level >= h.level:
            close_from(len(stack) - 1, start)
        parent = stack[-1].section if stack else None
        number, title, component = _component(text, a, h)
        level = (parent.level + 1 if parent else 1) if h.level == BOX_LEVEL else h.level
        path = f"{parent.path}{PATH_SEPARATOR}{component}" if parent else component
        section = Section(path=path, title=title, level=level, number=number, start=start, end=start)
        sections.append(section)
        stack.append(_Frame(section, box=h.level == BOX_LEVEL))
    close_from(0, max(last, max((f.section.start for f in stack), default=0)))
    return sections
