"""Quantitative targets and threshold rules in the text of a plan.

Every number with a unit is a candidate; the words around it decide what it is:

* a **target** when a verb commits to it (`非化石能源消费比重达到20%左右`), when a created quantity
  closes a clause (`累计建成高标准农田5000万亩`, `建设400个美丽宜居村`, `完成30万平方米既有建筑节能改造`,
  and each count joined after it: `建成500家工厂和50个园区`) or when a property is promised
  (`具备5%的尖峰负荷响应能力`);
* a **rule** when the number only bounds a scope (`每小时35蒸吨以下燃煤锅炉`,
  `年综合能耗超过1万吨标准煤的数据中心`);
* nothing when it names a project's capacity (`300万千瓦风电项目`), a scale (`千万千瓦级`), a slogan in
  quotation marks, a book title, or a statistic of the past (`截至2020年`, `“十三五”以来`, `初步核算`, or
  anything in a section that reviews the past such as `一、发展现状和面临形势`).

Matching runs on the normalised text (full-width → half-width, lines wrapped inside a sentence
joined; same length) and quotes come from the original text at the same offsets, so every quote is
exactly `text[start:end]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from tanda.plan.model import Rule, Target, TargetKind
from tanda.plan.numbers import COUNT_UNITS, EXTENT_UNITS, NumberToken, find_number_tokens
from tanda.plan.targets_grammar import (
    ACTION_VERBS,
    COMPARATORS,
    FLOOR,
    INCREASE,
    POSSESSIVES,
    REDUCTION,
    TIME_ONLY_RE,
    Left,
    decide_kind,
    decide_qualifier,
    ends_with_action,
    read_left,
    sentence_baseline,
    trim_indicator,
)
from tanda.plan.targets_time import (
    SpanSet,
    YearContext,
    find_year_markers,
    first_bare_target_year,
    join_wrapped_lines,
    paired_spans,
)
from tanda.plan.text import normalize

#: longest stretch of text read back from a number: indicators are short, and the bound keeps the work
#: linear on texts without punctuation.
MAX_CLAUSE = 150
MAX_NOUN = 24
MAX_SLOGAN = 22
MAX_ASIDE = 40
MAX_PARAGRAPH = 2000

_CLAUSE_BREAKS = frozenset(",;:!?。\n\r")
_SENTENCE_BREAKS = frozenset(";!?。\n\r")
_PARAGRAPH_BREAKS = frozenset("\n\r")
_BLANKS = " \t\xa0"
_LIST_GAPS = frozenset(("、", "和", "及", "与", "以及", ","))
_NOT_A_NOUN_END = frozenset("了的着过是在和与及或等由从")

_NOUN_STOP_RE = re.compile(
    r"建设|建成|全部|实施|纳入|完成|达到|通过|开展|获得|成为|的|等|[,;:!?。\n\r、()]|(?:以及|和|及|与)(?=[ \t]*[0-9])"
)
#: what joins the next created quantity to a noun phrase: `建成500家工厂和50个园区`.
_COORDINATION_RE = re.compile(r"[ \t]*(?:以及|和|及|与|、)[ \t]*")
_COMMIT_RE = re.compile(
    r"新增|新建|建成|建设|累计|完成|改造|实施|推广|造林|种植|治理|修复|恢复|营造|整治|培育|打造|每年|年均|平均"
)
_INCREASE_WORD_RE = re.compile(r"新增|增加")
_REDUCTION_WORD_RE = re.compile(r"减少|削减|压减")
_PROJECT_RE = re.compile(r"项目|投资|占地")
_PAST_CLAUSE_RE = re.compile(r"现有|已有")
_PAST_SENTENCE_RE = re.compile(r"同比")
_INDICATOR_SPLIT_RE = re.compile(r"[、和及与]")
_ASIDE_YEAR_RE = re.compile(r"(?<![到至])((?:19|20)[0-9]{2})[ \t]*年")
#: `达到80%左右的水平`, `力争完成14.5%的激励目标`: after 的, a short noun for a level closing the clause is
#: the figure itself, not a thing it describes.
_LEVEL_NOUN_RE = re.compile(r"的[^\s,;:!?。、()的]{0,6}?(?:水平|目标|标准|任务)(?=[,;:!?。)\n\r]|$)")
_QUOTED_CLAUSE_RE = re.compile(r"[,;。]|达到|提高|提升|下降|降低|控制在|不低于|不超过|超过")
_LINE_BREAK_RE = re.compile(r"[ \t\xa0]*[\r\n]+[ \t\xa0]*")
_ORIGIN_END_RE = re.compile(r"(?:由|从)[ \t]*(?:(?:19|20)[0-9]{2}[ \t]*年(?:底|末)?的?)?[ \t]*$")


def find_targets(
    text: str, issued_year: int | None = None, review: list[tuple[int, int]] | None = None
) -> tuple[list[Target], list[Rule]]:
    """Targets and threshold rules of a plan's text, in reading order. Never raises on any string.

    `issued_year`, when the plan's date is known, lets a bare year from then on be a deadline; `review`
    are the spans of sections that review the past (发展现状), whose figures are statistics.
    """
    return _Extractor(text, first_bare_target_year(issued_year), SpanSet(review or [])).run()


def _is_quantity(token: NumberToken) -> bool:
    """A figure with a unit or a mask, in Arabic digits: one that can own the text before it."""
    return bool(token.unit or token.masked) and not token.chinese


def _one_line(name: str) -> str:
    """An indicator without the line breaks of a wrapped line, and without surrounding blanks."""
    return _LINE_BREAK_RE.sub("", name).strip()


def _is_word_char(char: str) -> bool:
    """Han characters, letters and digits continue a word; punctuation and blanks end it."""
    return bool(char) and (char.isalnum() or char in "*×")


class _Extractor:
    """One pass over one text: tokens, year context and protected spans are computed once."""

    def __init__(self, text: str, first_bare: int, review: SpanSet) -> None:
        self.text = text
        self.first_bare = first_bare
        self.review = review
        self.norm = join_wrapped_lines(normalize(text))
        self.tokens = find_number_tokens(self.norm)
        self.token_starts = {token.start for token in self.tokens}
        titles = paired_spans(self.norm, "《", "》", 200)
        asides = paired_spans(self.norm, "(", ")", MAX_ASIDE)
        self.protected = (SpanSet(titles), SpanSet(self._slogans()), SpanSet(self._past_asides(asides)))
        self.years = YearContext(self.norm, find_year_markers(self.norm, SpanSet(titles + asides), first_bare))
        self.targets: list[Target] = []
        self.rules: list[Rule] = []
        self.consumed: set[int] = set()

    def run(self) -> tuple[list[Target], list[Rule]]:
        """Read every candidate token once, left to right (later clauses may inherit an indicator)."""
        for index, token in enumerate(self.tokens):
            if index not in self.consumed and self._is_candidate(token):
                self._read(index)
        return self.targets, self.rules

    def _past_asides(self, asides: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Parenthetical remarks about a past year (`(2020年为12.5%)`): their figures are statistics."""
        return [
            (start, end)
            for start, end in asides
            if any(int(year.group(1)) < self.first_bare for year in _ASIDE_YEAR_RE.finditer(self.norm, start, end))
        ]

    def _slogans(self) -> list[tuple[int, int]]:
        """Short quotations that are names or slogans (`“3亿人参与冰雪运动”`), not quoted commitments."""
        return [
            (start, end)
            for start, end in paired_spans(self.norm, "“", "”", MAX_SLOGAN)
            if not _QUOTED_CLAUSE_RE.search(self.norm, start, end)
        ]

    # -- geometry of the text ------------------------------------------------------------------------

    def _is_candidate(self, token: NumberToken) -> bool:
        """Numbers in book titles, in short quotations (slogans) and ordinals (第3批) are never targets."""
        if any(spans.covers(token.start) for spans in self.protected):
            return False
        return not (token.start and self.norm[token.start - 1] == "第")

    def _tokens_before(self, index: int) -> Iterator[NumberToken]:
        """The tokens before `index`, nearest first."""
        for previous in range(index - 1, -1, -1):
            yield self.tokens[previous]

    def _back_to(self, pos: int, breaks: frozenset[str], limit: int) -> int:
        """Offset after the nearest break character before `pos` (at most `limit` characters back)."""
        floor = max(0, pos - limit)
        for index in range(pos - 1, floor - 1, -1):
            if self.norm[index] in breaks:
                return index + 1
        return floor

    def _forward_to(self, pos: int, breaks: frozenset[str], limit: int) -> int:
        """Offset of the nearest break character at or after `pos` (at most `limit` characters on)."""
        ceiling = min(len(self.norm), pos + limit)
        for index in range(pos, ceiling):
            if self.norm[index] in breaks:
                return index
        return ceiling

    def _skip(self, pos: int, chars: str, end: int | None = None) -> int:
        """First offset from `pos` whose character is not in `chars`."""
        end = len(self.norm) if end is None else end
        while pos < end and self.norm[pos] in chars:
            pos += 1
        return pos

    def _segment(self, index: int) -> tuple[int, bool]:
        """Where the text that belongs to token `index` starts, and whether it follows another quantity.

        Normally the clause; but in `其中风电1800万千瓦、光伏1200万千瓦` the second figure owns only `光伏`.
        """
        token = self.tokens[index]
        start = self._back_to(token.start, _CLAUSE_BREAKS, MAX_CLAUSE)
        for previous in self._tokens_before(index):
            if previous.bound_end <= start:
                break
            if _is_quantity(previous) and previous.bound_end <= token.start and self._is_candidate(previous):
                return self._skip(previous.bound_end, _BLANKS + "、和及与", token.start), True
        return self._skip(start, _BLANKS, token.start), False

    def _char_before(self, pos: int) -> str:
        """The last non-blank character before `pos` ("" at the start of the text)."""
        while pos > 0 and self.norm[pos - 1] in _BLANKS:
            pos -= 1
        return self.norm[pos - 1 : pos]

    def _quote_start(self, start: int, after_previous: bool) -> int:
        """Start of a quote: the clause, extended over a preceding time-only clause (`到2025年，`)."""
        if after_previous or start == 0 or self.norm[start - 1] != ",":
            return start
        previous = self._back_to(start - 1, _CLAUSE_BREAKS, MAX_CLAUSE)
        if TIME_ONLY_RE.fullmatch(self.norm, previous, start - 1):
            return self._skip(previous, _BLANKS, start)
        return start

    def _noun_after(self, pos: int) -> int:
        """End of the noun phrase starting at `pos` (`红松绿色产业基地` in `…基地建设`)."""
        limit = min(len(self.norm), pos + MAX_NOUN)
        stop = _NOUN_STOP_RE.search(self.norm, pos, limit)
        return stop.start() if stop else limit

    # -- reading one token ---------------------------------------------------------------------------

    def _read(self, index: int) -> None:
        """Decide what token `index` is and record the target(s) or rule it makes."""
        token = self.tokens[index]
        start, after_previous = self._segment(index)
        left = read_left(self.norm, start, token.start)
        if token.doubling:
            left = replace(left, verb=left.verb or "翻番", verb_kind=INCREASE)
        if (token.chinese and left.verb is None) or left.retro:
            return
        next_pos = self._skip(token.bound_end, _BLANKS)
        next_char = self.norm[next_pos : next_pos + 1]
        if next_char == "级" and not token.unit.endswith("级"):
            return  # 千万千瓦级, 百万吨级: a scale, not a quantity
        if token.bound in ("以上", "以下") and next_char == ")" and left.verb is None:
            self._emit_rule(token)  # `重点用能单位(年综合能耗1万吨标准煤以上)`: a scope in an aside
        elif self._describes_noun(next_char, next_pos):
            self._read_modifier(index, start, left, next_pos)
        elif left.verb is not None:
            if self._is_bare_figure_statement(token, left, next_char):
                self._read_statement(index, start, after_previous, left)
        else:
            self._read_bare(index, start, after_previous, left)

    @staticmethod
    def _is_bare_figure_statement(token: NumberToken, left: Left, next_char: str) -> bool:
        """A figure with a unit or mask always can be; a unitless one only as a level closing its clause.

        `空气质量综合指数下降到3.5。` is a target; `形成1+N政策体系`, `完成2.0版` are not.
        """
        if token.unit or token.masked:
            return True
        closes = not next_char or next_char in _CLAUSE_BREAKS
        return closes and left.verb not in ACTION_VERBS and left.verb not in POSSESSIVES

    def _describes_noun(self, char: str, pos: int) -> bool:
        """True when the quantity is glued to a following word (`35蒸吨以下燃煤锅炉`, `300万千瓦风电项目`).

        Conjunctions that start a new predicate (`并`, `且`) or join a list of figures (`20%和25%`) do not
        count.
        """
        if not char or _LEVEL_NOUN_RE.match(self.norm, pos):
            return False  # `达到80%左右的水平`: the figure is the level itself
        if char in "“《":
            return True  # `*千伏“两横两纵”双环网`: the figure describes a named thing
        if not _is_word_char(char) or char in "并且而":
            return False
        if char in "和及与或至到":
            return pos + 1 not in self.token_starts
        return True

    def _read_modifier(self, index: int, start: int, left: Left, next_pos: int) -> None:
        """A quantity that modifies a noun: a threshold rule, a promised property, a count, or nothing."""
        token = self.tokens[index]
        next_char = self.norm[next_pos]
        if token.bound in ("以上", "以下"):
            if token.unit == "%" and token.bound == "以上" and next_char == "的" and left.verb is None:
                noun_end = self._noun_after(next_pos + 1)
                self._emit(index, start, False, left, ((next_pos + 1, noun_end),), noun_end, verb_kind=FLOOR)
            else:
                self._emit_rule(token)
            return
        if next_char == "的":
            if left.verb in COMPARATORS:
                self._emit_rule(token)
            elif left.verb in POSSESSIVES:
                noun_end = self._noun_after(next_pos + 1)
                spans = ((left.indicator_start, left.indicator_end), (next_pos + 1, noun_end))
                self._emit(index, start, False, left, spans, noun_end)
            return
        if token.chinese:
            return
        counted = token.base_unit in COUNT_UNITS and self._creates_count(index, start, left)
        if counted or (token.base_unit in EXTENT_UNITS and self._is_created(start, left)):
            self._emit_created(index, start, False, left, next_pos)

    def _emit_created(self, index: int, start: int, after_previous: bool, left: Left, next_pos: int) -> None:
        """A created quantity and its noun (`建设400个美丽宜居村`), and those coordinated after it.

        In `建成500家绿色低碳工厂和50个绿色低碳工业园区` the verb creates both counts.
        """
        while True:
            noun_end = self._noun_after(next_pos)
            if noun_end <= next_pos:
                return
            self._emit(index, start, after_previous, left, ((next_pos, noun_end),), noun_end)
            following = self._coordinated_after(index, noun_end)
            if following is None:
                return
            self.consumed.add(following)
            index, start, after_previous = following, self.tokens[following].start, True
            next_pos = self._skip(self.tokens[following].bound_end, _BLANKS)

    def _coordinated_after(self, index: int, pos: int) -> int | None:
        """The index of a count or extent joined to the noun ending at `pos` (`…绿道、5个口袋公园`), if any."""
        gap = _COORDINATION_RE.match(self.norm, pos)
        following = index + 1
        if gap is None or following >= len(self.tokens) or self.tokens[following].start != gap.end():
            return None
        token = self.tokens[following]
        if token.chinese or token.bound or not self._is_candidate(token):
            return None
        if token.base_unit not in COUNT_UNITS | EXTENT_UNITS:
            return None
        after = self._skip(token.bound_end, _BLANKS)
        return following if self._describes_noun(self.norm[after : after + 1], after) else None

    def _is_created(self, start: int, left: Left) -> bool:
        """An extent is a target only after a verb that creates or completes it (`新增`, `完成`, `落实`)."""
        if left.verb is not None:
            return left.verb in ACTION_VERBS
        return ends_with_action(self.norm, start, left.raw_end)

    def _creates_count(self, index: int, start: int, left: Left) -> bool:
        """`建设400个美丽宜居村`, `推动10个…基地建设`, or a count opening a clause under a deadline."""
        if left.verb is not None:
            return left.verb in ACTION_VERBS
        if ends_with_action(self.norm, start, left.raw_end):
            return True
        marker = self.years.marker_before(self.tokens[index].start)
        return left.indicator_start == left.indicator_end and marker is not None and marker.year is not None

    def _read_statement(self, index: int, start: int, after_previous: bool, left: Left) -> None:
        """`指标 + 动词 + 数量`: one target, or one per figure of a list (`分别达到20%和25%`).

        The figures of a list pair with the years of the sentence when there are as many
        (`到2025年和2030年…分别达到20%和25%`), else with the parts of the indicator (`风电、光伏装机分别…`);
        a single figure after 分别 with several years (`“十四五”、“十五五”期间分别新增…`) holds for each year.
        """
        group = [index, *self._list_after(index)]
        self.consumed.update(group[1:])
        indicator = ((left.indicator_start, left.indicator_end),)
        if len(group) == 1:
            self._emit_per_year(index, start, after_previous, left, indicator, "分别" in left.hedges)
            return
        years = self._years_before(index, start)
        names = self._split_indicator(left)
        for position, member in enumerate(group):
            year = years[position] if len(years) == len(group) else None
            name = (names[position],) if len(names) == len(group) else indicator
            member_end = self.tokens[member].bound_end
            self._emit(member, start, after_previous, left, name, member_end, year=year)

    def _list_after(self, index: int) -> list[int]:
        """Indices of the figures that continue a list right after token `index` (`、25%和30%`)."""
        members = []
        pos = self.tokens[index].bound_end
        for following in range(index + 1, len(self.tokens)):
            token = self.tokens[following]
            gap = self.norm[pos : token.start].strip(_BLANKS)
            if gap not in _LIST_GAPS or not (token.unit or token.masked):
                break
            members.append(following)
            pos = token.bound_end
        return members

    def _years_before(self, index: int, start: int) -> list[int]:
        """Distinct deadline years written for the figures of token `index` (`到2025年和2030年，…分别`).

        Only the stretch of the sentence after the previous figure counts, so that the years of earlier
        targets in the same sentence are not paired with this list.
        """
        begin = self._back_to(start, _SENTENCE_BREAKS, 400)
        for previous in self._tokens_before(index):
            if previous.bound_end <= begin:
                break
            if _is_quantity(previous):
                begin = previous.bound_end
                break
        years: list[int] = []
        for marker in self.years.markers_between(begin, self.tokens[index].start):
            if marker.year is not None and marker.year not in years:
                years.append(marker.year)
        return years

    def _split_indicator(self, left: Left) -> list[tuple[int, int]]:
        """The parts of `风电、光伏装机` for a 分别 list, as spans."""
        spans = []
        begin = left.indicator_start
        for match in _INDICATOR_SPLIT_RE.finditer(self.norm, left.indicator_start, left.indicator_end):
            spans.append((begin, match.start()))
            begin = match.end()
        spans.append((begin, left.indicator_end))
        return [span for span in spans if span[1] > span[0]]

    def _read_bare(self, index: int, start: int, after_previous: bool, left: Left) -> None:
        """`指标 + 数量` without a verb: `累计建成高标准农田5000万亩`, `天然气省外调入量*亿立方米`.

        Kept only when the clause is a commitment: masked (a draft's target), under a deadline, or with a
        creating verb (新建, 累计, 每年…); and not when it describes a project or its investment.
        """
        token = self.tokens[index]
        if not token.unit or left.indicator_end <= left.indicator_start:
            return
        last = self.norm[left.indicator_end - 1]
        if not ("\u4e00" <= last <= "\u9fff") or last in _NOT_A_NOUN_END:
            return
        if self._char_before(token.start) == "的":
            return  # `…为中心的*千伏`: the figure is a modifier's object, not a stated quantity
        clause = self.norm[self._back_to(token.start, _CLAUSE_BREAKS, MAX_CLAUSE) : token.start]
        if _PROJECT_RE.search(self.norm, left.indicator_start, left.indicator_end) or _PAST_CLAUSE_RE.search(clause):
            return
        marker = self.years.marker_before(token.start)
        if not (token.masked or (marker and marker.year) or _COMMIT_RE.search(clause)):
            return
        verb_kind: TargetKind | None = None
        if _INCREASE_WORD_RE.search(clause):
            verb_kind = INCREASE
        elif _REDUCTION_WORD_RE.search(clause):
            verb_kind = REDUCTION
        indicator = ((left.indicator_start, left.indicator_end),)
        self._emit_per_year(index, start, after_previous, left, indicator, "分别" in clause, verb_kind)

    # -- output --------------------------------------------------------------------------------------

    def _emit_per_year(
        self,
        index: int,
        start: int,
        after_previous: bool,
        left: Left,
        indicator: tuple[tuple[int, int], ...],
        respectively: bool,
        verb_kind: TargetKind | None = None,
    ) -> None:
        """One target, or one per year when 分别 spreads a single figure over several periods."""
        years = self._years_before(index, start) if respectively else []
        end = self.tokens[index].bound_end
        for year in years if len(years) > 1 else [None]:
            self._emit(index, start, after_previous, left, indicator, end, verb_kind=verb_kind, year=year)

    def _emit(
        self,
        index: int,
        start: int,
        after_previous: bool,
        left: Left,
        indicator: tuple[tuple[int, int], ...],
        quote_end: int,
        *,
        verb_kind: TargetKind | None = None,
        year: int | None = None,
    ) -> None:
        """Record a target unless the context says it is a past statistic; fill year, baseline, qualifier."""
        token = self.tokens[index]
        marker = self.years.marker_before(token.start)
        if (marker is not None and marker.retro) or self.review.covers(token.start):
            return
        sentence = self._back_to(start, _SENTENCE_BREAKS, 400)
        if _PAST_CLAUSE_RE.search(self.norm, start, token.start) or _PAST_SENTENCE_RE.search(
            self.norm, sentence, token.start
        ):
            return
        name, start = self._indicator_text(indicator, index, start)
        if not name:
            return
        kind = decide_kind(verb_kind or left.verb_kind, token.bound)
        baseline = left.baseline_year
        if kind in (REDUCTION, INCREASE) and not left.has_baseline:
            baseline = sentence_baseline(self.norm, sentence, start)
        quote_start = self._quote_start(start, after_previous)
        striving = "力争" in self.norm[quote_start : token.start]
        target = Target(
            indicator=name,
            value=token.value,
            unit=token.unit,
            year=year if year is not None else (marker.year if marker else None),
            kind=kind,
            quote=self.text[quote_start:quote_end],
            baseline_year=baseline,
            qualifier=decide_qualifier(striving, token.bound),
            masked=token.masked,
            start=quote_start,
            end=quote_end,
        )
        self.targets.append(target)

    def _indicator_text(self, indicator: tuple[tuple[int, int], ...], index: int, start: int) -> tuple[str, int]:
        """The indicator as written (original characters), and where the quote should start.

        An empty one is the subject of `森林覆盖率由45%提高到46%` (before 由/从 and the starting figure;
        the quote then covers the whole clause) or else that of the previous target of the paragraph
        (`森林覆盖率2025年达到45%、2030年达到46%`; `…装机达到9000万千瓦；到2030年，力争达到1.3亿千瓦`).
        """
        name = _one_line("".join(self.text[begin:end] for begin, end in indicator))
        if name:
            return name, start
        origin = self._indicator_before_origin(index)
        if origin is not None:
            return origin
        paragraph = self._back_to(start, _PARAGRAPH_BREAKS, MAX_PARAGRAPH)
        for target in reversed(self.targets):
            if target.start < paragraph:
                break
            return target.indicator, start
        return "", start

    def _indicator_before_origin(self, index: int) -> tuple[str, int] | None:
        """`A由(2020年的)X提高到Y`: the text before 由/从 names the indicator of Y; returns it and the clause."""
        clause = self._skip(self._back_to(self.tokens[index].start, _CLAUSE_BREAKS, MAX_CLAUSE), _BLANKS)
        for previous in self._tokens_before(index):
            if previous.bound_end <= clause:
                break
            if _is_quantity(previous):
                origin = _ORIGIN_END_RE.search(self.norm, clause, previous.start)
                if not origin:
                    return None
                begin, end = trim_indicator(self.norm, clause, origin.start())
                name = _one_line(self.text[begin:end])
                return (name, clause) if name else None
        return None

    def _emit_rule(self, token: NumberToken) -> None:
        """Record the clause holding a threshold (`…不再新建每小时35蒸吨以下燃煤锅炉`) as a rule."""
        start = self._skip(self._back_to(token.start, _CLAUSE_BREAKS, MAX_CLAUSE), _BLANKS, token.start)
        end = self._forward_to(token.bound_end, _CLAUSE_BREAKS, MAX_CLAUSE)
        while end > token.bound_end and self.norm[end - 1] in _BLANKS:
            end -= 1
        if self.rules and self.rules[-1].start == start:
            return
        self.rules.append(Rule(text=self.norm[start:end], quote=self.text[start:end], start=start, end=end))
