"""Is the child's target at least as ambitious as the parent's? The verdict for one pair of linked targets.

Both targets are first linked to the catalogue (`tanda.indicators.linking`), which converts the number
to the indicator's unit (1.2万个 → 12000 个) or keeps it as a % of the baseline for a relative change.
A target is then one of three measures:

- a *bound*: a level, floor or cap in the indicator's unit (达到20%, 不低于50%, 控制在9000万吨以内);
- a *relative change*: 比2005年下降65% is a change of −65 % against 2005 (an unstated baseline is
  the plan's base year 2020, `PLAN_BASE_YEAR`, and is said so in a note);
- an *absolute change*: 提升1个等级, 新增0.32万亩.

Two measures compare only within one family and, for relative changes, against the same baseline.
Ambition follows the indicator's desired direction: for an indicator that should rise, a higher bound
or a larger rise is more ambitious; for one that should fall (煤炭消费比重, 碳排放强度), a lower bound or a
larger fall. That is the rule "levels/floors ≥, caps ≤, reductions ≥" made independent of how each
plan words its target. A bound or an absolute change of a *total* (万千瓦, 万吨, 个, 万亩: an extensive
quantity) does not compare between a province and a city at all: the city's share of a provincial
total is an allocation question (`tanda.plan.allocation`), so the verdict is `not comparable`.

Reasons and notes are codes with parameters; `REASONS`/`NOTES` give the Chinese sentence (also the
msgid the web app translates).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from tanda.indicators.catalogue import Indicator
from tanda.indicators.linking import Link
from tanda.indicators.trajectory import PLAN_BASE_YEAR

Verdict = Literal["consistent", "weaker", "stronger", "different year", "missing", "not comparable"]
VERDICTS: tuple[Verdict, ...] = ("consistent", "stronger", "weaker", "different year", "missing", "not comparable")
VERDICT_LABELS: dict[str, str] = {
    "consistent": "一致",
    "stronger": "严于上级",
    "weaker": "弱于上级",
    "different year": "目标年份不同",
    "missing": "未设置",
    "not comparable": "不可直接比较",
}

REASONS: dict[str, str] = {
    "same": "目标值与上级方案相同",
    "stronger": "下级目标（%(child)s）比上级目标（%(parent)s）更严格",
    "weaker": "下级目标（%(child)s）弱于上级目标（%(parent)s）",
    "other_year": "下级方案仅在%(years)s年设置了该指标，上级方案目标年为%(year)s年",
    "missing": "下级方案未设置该指标",
    "extensive": "%(indicator)s是总量指标，上下级数值不能直接比较，应与分解到本地区的份额比较",
    "not_in_catalogue": "指标“%(name)s”不在指标目录中，无法按指标匹配",
    "masked": "%(side)s目标数值隐去，无法比较",
    "unit_problem": "%(side)s目标单位无法换算：%(problem)s",
    "baseline_differs": "上下级目标的基准年不同（%(parent)s年与%(child)s年），降幅不能直接比较",
    "forms_differ": "上下级目标表述方式不同（%(parent)s与%(child)s），不能直接比较",
    "scoped_elsewhere": "上级目标仅适用于%(scope)s",
}
NOTES: dict[str, str] = {
    "baseline_assumed": "%(side)s目标未写明基准年，按%(year)s年计",
    "strives": "下级目标为“力争”，约束性弱于上级",
    "about": "下级目标为“左右”，上级目标为“%(qualifier)s”",
    "fuzzy": "指标按名称相似度匹配到“%(name)s”，请核对",
    "no_year": "%(side)s目标未写明年份",
    "scoped": "上级目标适用范围：%(scope)s",
}
SIDES = {"parent": "上级", "child": "下级"}
FORM_LABELS = {"bound": "目标水平值", "relative": "相对变化幅度", "absolute": "绝对变化量"}
INTENSIVE_SUFFIXES = ("级",)  # grades: 等级, A级


@dataclass(frozen=True)
class Measure:
    """What a target asks, reduced to one number on one scale."""

    form: Literal["bound", "relative", "absolute"]
    value: float  # bound: in the indicator's unit; relative: signed % of baseline; absolute: signed change
    baseline: int | None = None  # relative changes only


@dataclass
class Comparison:
    verdict: Verdict
    reason: str
    details: dict[str, Any]
    notes: list[tuple[str, dict[str, Any]]]


def is_intensive(indicator: Indicator) -> bool:
    """A share, a rate, an intensity or a grade: the same number means the same thing in a city and a province."""
    unit = indicator.unit
    return unit == "%" or "/" in unit or unit.endswith(INTENSIVE_SUFFIXES)


def measure_of(link: Link) -> tuple[Measure | None, tuple[str, dict[str, Any]] | None]:
    """The measure of a linked target, or why it has none (a masked number, a unit that does not convert)."""
    target = link.target
    if target.masked or target.value is None:
        return None, ("masked", {})
    if link.problem:
        return None, ("unit_problem", {"problem": link.problem})
    if link.value is None:
        return None, ("masked", {})
    sign = -1.0 if target.kind == "reduction" else 1.0
    if link.relative:
        return Measure("relative", sign * link.value, target.baseline_year or PLAN_BASE_YEAR), None
    if target.kind in ("reduction", "increase"):
        return Measure("absolute", sign * link.value), None
    return Measure("bound", link.value), None


def comparable_total(indicator: Indicator, measure: Measure) -> bool:
    """False for a bound or an absolute change of a total: a city's number is a share of the province's."""
    return measure.form == "relative" or is_intensive(indicator)


def describe(link: Link) -> str:
    """The target as a reviewer reads it: `下降65%以上（比2005年）`, `不低于50%`, `力争达到500座`."""
    t = link.target
    value = "＊" if t.masked or t.value is None else f"{t.value:g}{t.unit}"
    verb = {"reduction": "下降", "increase": "提高", "cap": "不超过", "floor": "不低于"}.get(t.kind, "达到")
    prefix = "力争" if t.qualifier == "力争" else ""
    bound_word = t.kind in ("cap", "floor")  # 不超过/不低于 already say 以内/以上
    suffix = t.qualifier if t.qualifier in ("左右", "以上", "以内", "以下") and not bound_word else ""
    baseline = f"（比{t.baseline_year}年）" if t.baseline_year else ""
    return f"{prefix}{verb}{value}{suffix}{baseline}"


def _ambition(indicator: Indicator, measure: Measure) -> float:
    return measure.value if indicator.direction == "up" else -measure.value


def _qualifier_notes(parent: Link, child: Link) -> list[tuple[str, dict[str, Any]]]:
    notes: list[tuple[str, dict[str, Any]]] = []
    if child.target.qualifier == "力争" and parent.target.qualifier != "力争":
        notes.append(("strives", {}))
    elif child.target.qualifier == "左右" and parent.target.qualifier in ("以上", "以内", "以下"):
        notes.append(("about", {"qualifier": parent.target.qualifier}))
    return notes


def compare(parent: Link, child: Link) -> Comparison:
    """The verdict for two targets of one indicator and one year (the caller has matched them)."""
    indicator = parent.indicator
    assert indicator is not None, "compare() needs a linked parent target"
    notes: list[tuple[str, dict[str, Any]]] = []
    p_measure, p_problem = measure_of(parent)
    c_measure, c_problem = measure_of(child)
    for side, problem in (("parent", p_problem), ("child", c_problem)):
        if problem:
            return Comparison("not comparable", problem[0], {**problem[1], "side": SIDES[side]}, notes)
    assert p_measure is not None and c_measure is not None
    for side, link, m in (("parent", parent, p_measure), ("child", child, c_measure)):
        if m.form == "relative" and link.target.baseline_year is None:
            notes.append(("baseline_assumed", {"side": SIDES[side], "year": PLAN_BASE_YEAR}))
    if p_measure.form != c_measure.form:
        details = {"parent": FORM_LABELS[p_measure.form], "child": FORM_LABELS[c_measure.form]}
        return Comparison("not comparable", "forms_differ", details, notes)
    if not comparable_total(indicator, p_measure):
        return Comparison("not comparable", "extensive", {"indicator": indicator.name_zh}, notes)
    if p_measure.form == "relative" and p_measure.baseline != c_measure.baseline:
        details = {"parent": p_measure.baseline, "child": c_measure.baseline}
        return Comparison("not comparable", "baseline_differs", details, notes)
    notes += _qualifier_notes(parent, child)
    a_parent, a_child = _ambition(indicator, p_measure), _ambition(indicator, c_measure)
    tolerance = 1e-9 * max(1.0, abs(a_parent))
    details = {"parent": describe(parent), "child": describe(child)}
    if a_child > a_parent + tolerance:
        return Comparison("stronger", "stronger", details, notes)
    if a_child < a_parent - tolerance:
        return Comparison("weaker", "weaker", details, notes)
    return Comparison("consistent", "same", details, notes)
