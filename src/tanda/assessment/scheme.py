"""An assessment scheme: what is scored, with which weight and rule, and the grade thresholds.

A scheme is data (YAML or a dict) so that an office configures it per year without code:

```yaml
name: 吉林省市（州）碳达峰年度评价
year: 2024
min_coverage: 0.8          # a subject needs data for 80 % of the weight to get a grade
categories:                # optional; the indicator weights of a category sum to its weight
  - {code: energy, name: 能源, weight: 60}
indicators:
  - {code: co2_change, name: 二氧化碳排放量同比变化, weight: 30, rule: improvement, direction: down,
     catalogue: co2_emissions, category: energy}
grades:                    # highest first; the last starts at 0 so every score has a grade
  - {label: 优秀, min: 90}
  - {label: 良好, min: 80}
  - {label: 合格, min: 60}
  - {label: 不合格, min: 0}
```

Weights are points out of 100: the indicator weights must sum to 100 (and, with categories, to each
category's weight). A scheme that does not add up is refused with the rule it breaks, because a
composite score over weights that do not sum silently over- or under-weights every indicator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any, Literal

import yaml

Rule = Literal["score", "efficacy", "completion", "improvement", "rank"]
RULES: tuple[Rule, ...] = ("score", "efficacy", "completion", "improvement", "rank")
RULE_LABELS = {
    "score": "直接得分（数值即0–100分）",
    "efficacy": "功效系数法（60–100分，按参评对象最优最差值）",
    "completion": "目标完成率（实际/目标，满分100）",
    "improvement": "同比改善（改善幅度达到满分幅度得100分，持平得60分）",
    "rank": "标准化排名（最优100分，最差0分）",
}
WEIGHT_TOLERANCE = 0.05  # points: published weights are rounded to one decimal (1.83 × 6 …)
PACKAGED = {"green_development_index": "green_development_index.yaml"}


class SchemeError(ValueError):
    """A scheme that cannot be used; the message says where (indicator code, grade) and what is wrong."""


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    weight: float


@dataclass(frozen=True)
class SchemeIndicator:
    code: str
    name: str
    weight: float
    rule: Rule
    direction: Literal["up", "down"] = "up"
    unit: str = ""
    category: str = ""
    catalogue: str = ""  # catalogue indicator whose observations supply the value (optional)
    full: float = 0.05  # improvement: the relative improvement that earns 100 points


@dataclass(frozen=True)
class Grade:
    label: str
    min: float


@dataclass(frozen=True)
class Scheme:
    name: str
    indicators: tuple[SchemeIndicator, ...]
    grades: tuple[Grade, ...]
    categories: tuple[Category, ...] = ()
    year: int | None = None
    min_coverage: float = 0.8
    source: str = ""
    name_en: str = ""
    note: str = ""

    @property
    def total_weight(self) -> float:
        return sum(i.weight for i in self.indicators)

    def indicator(self, code: str) -> SchemeIndicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    def grade_for(self, score: float) -> str:
        for grade in self.grades:
            if score >= grade.min - 1e-9:
                return grade.label
        return self.grades[-1].label

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["indicators"] = [asdict(i) for i in self.indicators]
        data["grades"] = [asdict(g) for g in self.grades]
        data["categories"] = [asdict(c) for c in self.categories]
        return data


def _number(where: str, name: str, value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise SchemeError(f"{where}: {name} {value!r} is not a number") from None
    if number != number:
        raise SchemeError(f"{where}: {name} is not a number")
    return number


def _text(where: str, data: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None or str(value).strip() == "":
        if required:
            raise SchemeError(f"{where}: '{key}' is missing")
        return ""
    return str(value).strip()


def _indicator(n: int, data: Mapping[str, Any]) -> SchemeIndicator:
    if not isinstance(data, Mapping):
        raise SchemeError(f"indicator {n}: expected a mapping with code, name, weight, rule")
    code = _text(f"indicator {n}", data, "code")
    where = f"indicator {code}"
    weight = _number(where, "weight", data.get("weight"))
    if weight <= 0:
        raise SchemeError(f"{where}: weight must be positive, not {weight:g}")
    rule = _text(where, data, "rule")
    if rule not in RULES:
        raise SchemeError(f"{where}: rule {rule!r} is not one of {', '.join(RULES)}")
    direction = _text(where, data, "direction", required=False) or "up"
    if direction not in ("up", "down"):
        raise SchemeError(f"{where}: direction must be up or down, not {direction!r}")
    full = _number(where, "full", data.get("full", 0.05))
    if full <= 0:
        raise SchemeError(f"{where}: full must be positive")
    return SchemeIndicator(
        code=code,
        name=_text(where, data, "name"),
        weight=weight,
        rule=rule,  # type: ignore[arg-type]
        direction=direction,  # type: ignore[arg-type]
        unit=_text(where, data, "unit", required=False),
        category=_text(where, data, "category", required=False),
        catalogue=_text(where, data, "catalogue", required=False),
        full=full,
    )


def _check_weights(indicators: tuple[SchemeIndicator, ...], categories: tuple[Category, ...]) -> None:
    total = sum(i.weight for i in indicators)
    if abs(total - 100.0) > WEIGHT_TOLERANCE:
        raise SchemeError(f"the indicator weights sum to {total:g}, not 100: correct them so that they add up to 100")
    if not categories:
        return
    cat_total = sum(c.weight for c in categories)
    if abs(cat_total - 100.0) > WEIGHT_TOLERANCE:
        raise SchemeError(f"the category weights sum to {cat_total:g}, not 100")
    known = {c.code for c in categories}
    for ind in indicators:
        if ind.category not in known:
            raise SchemeError(
                f"indicator {ind.code}: category {ind.category!r} is not one of {', '.join(sorted(known))}"
            )
    for cat in categories:
        inside = sum(i.weight for i in indicators if i.category == cat.code)
        if abs(inside - cat.weight) > WEIGHT_TOLERANCE:
            raise SchemeError(
                f"category {cat.code}: its indicators' weights sum to {inside:g}, not the category's {cat.weight:g}"
            )


def _grades(items: Any) -> tuple[Grade, ...]:
    if not isinstance(items, list) or not items:
        raise SchemeError("grades: at least one grade (label, min) is needed")
    grades = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            raise SchemeError(f"grade {n}: expected a mapping with label and min")
        label = _text(f"grade {n}", item, "label")
        low = _number(f"grade {label}", "min", item.get("min"))
        if not 0 <= low <= 100:
            raise SchemeError(f"grade {label}: min must be between 0 and 100, not {low:g}")
        grades.append(Grade(label, low))
    labels = [g.label for g in grades]
    if len(set(labels)) != len(labels):
        raise SchemeError("grades: a label is listed twice")
    if any(a.min <= b.min for a, b in pairwise(grades)):
        raise SchemeError("grades: list them from the highest threshold down, each lower than the one before")
    if grades[-1].min != 0:
        raise SchemeError(
            f"grade {grades[-1].label}: the lowest grade must start at 0, so that every score has a grade"
        )
    return tuple(grades)


def parse_scheme(data: Mapping[str, Any]) -> Scheme:
    """A checked scheme from a mapping (parsed YAML/JSON); SchemeError says what is wrong and where."""
    if not isinstance(data, Mapping):
        raise SchemeError("a scheme is a mapping with name, indicators and grades")
    name = _text("scheme", data, "name")
    raw = data.get("indicators")
    if not isinstance(raw, list) or not raw:
        raise SchemeError("indicators: at least one indicator is needed")
    indicators = tuple(_indicator(n, item) for n, item in enumerate(raw, start=1))
    codes = [i.code for i in indicators]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise SchemeError(f"indicator {duplicates[0]}: code listed twice")
    categories = tuple(
        Category(
            _text(f"category {n}", c, "code"),
            _text(f"category {n}", c, "name"),
            _number(f"category {n}", "weight", c.get("weight")),
        )
        for n, c in enumerate(data.get("categories") or [], start=1)
    )
    _check_weights(indicators, categories)
    coverage = _number("scheme", "min_coverage", data.get("min_coverage", 0.8))
    if not 0 < coverage <= 1:
        raise SchemeError(f"min_coverage must be above 0 and at most 1, not {coverage:g}")
    year = data.get("year")
    return Scheme(
        name=name,
        name_en=str(data.get("name_en") or ""),
        indicators=indicators,
        grades=_grades(data.get("grades")),
        categories=categories,
        year=int(year) if year not in (None, "") else None,
        min_coverage=coverage,
        source=str(data.get("source") or ""),
        note=str(data.get("note") or ""),
    )


def load_scheme_text(text: str) -> Scheme:
    """A scheme from YAML (or JSON, which YAML reads too)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SchemeError(f"not valid YAML: {exc}") from exc
    return parse_scheme(data or {})


@cache
def packaged_scheme_text(key: str) -> str:
    if key not in PACKAGED:
        raise KeyError(f"no packaged scheme {key!r}; known: {', '.join(PACKAGED)}")
    return resources.files("tanda.data.assessment").joinpath(PACKAGED[key]).read_text(encoding="utf-8")


def packaged_scheme(key: str) -> Scheme:
    """A scheme shipped with tanda (`green_development_index`)."""
    return load_scheme_text(packaged_scheme_text(key))


@dataclass
class Datum:
    """One subject's input for one indicator; None is "no data", never 0."""

    value: float | None
    previous: float | None = None  # last year's value, for `improvement`
    target: float | None = None  # the subject's target, for `completion`
    source: str = ""
    notes: list[str] = field(default_factory=list)
