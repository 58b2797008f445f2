"""Progress and early-warning grades of one target, in the manner of the energy dual-control barometer.

The 2021 barometer (发改办环资〔2021〕629号) grades a region red (一级预警) when its energy intensity
rose year on year, yellow (二级预警) when it fell but by less than the required pace, and green
(三级) otherwise. tanda applies the same three questions to every target, whichever way its goal
points (see `tanda.indicators.trajectory` for thresholds, paths and 左右):

Targets to be reached (level, reduction, increase, and a cap or floor that does not yet hold):

- red: the latest year-on-year change went the wrong way (away from the threshold);
- yellow: it went the right way (or stood still) but the value is behind the required path,
  i.e. the average pace since the origin is slower than the required pace;
- green: on or ahead of the path;
- once the threshold is met, a wrong-way change is yellow (met, but slipping) and otherwise green:
  leaving a met goal is a warning, not a failure, until the target year.

Bounds that already hold (a cap or floor the region is within), where the question is not "are we
moving toward it" but "will we stay within it". The allowed path runs linearly from the origin to
the bound, so the region may use its headroom evenly:

- red: the bound is broken, or the value is beyond the allowed path (using the headroom faster
  than allowed: on course to break the bound);
- yellow: within the allowed path, but the latest year's change, if it went on, would break the
  bound by the target year (it exceeds the pace the remaining headroom allows);
- green: otherwise (including any move away from the bound).

From the target year on, only the outcome counts: green if met (within a 左右 band's lenient edge),
red if not.

"Year on year" compares the latest two observations (the two latest observed years when one is
missing). Paces are per year: in % per year for compound paths (relative reductions and
increases), in the indicator's unit per year for linear ones; the actual pace is the average since
the origin. Progress is the share of the way from the origin to the threshold covered (see
`Requirement.progress`). `p_meet` is the probability that the forecast for the target year (see
`tanda.indicators.forecasting`) is on the met side of the threshold; the grade does not use it,
so that a warning always follows from observed values a department can check.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from tanda.indicators.forecasting import Forecast, forecast
from tanda.indicators.trajectory import PLAN_BASE_YEAR, Goal, GoalError, Requirement, float_slack, resolve

Grade = Literal["red", "yellow", "green"]
WARNING_LEVEL = {"red": "一级预警", "yellow": "二级预警", "green": "三级"}


@dataclass
class Assessment:
    """The grade of one goal and the numbers behind it; `to_dict` is what the CLI and the API print."""

    grade: Grade
    reason: str
    requirement: Requirement
    latest: tuple[int, float]
    previous: tuple[int, float]
    met: bool
    progress: float
    required_progress: float
    actual_pace: float | None
    forecast: Forecast | None
    p_meet: float | None

    @property
    def warning_level(self) -> str:
        return WARNING_LEVEL[self.grade]

    @property
    def required_pace(self) -> float | None:
        return self.requirement.required_pace

    @property
    def pace_unit(self) -> str:
        return "%/year" if self.requirement.shape == "compound" else "unit/year"

    def to_dict(self) -> dict[str, Any]:
        req = self.requirement
        goal = req.goal
        if req.met_at_origin:
            must = "stay at or above" if req.sense > 0 else "stay at or below"
        else:
            must = "rise to" if req.sense > 0 else "fall to"
        return {
            "grade": self.grade,
            "warning_level": self.warning_level,
            "reason": self.reason,
            "kind": goal.kind,
            "direction": goal.direction,
            "goal": {
                "stated": goal.value,
                "relative": goal.relative if goal.kind in ("reduction", "increase") else None,
                "qualifier": goal.qualifier,
                "year": goal.target_year,
                "end_value": _r(req.end_value),
                "threshold": _r(req.threshold),
                "band": [_r(req.band[0]), _r(req.band[1])] if req.band else None,
                "must": must,
            },
            "baseline": {"year": req.reference[0], "value": req.reference[1]},
            "origin": {"year": req.origin[0], "value": req.origin[1]},
            "latest": {"year": self.latest[0], "value": self.latest[1]},
            "met": self.met,
            "progress": _r(self.progress),
            "required_progress": _r(self.required_progress),
            "required_pace": _r(self.required_pace),
            "actual_pace": _r(self.actual_pace),
            "last_change": _r(self.latest[1] - self.previous[1]),
            "pace_unit": self.pace_unit,
            "path_shape": req.shape,
            "mode": req.mode,
            "path": [{"year": y, "value": _r(req.path(y))} for y in range(req.origin[0], goal.target_year + 1)],
            "forecast": self.forecast.to_dict() if self.forecast else None,
            "p_meet": _r(self.p_meet),
        }


def _r(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else float(f"{x:.6g}")


def _grade(req: Requirement, latest: tuple[int, float], previous: tuple[int, float]) -> tuple[Grade, str]:
    (t, v), (tp, vp) = latest, previous
    eps = float_slack(req.threshold)
    s = req.sense
    if t >= req.goal.target_year:
        return ("green", "target year reached: met") if req.meets(v) else ("red", "target year reached: missed")
    change = v - vp
    if req.mode == "keep":
        bound = "cap" if s < 0 else "floor"
        if not req.meets(v):
            return "red", f"the {bound} is broken"
        if s * (v - req.path(t)) < -eps:
            return "red", f"using the headroom faster than allowed: on course to break the {bound}"
        allowed = (req.threshold - vp) / (req.goal.target_year - tp)
        if s * (change / (t - tp) - allowed) < -eps:
            return "yellow", f"the latest change, if it went on, would break the {bound} by {req.goal.target_year}"
        return "green", f"within the {bound} and its allowed path"
    wrong_way = s * change < -eps
    if req.meets(v):
        if wrong_way:
            return "yellow", "met, but the latest change went the wrong way"
        return "green", "met"
    if wrong_way:
        return "red", "moved the wrong way year on year"
    if s * (v - req.path(t)) < -eps:
        return "yellow", "moved the right way, but slower than the required pace"
    return "green", "on track"


def assess(
    goal: Goal,
    observations: Mapping[int, float],
    *,
    baseline: tuple[int, float] | None = None,
    base_year: int = PLAN_BASE_YEAR,
    with_forecast: bool = True,
) -> Assessment:
    """Grade one goal against a region's annual observations {year: value} (in the indicator's unit).

    `baseline` is the (year, value) the goal is stated against; without it, the value observed in
    the goal's baseline year, else in `base_year`. Needs at least one observation after the origin.
    """
    obs = {int(y): float(v) for y, v in observations.items()}
    if baseline is None:
        year = goal.baseline_year or base_year
        if year not in obs:
            raise GoalError(f"no value for the baseline year {year}: give the baseline or observe that year")
        baseline = (year, obs[year])
    origin = baseline
    if baseline[0] < base_year and base_year in obs:
        origin = (base_year, obs[base_year])
    req = resolve(goal, baseline, origin)
    series = {origin[0]: origin[1], **{y: v for y, v in obs.items() if y > origin[0]}}
    years = sorted(series)
    if len(years) < 2:
        raise GoalError(f"no observation after {origin[0]}: nothing to grade yet")
    latest = (years[-1], series[years[-1]])
    previous = (years[-2], series[years[-2]])
    grade, reason = _grade(req, latest, previous)

    fc = p_meet = None
    if with_forecast:
        history = {**obs, origin[0]: origin[1]}
        fc = forecast(history, goal.target_year)
        if fc is not None:
            p_meet = fc.probability(req.threshold, "above" if req.sense > 0 else "below")
    return Assessment(
        grade=grade,
        reason=reason,
        requirement=req,
        latest=latest,
        previous=previous,
        met=req.meets(latest[1]),
        progress=req.progress(latest[1]),
        required_progress=req.required_progress(latest[0]),
        actual_pace=req.pace(origin, latest),
        forecast=fc,
        p_meet=p_meet,
    )
