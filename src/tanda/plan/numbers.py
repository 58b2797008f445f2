"""Numbers as Chinese policy documents write them: Arabic, masked, Chinese numerals, each with its unit.

A plan writes `1.2万个`, `11.41亿立方米`, `**%`, `提高一个等级`, `翻一番`. The value keeps the magnitude
word in the unit, as the plans (and the gold annotations) do: `1.2万个` is value 1.2 with unit `万个`, so
the figure can be checked against the text by eye. A masked figure (`*`, `**`, `×`, `XX`), which drafts for
comment use, has no value.

Everything here works on normalised text (tanda.plan.text.normalize), where `％` is already `%` and
full-width digits are ASCII; offsets are those of the text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_POWERS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_POWERS)


def parse_chinese_integer(text: str) -> int | None:
    """Value of a Chinese numeral below 万 (`十五` → 15, `一百二十` → 120, `三千零五` → 3005).

    Returns None for strings that are not well-formed numerals (`十百`, `一二三`, `五五`), because such
    runs of numeral characters are names and slogans (`一二三产业`), not quantities. 万 and 亿 are not
    accepted: they stay in the unit (`三万亩` is 3 `万亩`).
    """
    if not text:
        return None
    total = 0
    pending: int | None = None
    last_power = 10_000
    for char in text:
        if char in _CN_DIGITS:
            if pending not in (None, 0):
                return None  # two digits in a row: a list or a name, not a number
            pending = _CN_DIGITS[char]
            continue
        power = _CN_POWERS.get(char)
        if power is None or power >= last_power:
            return None
        if pending is None:
            if total:
                return None  # `一百十` is not written in plans; refuse rather than guess
            pending = 1  # `十五`, `百户`: a leading power means one of it
        if pending == 0:
            return None
        total += pending * power
        last_power = power
        pending = None
    return total + (pending or 0)


# Base units after the number, with characters that must not follow (they would make another word:
# `条件`, `项目`, `处理`, `支持`, `人民`).
_UNIT_WORDS: tuple[tuple[str, str], ...] = (
    ("%", ""),
    ("‰", ""),
    ("个百分点", ""),
    ("百分点", ""),
    ("个等级", ""),
    ("个", "人体性别"),
    ("座", ""),
    ("家", "庭居电具"),
    ("所", "有属在以"),
    ("处", "理置"),
    ("辆", ""),
    ("台", "账阶"),
    ("套", ""),
    ("户", "籍口"),
    ("人次", ""),
    ("人", "民员口才均工"),
    ("项", "目"),
    ("条", "件例款"),
    ("株", ""),
    ("棵", ""),
    ("艘", ""),
    ("架", "构"),
    ("名", "单录称"),
    ("支", "持撑付"),
    ("栋", ""),
    ("张", ""),
    ("宗", ""),
    ("千瓦时", ""),
    ("千瓦", ""),
    ("兆瓦时", ""),
    ("兆瓦", ""),
    ("吉瓦", ""),
    ("千伏安", ""),
    ("千伏", ""),
    ("吨标准煤/万元", ""),
    ("吨二氧化碳/万元", ""),
    ("立方米/万元", ""),
    ("千瓦时/万元", ""),
    ("吨标准煤", ""),
    ("吨标煤", ""),
    ("吨二氧化碳当量", ""),
    ("吨二氧化碳", ""),
    ("吨/天", ""),
    ("吨/日", ""),
    ("吨/年", ""),
    ("蒸吨/小时", ""),
    ("蒸吨", ""),
    ("吨", ""),
    ("千克标准煤", ""),
    ("克标准煤/千瓦时", ""),
    ("克标准煤", ""),
    ("千克", ""),
    ("克", "服"),
    ("公斤", ""),
    ("标准立方米", ""),
    ("立方米", ""),
    ("标方", ""),
    ("方", "面式法案向针"),
    ("平方公里", ""),
    ("平方千米", ""),
    ("平方米", ""),
    ("公顷", ""),
    ("亩", ""),
    ("公里", ""),
    ("千米", ""),
    ("米", ""),
    ("美元", ""),
    ("元", ""),
    ("倍", ""),
    ("星级", ""),
    ("级", "别"),
    ("小时", ""),
    ("毫克/升", ""),
    ("毫克/立方米", ""),
    ("微克/立方米", ""),
    ("毫克每升", ""),  # concentrations are also spelled out: 29微克每立方米
    ("毫克每立方米", ""),
    ("微克每立方米", ""),
    ("kWh", ""),
    ("MWh", ""),
    ("GWh", ""),
    ("kW", ""),
    ("MW", ""),
    ("GW", ""),
)

#: base units that count things: `7个省级园区`, `500座`; a count before a noun can be a target.
COUNT_UNITS = frozenset("个座家所处辆台套户人项条株棵艘架名支栋张宗")
#: base units of area and length: created by a verb they are a target (`完成30万平方米既有建筑节能改造`,
#: `建设100公里绿道`); power and output before a noun describe a project instead (`300万千瓦风电项目`).
EXTENT_UNITS = frozenset(("平方米", "平方公里", "平方千米", "公顷", "亩", "公里", "千米"))

_MAGNITUDE = r"(?:万亿|千万|百万|十万|万|亿)"
_LEADING_MAGNITUDE_RE = re.compile(rf"^{_MAGNITUDE}")


def _unit_alternatives() -> str:
    """The base-unit alternation, longest first so that `千瓦时` wins over `千瓦`."""
    words = sorted(_UNIT_WORDS, key=lambda item: -len(item[0]))
    return "|".join(re.escape(word) + (f"(?![{banned}])" if banned else "") for word, banned in words)


_UNIT_RE = re.compile(rf"[ \t]?(?:{_MAGNITUDE}?(?:{_unit_alternatives()})|[A-Z]{{1,4}}级(?!别)|{_MAGNITUDE})")
_BOUND_RE = re.compile(r"[ \t]?(?:及|或)?(以上|以下|以内|之内|左右)")
_NUMBER_RE = re.compile(
    r"(?P<arabic>(?<![0-9A-Za-z.])[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<mask>(?<![0-9A-Za-z*×])(?:\*+|×+|X{2,}(?![A-Za-z])|x{2,}(?![A-Za-z])))"
    rf"|(?P<chinese>(?<![{CN_NUMERAL_CHARS}万亿])[{CN_NUMERAL_CHARS}]+)"
    r"|(?P<doubling>翻(?P<times>一|两|二|三)?番)"
)

_BOUND_NAMES = {"之内": "以内"}


@dataclass(frozen=True)
class NumberToken:
    """One written quantity: its value, unit and the bound word right after it (`以上`, `左右`)."""

    start: int
    end: int  # end of the unit (or of the number when there is none)
    value: float | None
    unit: str
    masked: bool = False
    chinese: bool = False  # written in Chinese numerals: only trusted right after a verb
    doubling: bool = False  # 翻一番 / 翻两番: the change verb is part of the token
    bound: str | None = None  # 以上 / 以下 / 以内 / 左右
    bound_end: int = 0  # end of the bound word, or `end` when there is none

    @property
    def base_unit(self) -> str:
        """The unit without its magnitude word (`万个` → `个`), to tell counts from measures."""
        return _LEADING_MAGNITUDE_RE.sub("", self.unit)


def _unit_at(norm: str, pos: int) -> tuple[str, int]:
    """The unit starting at `pos` (spaces before it are not part of it) and where it ends."""
    match = _UNIT_RE.match(norm, pos)
    if not match:
        return "", pos
    return match.group().strip(" \t"), match.end()


def _bound_at(norm: str, pos: int) -> tuple[str | None, int]:
    """The bound word right after a quantity (`以上`, `及以下`, `左右`), normalised to the convention."""
    match = _BOUND_RE.match(norm, pos)
    if not match:
        return None, pos
    word = match.group(1)
    return _BOUND_NAMES.get(word, word), match.end()


def _token_from_match(norm: str, match: re.Match[str]) -> NumberToken | None:
    """Build the token of one numeral match, or None when it is not a quantity (a bare Chinese word)."""
    start = match.start()
    if match.group("doubling"):
        times = {"两": 2, "二": 2, "三": 3}.get(match.group("times") or "", 1)
        value = float(2**times - 1) * 100
        return NumberToken(start, match.end(), value, "%", doubling=True, bound_end=match.end())
    unit, end = _unit_at(norm, match.end())
    if match.group("arabic"):
        value: float | None = float(match.group("arabic"))
        masked = chinese = False
    elif match.group("mask"):
        value, masked, chinese = None, True, False
    else:
        parsed = parse_chinese_integer(match.group("chinese"))
        if parsed is None or not unit:
            return None
        value, masked, chinese = float(parsed), False, True
    if not unit:
        end = match.end()
    bound, bound_end = _bound_at(norm, end)
    return NumberToken(start, end, value, unit, masked, chinese, False, bound, bound_end)


_RANGE_SIGNS = frozenset(("-", "—", "–", "~", "至", "到"))


def _merge_ranges(norm: str, tokens: list[NumberToken]) -> list[NumberToken]:
    """Join `20-25%` / `20%至25%` into one token valued at the lower bound, with the upper one's unit.

    A range states the least that is promised; keeping it as one token stops the bare `20` from being
    read as a unitless target of its own.
    """
    merged: list[NumberToken] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            following is not None
            and not token.masked
            and not token.doubling
            and token.chinese == following.chinese
            and following.unit
            and token.unit in ("", following.unit)
            and token.bound is None
            and norm[token.start - 1 : token.start] not in ("从", "由")
            and norm[token.end : following.start].strip(" \t") in _RANGE_SIGNS
        ):
            merged.append(
                NumberToken(
                    token.start,
                    following.end,
                    token.value,
                    following.unit,
                    chinese=token.chinese,
                    bound=following.bound,
                    bound_end=following.bound_end,
                )
            )
            index += 2
            continue
        merged.append(token)
        index += 1
    return merged


def find_number_tokens(norm: str) -> list[NumberToken]:
    """Every quantity-looking token of a normalised text, in reading order.

    Over-generates on purpose (years, list numbers, `5G`): deciding which of them are commitments is
    the grammar's job, which needs the words around each token.
    """
    tokens = []
    for match in _NUMBER_RE.finditer(norm):
        token = _token_from_match(norm, match)
        if token is not None:
            tokens.append(token)
    return _merge_ranges(norm, tokens)
