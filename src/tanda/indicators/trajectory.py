"""What a target asks for, as numbers: the end value, the side that counts as met, and the path to it.

A plan states targets in five kinds (see `tanda.plan.model.Target`); progress tracking needs each
as an end value in the indicator's unit and a required path from where the region stood:

- `level` (达到 X): end value X; which side is "met" follows the indicator's desired direction
  (森林覆盖率 up: ≥ X; 煤炭消费比重 down: ≤ X), or, with no direction, the side the goal lies on;
- `reduction` (比基年下降 r%): end value = baseline × (1 − r/100), met at or below it; an absolute
  reduction (in the indicator's unit) subtracts;
- `increase` (比基年提高 r%, 翻一番 = 100 %): end value = baseline × (1 + r/100), met at or above it;
- `cap` (控制在 X 以内): met at or below X all the way, not only in the target year;
- `floor` (不低于 X): met at or above X.

The baseline is the year the target states (比2005年下降65%), else the plan's base year
`PLAN_BASE_YEAR` (2020, the base of the 14th five-year plan). The required path starts at the
*origin*: the baseline, or the plan's base year when the stated baseline is older and a value for
the base year is known. Progress is measured over the plan period, not over 2005–2020.

The required path is linear (constant change per year) for levels, shares, caps and floors, and
compound (constant rate per year) for relative reductions and increases: an intensity falling
13.5 % over five years must fall by 1 − 0.865^(1/5) = 2.86 % a year, the way the annual dual-
control assessment breaks the five-year target down.

`左右` ("about") widens the stated number by ±`ABOUT_TOLERANCE` (2 %) of itself unless a tolerance
is given: 20%左右 counts as met from 19.6 %, 下降8.5%左右 from a fall of 8.33 %. The required path
then leads to the lenient edge of that band. Other qualifiers (以上, 以内, 力争) do not move the
threshold: a bound is already in the kind, and 力争 ("strive for") is an aspiration graded like
the plain target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tanda.indicators.catalogue import Direction

if TYPE_CHECKING:
    from tanda.indicators.linking import Link

PLAN_BASE_YEAR = 2020
ABOUT_TOLERANCE = 0.02
Kind = Literal["level", "reduction", "increase", "cap", "floor"]
PathShape = Literal["linear", "compound"]


class GoalError(ValueError):
    """A goal that cannot be graded as given (no baseline value, target year before the baseline …)."""


@dataclass(frozen=True)
class Goal:
    """One target as graded: the stated number, what kind of statement it is, and when.

    `value` is the number as stated, in the indicator's unit, or in % of the baseline for a
    relative reduction/increase (`relative=True`, the default; set it False for an absolute change
    such as 提高5个百分点 or 新增0.32万亩).
    """

    kind: Kind
    target_year: int
    value: float
    direction: Direction | None = None
    baseline_year: int | None = None
    qualifier: str | None = None
    relative: bool = True
    tolerance: float | None = None

    @classmethod
    def from_link(cls, link: Link) -> Goal:
        """The goal of a linked target, with the indicator's direction and the converted number."""
        if link.indicator is None or link.value is None or link.target.year is None:
            raise GoalError(f"'{link.target.indicator}': needs an indicator, a value and a year to be graded")
        return cls(
            kind=link.target.kind,
            target_year=link.target.year,
            value=link.value,
            direction=link.indicator.direction,
            baseline_year=link.target.baseline_year,
            qualifier=link.target.qualifier,
            relative=link.relative,
        )

    @property
    def half_width(self) -> float:
        """The relative tolerance around the stated number: `tolerance`, or 2 % for 左右, else 0."""
        if self.tolerance is not None:
            return self.tolerance
        return ABOUT_TOLERANCE if self.qualifier == "左右" else 0.0

    def end_value(self, stated: float, reference: float) -> float:
        """The indicator's value in the target year that a stated number means."""
        if self.kind == "reduction":
            return reference * (1 - stated / 100) if self.relative else reference - stated
        if self.kind == "increase":
            return reference * (1 + stated / 100) if self.relative else reference + stated
        return stated

    @property
    def compound(self) -> bool:
        return self.kind in ("reduction", "increase") and self.relative


