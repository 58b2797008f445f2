"""When a target is due: year markers and the paragraph rule of Chinese plans.

Plans write the deadline once and let it govern what follows: `到2025年，A达到x，B达到y。C达到z。` gives
all three targets the year 2025, until the paragraph ends or another marker (`到2030年`) takes over.
Five-year-plan periods stand for their last year (`“十四五”期间/期末` → 2025, `十五五` → 2030).

Markers about the past (`截至2020年`, `“十三五”以来`, a bare `2020年，`, `目前`) make what follows
retrospective: the numbers there are statistics, not commitments. Years after 比/较/与 are baselines,
not markers; years inside book titles (`《…（2021年版）》`) and dates (`2022年7月22日`) are neither.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

#: the first year a bare `YYYY年` (without 到/前) is read as a deadline rather than as a past statistic;
#: carbon-peaking plans set milestones for 2025, 2030, 2035 and 2060. A plan whose issue date is known
#: moves it back to the year it was issued (`2024年，…降低2.5%左右` in a plan of May 2024 is a target).
FIRST_BARE_TARGET_YEAR = 2025


def first_bare_target_year(issued_year: int | None) -> int:
    """The first year read as a deadline when written bare: the issue year, and 2025 at the latest."""
    if issued_year is None:
        return FIRST_BARE_TARGET_YEAR
    return min(FIRST_BARE_TARGET_YEAR, issued_year)


_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_YEAR_RE = re.compile(
    r"(?P<pre>截至|截止到|截止|直到|到|至|自|从)?[ \t]*"
    r"(?P<y1>(?:19|20)[0-9]{2})[ \t]*(?:[-—–~至到][ \t]*(?P<y2>(?:19|20)[0-9]{2})[ \t]*)?年"
    r"(?P<post>底前|末前|以前|之前|前|底|末|以来|起|开始)?"
)
_PERIOD = r"“?十[一二三四五六七八九]五”?"
_PLAN_PERIOD_RE = re.compile(
    rf"(?P<pre>到|至)?(?P<periods>{_PERIOD}(?:[、和及与]{_PERIOD})*)"
    r"(?P<post>期间|时期|期末|末期|末|以来|初期|中期|前期|后期|规划期内|规划期)"
)
_PERIOD_NUMBER_RE = re.compile(r"十([一二三四五六七八九])五")
_PAST_WORD_RE = re.compile(
    r"截至目前|截止目前|目前|现阶段|以来|过去[0-9一二三四五六七八九十]*年|近[0-9一二三四五六七八九十]+年来?"
    r"|据初步核算|初步核算|据初步统计|据统计|经核算"
)
#: titles of the parts of a plan that review the past or the situation (`一、发展现状和面临形势`,
#: `（一）发展基础`, `“十三五”时期主要成效`): the figures there are statistics and forecasts.
_REVIEW_TITLE_RE = re.compile(
    r"(?:“?十[一二三四五六七八九]五”?(?:时期|期间)?)?(?:发展|工作|主要|面临的?)?"
    r"(?:现状|基础|成效|成就|进展|回顾|基本情况|形势|挑战)"
    r"(?:[与和及、](?:面临的?)?(?:现状|基础|形势|挑战|问题|机遇))*(?:分析)?[。.]?"
)


def is_review_title(title: str) -> bool:
    """True for the title of a section that reviews the past or the situation, not one that sets targets."""
    return _REVIEW_TITLE_RE.fullmatch(title.strip()) is not None


_BASELINE_BEFORE_RE = re.compile(r"(?:比|较|与|同|以|由|相比|相较|相较于|对比|基于)[ \t“]*$")
_BASELINE_AFTER_RE = re.compile(r"[ \t”]*(?:为基|相比|基础上|基数)")
_DATE_AFTER_RE = re.compile(r"[ \t]*[0-9]{1,2}[ \t]*月")


_HEADING_RE = re.compile(
    r"[ \t]*(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|[0-9]+[.、](?![0-9])|\([0-9]+\)"
    r"|第[一二三四五六七八九十0-9]+[章节条])"
)
_LINE_END_PUNCTUATION = frozenset("。;:!?)]}】”\"'》>…")
MIN_WRAPPED_LINE = 15


def _is_soft_break(previous: str, following: str) -> bool:
    """True when a newline only wraps a long line (text taken from a PDF), inside a sentence."""
    previous, following = previous.strip(" \t\r\xa0"), following.strip(" \t\r\xa0")
    if len(previous) < MIN_WRAPPED_LINE or not following or previous[-1] in _LINE_END_PUNCTUATION:
        return False
    if _HEADING_RE.match(following):
        return False
    return not (_HEADING_RE.match(previous) and "。" not in previous)


def join_wrapped_lines(norm: str) -> str:
    """The text with newlines that merely wrap a sentence turned into spaces (same length).

    A paragraph is a line, and a deadline governs only its own paragraph; text extracted from PDFs
    breaks lines inside sentences, which would cut clauses and deadlines apart. A newline stays a
    break after sentence-final punctuation, before or after a heading, next to a blank line, and after
    short lines (titles).
    """
    lines = norm.split("\n")
    joined = []
    for index, line in enumerate(lines[:-1]):
        joined.append(line)
        joined.append(" " if _is_soft_break(line, lines[index + 1]) else "\n")
    joined.append(lines[-1])
    return "".join(joined)


@dataclass(frozen=True)
class YearMarker:
    """A time expression that governs the rest of its paragraph."""

    start: int
    end: int
    year: int | None  # the target year; None for a retrospective marker
    retro: bool = False


def paired_spans(norm: str, opening: str, closing: str, max_len: int = 10_000) -> list[tuple[int, int]]:
    """Spans of balanced opening…closing pairs (outermost only), at most `max_len` characters long.

    An opening mark never closed (a common typo in published plans) protects nothing, so a stray `“`
    cannot hide the rest of a paragraph.
    """
    spans = []
    depth = 0
    begin = 0
    for index, char in enumerate(norm):
        if char == opening:
            if depth == 0:
                begin = index
            depth += 1
        elif char == closing and depth:
            depth -= 1
            if depth == 0 and index + 1 - begin <= max_len:
                spans.append((begin, index + 1))
        elif char == "\n":
            depth = 0
    return spans


class SpanSet:
    """A set of spans (overlapping or nested ones merged) with a fast membership test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._spans = merged
        self._starts = [start for start, _ in merged]

    def covers(self, pos: int) -> bool:
        """True when `pos` lies strictly inside one of the spans (its marks included)."""
        index = bisect_right(self._starts, pos) - 1
        return index >= 0 and pos < self._spans[index][1]


