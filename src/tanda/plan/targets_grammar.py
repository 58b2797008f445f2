"""The grammar of a target clause in a Chinese plan, read leftwards from its number.

A commitment is written `[时间，][全省][指标][比基年][力争/确保][动词][约]数量单位[以上/以下/以内/左右]`:
`到2030年，单位地区生产总值二氧化碳排放比2005年下降65%以上`. Reading from the number back to the
start of the clause finds the verb (which fixes the kind), the hedges (力争, 原则上), the baseline and
what is left, the indicator. The verb is the strongest signal: a change verb (下降/提高) beats a bound
word (`下降65%以上` is a reduction), a "to" verb (下降到/提高至/达到) gives a level that the bound word
may turn into a floor (以上) or a cap (以下/以内).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tanda.plan.model import TargetKind

LEVEL: TargetKind = "level"
REDUCTION: TargetKind = "reduction"
INCREASE: TargetKind = "increase"
CAP: TargetKind = "cap"
FLOOR: TargetKind = "floor"

#: verbs that can stand right before the number, with the kind of target they make.
VERB_KINDS: dict[str, TargetKind] = {
    **dict.fromkeys(
        (
            "达到",
            "达",
            "提高到",
            "提高至",
            "提升到",
            "提升至",
            "增加到",
            "增加至",
            "增长到",
            "增长至",
            "增至",
            "增到",
            "上升到",
            "上升至",
            "升至",
            "下降到",
            "下降至",
            "降低到",
            "降低至",
            "降到",
            "降至",
            "减少到",
            "减少至",
            "减至",
            "减到",
            "压减到",
            "压减至",
            "压缩到",
            "压缩至",
            "扩大到",
            "扩大至",
            "保持在",
            "稳定在",
            "维持在",
            "恢复到",
            "恢复至",
            "累计达到",
            "总计",
            "合计",
            "共计",
            "累计建成",
            "累计完成",
            "建成",
            "建设",
            "新建",
            "完成",
            "实现",
            "形成",
            "具备",
            "培育",
            "创建",
            "打造",
        ),
        LEVEL,
    ),
    **dict.fromkeys(("控制在", "控制到", "控制于", "控制为", "控制", "不超过", "不高于", "不大于", "不多于"), CAP),
    **dict.fromkeys(("不超出", "低于", "少于", "小于", "不足", "不到"), CAP),
    **dict.fromkeys(("不低于", "不少于", "不小于", "不下于", "超过", "超出", "突破"), FLOOR),
    **dict.fromkeys(("高于", "大于", "多于", "逾"), FLOOR),
    **dict.fromkeys(
        ("下降", "降低", "减少", "削减", "压减", "压降", "缩减", "减排", "累计下降", "累计降低", "降", "减"), REDUCTION
    ),
    **dict.fromkeys(("提高", "提升", "增长", "增加", "新增", "扩大", "上升", "累计新增", "增"), INCREASE),
}

#: verbs that compare a quantity with a threshold: `超过1万吨标准煤的数据中心` defines a scope.
COMPARATORS = frozenset(("超过", "超出", "高于", "低于", "大于", "小于", "不足", "不到", "达到", "达"))
#: verbs that give a noun the quantity as a property: `具备5%的尖峰负荷响应能力` is a target.
POSSESSIVES = frozenset(("具备", "形成", "实现"))
#: verbs that create things that are counted: `建设400个美丽宜居村`.
ACTION_VERBS = frozenset(
    ("建设", "建成", "新建", "累计建成", "培育", "创建", "打造", "完成", "形成", "新增", "累计新增")
)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_YEAR_DIGITS = r"(?:19|20)[0-9]{2}"
_VERB_END_RE = re.compile(rf"(?:(?<![行作成认以视称更改])为|{_alternation(VERB_KINDS)})$")
_ACTION_END_RE = re.compile(
    r"(?:建设|建成|新建|推动|推进|打造|培育|创建|争创|认定|建立|新增|累计建成|完成|实施|改造|扶持|支持|引进|组建|"
    r"创成|命名|遴选|发展|布局|整治|治理|落实|推广)$"
)
_NEAR_END_RE = re.compile(rf"(?:大约|约|近|了|{_YEAR_DIGITS}[ \t]*年(?:底|末)?的)$")
_HEDGE_END_RE = re.compile(
    r"(?:力争|确保|争取|努力|基本|原则上|要|将|(?<![人年])均|分别|都|稳步|逐步|进一步|持续|预计|能够|可以|已经|已|再)$"
)
_YEAR = rf"{_YEAR_DIGITS}[ \t]*年"
_BASE_TAIL_RE = re.compile(
    rf"(?:比|较|相比|相较于|相较|对比|与)[ \t]*(?:(?P<year>{_YEAR_DIGITS})[ \t]*年(?:底|末)?|"
    r"“?十[一二三四五六七八九]五”?(?:初期|末期|期末|末|时期|期间)?|上年|去年|基期|基准年)(?:水平)?(?:相比)?$"
)
_BASE_CLAUSE_RE = re.compile(
    rf"(?:与|同|和)[ \t]*(?P<y1>{_YEAR_DIGITS})[ \t]*年(?:底|末)?相比"
    rf"|相比于?[ \t]*(?P<y2>{_YEAR_DIGITS})[ \t]*年"
    rf"|以[ \t]*(?P<y3>{_YEAR_DIGITS})[ \t]*年为基(?:准|期)"
)
_PERIOD = r"“?十[一二三四五六七八九]五”?"
_TIME_PHRASE = (
    rf"(?:到|至|在|于)?[ \t]*(?:{_YEAR}(?:底|末)?(?:前|以前)?(?:[、和及与至到-]{_YEAR}(?:底|末)?)*"
    rf"|{_PERIOD}(?:[、和及与]{_PERIOD})*(?:期间|时期|期末|末期|末))"
)
_LEAD_JUNK_RE = re.compile(
    rf"(?:[ \t、和及与]|{_TIME_PHRASE}|力争|确保|争取|努力|全省|全市|全县|全区|全州|全旗|全盟|全国|省内|市内|县内|区内|"
    r"我省|我市|我县|我区|本省|本市|本县|本区|其中|同时|并且|进而|从而|推动|促进|实现|基本|原则上|预计|建成|分别)+"
)
_STATISTIC_ASIDE = r"\([^()]*[0-9][^()]*\)"  # `(2020年为45%)` after an indicator
_TRAIL_JUNK_RE = re.compile(
    rf"(?:[ \t、和及与]|{_TIME_PHRASE}|{_STATISTIC_ASIDE}|力争|确保|争取|努力|基本|原则上|要|将|(?<![人年])均|分别|"
    r"都|稳步|逐步|进一步|持续|预计|能够|可以|的|总体|整体)+$"
)
TIME_ONLY_RE = re.compile(rf"[ \t]*(?:力争|确保|争取|预计)?[ \t]*{_TIME_PHRASE}[ \t]*(?:前|以前)?[ \t]*$")


@dataclass(frozen=True)
class Left:
    """What precedes a number in its clause."""

    verb: str | None
    verb_kind: TargetKind | None
    hedges: frozenset[str]
    baseline_year: int | None
    has_baseline: bool
    indicator_start: int
    indicator_end: int
    raw_end: int  # end of the text before the verb and its hedges (where an action verb would sit)
    retro: bool  # 已/了: the sentence reports what has been done


def _strip_tail(norm: str, start: int, end: int, pattern: re.Pattern[str]) -> tuple[int, list[str]]:
    """Peel words matching `pattern` (anchored at the end) off [start, end); return the new end and the words."""
    words: list[str] = []
    while end > start:
        match = pattern.search(norm, start, end)
        if not match or match.start() == end:
            break
        words.append(match.group())
        end = match.start()
    return end, words


def _rstrip_blank(norm: str, start: int, end: int) -> int:
    """End of [start, end) without trailing blanks."""
    while end > start and norm[end - 1] in " \t\xa0":
        end -= 1
    return end


def trim_indicator(norm: str, start: int, end: int) -> tuple[int, int]:
    """The indicator inside [start, end): without the time phrase, the region (全省), hedges and joiners.

    A quotation opened and not closed before the verb (`提出“到2030年森林覆盖率达到…”`) starts the
    indicator: what precedes it is the sentence that quotes the commitment.
    """
    opening = norm.rfind("“", start, end)
    if opening >= 0 and norm.find("”", opening, end) < 0:
        start = opening + 1
    lead = _LEAD_JUNK_RE.match(norm, start, end)
    if lead:
        start = lead.end()
    trail = _TRAIL_JUNK_RE.search(norm, start, end)
    if trail and trail.start() < end:
        end = trail.start()
    return start, max(start, end)


def read_left(norm: str, start: int, end: int) -> Left:
    """Analyse the clause text [start, end) that ends right before a number."""
    end = _rstrip_blank(norm, start, end)
    end, near = _strip_tail(norm, start, end, _NEAR_END_RE)
    verb: str | None = None
    verb_kind: TargetKind | None = None
    match = _VERB_END_RE.search(norm, start, end)
    if match and match.start() < end:
        verb = match.group()
        verb_kind = VERB_KINDS.get(verb, LEVEL)
        end = match.start()
    end, hedges = _strip_tail(norm, start, end, _HEDGE_END_RE)
    raw_end = end
    baseline_year, has_baseline = None, False
    base = _BASE_TAIL_RE.search(norm, start, end)
    if base and base.start() < end:
        has_baseline = True
        baseline_year = int(base.group("year")) if base.group("year") else None
        end, more = _strip_tail(norm, start, base.start(), _HEDGE_END_RE)
        hedges += more
    ind_start, ind_end = trim_indicator(norm, start, end)
    retro = "了" in near or "已" in hedges or "已经" in hedges
    return Left(verb, verb_kind, frozenset(hedges), baseline_year, has_baseline, ind_start, ind_end, raw_end, retro)


def ends_with_action(norm: str, start: int, end: int) -> bool:
    """True when [start, end) ends with a verb that creates countable things (建设, 推动, 创建)."""
    end = _rstrip_blank(norm, start, end)
    match = _ACTION_END_RE.search(norm, start, end)
    return bool(match and match.start() < end)


def sentence_baseline(norm: str, start: int, end: int) -> int | None:
    """A baseline year stated as its own phrase earlier in the sentence (`与2020年相比，`)."""
    matches = list(_BASE_CLAUSE_RE.finditer(norm, start, end))
    if not matches:
        return None
    nearest = matches[-1]
    return int(nearest.group("y1") or nearest.group("y2") or nearest.group("y3"))


def decide_kind(verb_kind: TargetKind | None, bound: str | None) -> TargetKind:
    """The kind of a target: a change verb wins over a bound word; otherwise the bound decides."""
    if verb_kind in (REDUCTION, INCREASE, CAP, FLOOR):
        return verb_kind
    if bound == "以上":
        return FLOOR
    if bound in ("以下", "以内"):
        return CAP
    return LEVEL


def decide_qualifier(striving: bool, bound: str | None) -> str | None:
    """力争 (striving) is the qualifier when present, as in the gold convention; otherwise the bound word."""
    if striving:
        return "力争"
    return bound