@dataclass(frozen=True)
class Requirement:
    """A goal resolved against a region's numbers: where it starts, where it must end, how."""

    goal: Goal
    reference: tuple[int, float]  # the baseline the goal is stated against
    origin: tuple[int, float]  # where the required path starts
    end_value: float  # the value the stated number means
    threshold: float  # the value that counts as met (the lenient edge of a 左右 band)
    band: tuple[float, float] | None  # the 左右 band of end values, low to high
    sense: int  # +1: met at or above the threshold; −1: at or below
    mode: Literal["approach", "keep"]  # keep: a cap/floor that already holds at the origin
    shape: PathShape

    @property
    def years(self) -> int:
        return self.goal.target_year - self.origin[0]

    def path(self, year: float) -> float:
        """The value the required path asks for in `year` (the threshold from the target year on)."""
        t0, v0 = self.origin
        if year >= self.goal.target_year:
            return self.threshold
        if year <= t0:
            return v0
        share = (year - t0) / self.years
        if self.shape == "compound":
            return v0 * (self.threshold / v0) ** share
        return v0 + (self.threshold - v0) * share

    def pace(self, start: tuple[int, float], end: tuple[int, float]) -> float | None:
        """Average change per year between two points, in the path's terms (%/year or unit/year)."""
        (t0, v0), (t1, v1) = start, end
        if t1 == t0:
            return None
        if self.shape == "compound":
            if v0 <= 0 or v1 <= 0:
                return None
            return ((v1 / v0) ** (1 / (t1 - t0)) - 1) * 100
        return (v1 - v0) / (t1 - t0)

    @property
    def required_pace(self) -> float | None:
        return self.pace(self.origin, (self.goal.target_year, self.threshold))

    @property
    def met_at_origin(self) -> bool:
        return self.meets(self.origin[1])

    def meets(self, value: float) -> bool:
        return self.sense * (value - self.threshold) >= -float_slack(self.threshold)

    def progress(self, value: float) -> float:
        """Share of the way from the origin to the threshold covered, in %.

        For a goal already met at the origin (a cap or floor that held, a level already reached)
        there is no way to cover: progress is 100 while it stays met and 0 once it is not.
        """
        if self.met_at_origin:
            return 100.0 if self.meets(value) else 0.0
        span = self.threshold - self.origin[1]
        return (value - self.origin[1]) / span * 100

    def required_progress(self, year: int) -> float:
        """The progress the required path asks for by `year`, in %."""
        if self.met_at_origin:
            return 100.0
        span = self.threshold - self.origin[1]
        return (self.path(year) - self.origin[1]) / span * 100


def float_slack(scale: float) -> float:
    """Float slack for comparisons: values equal to nine digits are equal."""
    return 1e-9 * max(1.0, abs(scale))


def resolve(goal: Goal, reference: tuple[int, float], origin: tuple[int, float] | None = None) -> Requirement:
    """The goal's threshold, side and path for a region with this reference (and origin) value."""
    origin = origin or reference
    if goal.target_year <= origin[0]:
        raise GoalError(f"target year {goal.target_year} is not after the baseline year {origin[0]}")
    if goal.compound and reference[1] <= 0:
        raise GoalError(f"a relative {goal.kind} needs a positive baseline value, not {reference[1]}")
    for label, (_, v) in (("baseline", reference), ("origin", origin)):
        if not math.isfinite(v):
            raise GoalError(f"{label} value is not a number")
    end = goal.end_value(goal.value, reference[1])
    tol = goal.half_width
    edges = sorted(
        (goal.end_value(goal.value * (1 - tol), reference[1]), goal.end_value(goal.value * (1 + tol), reference[1]))
    )
    band = (edges[0], edges[1]) if tol else None

    if goal.kind in ("reduction", "cap"):
        sense = -1
    elif goal.kind in ("increase", "floor"):
        sense = 1
    elif goal.direction is not None:
        sense = 1 if goal.direction == "up" else -1
    else:
        sense = 1 if end >= origin[1] else -1
    threshold = edges[0] if sense > 0 else edges[1]
    holds_at_origin = sense * (origin[1] - threshold) >= -float_slack(threshold)
    mode: Literal["approach", "keep"] = "keep" if goal.kind in ("cap", "floor") and holds_at_origin else "approach"
    shape: PathShape = "compound" if goal.compound and origin[1] > 0 and threshold > 0 else "linear"
    return Requirement(goal, reference, origin, end, threshold, band, sense, mode, shape)