def _is_baseline(norm: str, start: int, end: int) -> bool:
    """A year after 比/较/与 or before 为基准/相比 is what a change is measured from, not a deadline."""
    return bool(_BASELINE_BEFORE_RE.search(norm, max(0, start - 4), start)) or bool(_BASELINE_AFTER_RE.match(norm, end))


def _year_marker(norm: str, match: re.Match[str], first_bare: int) -> YearMarker | None:
    """Classify one `…YYYY年…` expression: deadline, past, or neither (baseline, date, start)."""
    pre, post = match.group("pre") or "", match.group("post") or ""
    start, end = match.start(), match.end()
    if _is_baseline(norm, match.start("y1"), end) or pre in ("自", "从") or post in ("起", "开始"):
        return None
    if not post and (_DATE_AFTER_RE.match(norm, end) or norm.startswith("版", end)):
        return None  # a date (2022年7月) or an edition (2021年版)
    year = int(match.group("y2") or match.group("y1"))
    if post == "以来" or pre.startswith("截"):
        return YearMarker(start, end, None, retro=True)
    if pre in ("到", "至", "直到") or post.endswith("前") or year >= first_bare:
        return YearMarker(start, end, year)
    return YearMarker(start, end, None, retro=True)


def _period_markers(norm: str, match: re.Match[str], first_bare: int) -> list[YearMarker]:
    """Classify `“十四五”期间` by the last year of the five-year plan; `“十四五”、“十五五”期间` gives two."""
    if _is_baseline(norm, match.start(), match.end()):
        return []
    numbers = list(_PERIOD_NUMBER_RE.finditer(norm, match.start("periods"), match.end("periods")))
    markers = []
    for position, number in enumerate(numbers):
        start = match.start() if position == 0 else number.start()
        end = match.end() if position == len(numbers) - 1 else number.end()
        last_year = 2025 + 5 * (_CN_DIGIT[number.group(1)] - 4)
        if match.group("post") == "以来" or last_year < first_bare:
            markers.append(YearMarker(start, end, None, retro=True))
        else:
            markers.append(YearMarker(start, end, last_year))
    return markers


def find_year_markers(norm: str, protected: SpanSet, first_bare: int = FIRST_BARE_TARGET_YEAR) -> list[YearMarker]:
    """All deadline and past markers of a normalised text, in order; those in `protected` are skipped.

    `first_bare` is the first year that a bare `YYYY年` or a five-year period stands for a deadline.
    """
    markers: list[YearMarker] = []
    for match in _YEAR_RE.finditer(norm):
        marker = _year_marker(norm, match, first_bare)
        if marker and not protected.covers(marker.start):
            markers.append(marker)
    for match in _PLAN_PERIOD_RE.finditer(norm):
        if not protected.covers(match.start()):
            markers.extend(_period_markers(norm, match, first_bare))
    taken = SpanSet([(marker.start, marker.end) for marker in markers])
    for match in _PAST_WORD_RE.finditer(norm):
        start, end = match.span()
        if not (
            protected.covers(start) or taken.covers(start) or taken.covers(end - 1) or _is_baseline(norm, start, end)
        ):
            markers.append(YearMarker(start, end, None, retro=True))
    markers.sort(key=lambda marker: (marker.end, marker.start))
    return markers


class YearContext:
    """Answers "which year governs this offset?" with the paragraph rule."""

    def __init__(self, norm: str, markers: list[YearMarker]) -> None:
        self._norm = norm
        self._markers = markers
        self._ends = [marker.end for marker in markers]

    def marker_before(self, pos: int) -> YearMarker | None:
        """The last marker that ends at or before `pos` in the same paragraph (line), if any."""
        index = bisect_right(self._ends, pos) - 1
        if index < 0:
            return None
        marker = self._markers[index]
        paragraph_start = self._norm.rfind("\n", 0, pos) + 1
        return marker if marker.start >= paragraph_start else None

    def markers_between(self, start: int, end: int) -> list[YearMarker]:
        """Deadline markers that lie wholly in [start, end), in order (for `到2025年和2030年…分别`)."""
        first = bisect_right(self._ends, start)
        last = bisect_right(self._ends, end)
        return [m for m in self._markers[first:last] if m.start >= start and m.year is not None]
