"""What the indicator pages, the API and the dispatch reports show, computed in one place.

Public functions (the dispatch app calls these; pages and API do too):

- `target_grades(region_code, as_of_year)`: every stored plan target of the region with its linked
  catalogue indicator, baseline, required path, progress, required and actual pace, grade
  (red/yellow/green), forecast with its 80 % interval and the probability of meeting the target;
  or, for a target that cannot be graded, why (`state`, `message`).
- `region_grade_summary(region_code, as_of_year)`: counts of red/yellow/green targets, how many
  could not be graded and why, and the worst ten.
- `child_region_grades(region_code, as_of_year, target_id=None)`: the regions directly below (a
  province's cities) with their grade, for the map.
- `indicator_series(region_code, code)`: the annual series of an indicator, observed and derived.

All numbers come from `tanda.indicators` (linking, trajectory, grading, forecasting); this module
only gathers the stored targets and observations and stores assessments (`GradeCache`). Grades use
annual observations up to `as_of_year` (default: this year).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from django.db.models import QuerySet

from tanda.indicators import GoalError, Indicator, assess, load_catalogue
from tanda.indicators.grading import WARNING_LEVEL, Grade
from tanda.indicators.series import Series, annual_series, inputs_needed
from tanda.indicators.trajectory import Goal
from tanda.regions import children, division
from tanda.web.indicators.links import ensure_links
from tanda.web.indicators.models import GradeCache, Observation, TargetLink
from tanda.web.plans.models import Plan, Target

GRADING_VERSION = "1"  # part of every cached assessment's fingerprint: bump to recompute all
GRADES: tuple[Grade, ...] = ("red", "yellow", "green")
GRADE_RANK = {"red": 0, "yellow": 1, "green": 2}
State = Literal["graded", "review", "untracked", "no_value", "no_year", "no_data"]

__all__ = [
    "GradeSummary",
    "RegionGrade",
    "TargetGrade",
    "cached_child_region_grades",
    "child_region_grades",
    "default_map_target",
    "indicator_series",
    "observed_values",
    "overdue_tasks",
    "region_grade_summary",
    "region_targets",
    "target_grades",
]


@dataclass
class TargetGrade:
    """One stored plan target as graded (or why it is not)."""

    target_id: int
    plan_id: int
    plan_title: str
    region_code: str
    name: str  # the indicator as the plan names it
    kind: str
    year: int | None
    stated_value: float | None
    stated_unit: str
    qualifier: str
    quote: str
    link_status: str
    indicator: Indicator | None
    state: State
    message: str
    grade: Grade | None = None
    data: dict[str, Any] | None = None  # `Assessment.to_dict()`: goal, baseline, path, paces, forecast, p_meet
    derived_years: list[int] = field(default_factory=list)

    @property
    def code(self) -> str | None:
        return self.indicator.code if self.indicator else None

    @property
    def warning_level(self) -> str | None:
        return WARNING_LEVEL[self.grade] if self.grade else None

    def _get(self, key: str) -> Any:
        return self.data.get(key) if self.data else None

    @property
    def progress(self) -> float | None:
        return self._get("progress")

    @property
    def required_progress(self) -> float | None:
        return self._get("required_progress")

    @property
    def required_pace(self) -> float | None:
        return self._get("required_pace")

    @property
    def actual_pace(self) -> float | None:
        return self._get("actual_pace")

    @property
    def baseline(self) -> dict | None:
        return self._get("baseline")

    @property
    def latest(self) -> dict | None:
        return self._get("latest")

    @property
    def forecast(self) -> dict | None:
        return self._get("forecast")

    @property
    def p_meet(self) -> float | None:
        return self._get("p_meet")

    @property
    def gap(self) -> float:
        """How far progress lags the required path, in percentage points (0 when not graded)."""
        if self.progress is None or self.required_progress is None:
            return 0.0
        return self.required_progress - self.progress

    def severity(self) -> tuple:
        """Sort key, worst first: red before yellow before green, then the larger lag, then the lower p_meet."""
        p = self.p_meet if self.p_meet is not None else 1.0
        return (GRADE_RANK.get(self.grade or "", 3), -self.gap, p, self.target_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target_id": self.target_id,
            "plan_id": self.plan_id,
            "plan_title": self.plan_title,
            "region": self.region_code,
            "name": self.name,
            "kind": self.kind,
            "year": self.year,
            "stated": {"value": self.stated_value, "unit": self.stated_unit, "qualifier": self.qualifier or None},
            "link_status": self.link_status,
            "indicator": self.code,
            "indicator_name": self.indicator.name_zh if self.indicator else None,
            "unit": self.indicator.unit if self.indicator else None,
            "state": self.state,
            "message": self.message,
            "grade": self.grade,
            "warning_level": self.warning_level,
            "assessment": self.data,
            "derived_years": self.derived_years,
        }


def as_of_default(as_of_year: int | None) -> int:
    return as_of_year or date.today().year


def region_targets(region_codes: str | Iterable[str], plans: QuerySet[Plan] | None = None) -> list[Target]:
    """Stored targets of the plans of these regions (of `plans` only, when given: what a user may read)."""
    codes = [region_codes] if isinstance(region_codes, str) else list(region_codes)
    source = plans if plans is not None else Plan.objects.all()
    plan_ids = source.filter(region_id__in=codes).values("pk")
    return list(
        Target.objects.filter(plan__in=plan_ids)
        .select_related("plan")
        .only(
            "id",
            "order",
            "indicator",
            "value",
            "unit",
            "year",
            "baseline_year",
            "kind",
            "qualifier",
            "masked",
            "quote",
            "plan__id",
            "plan__title",
            "plan__region_id",
        )
        .order_by("plan__region_id", "plan_id", "order", "id")
    )


def observed_values(region_codes: Iterable[str], codes: Iterable[str]) -> dict[str, dict[str, dict[int, float]]]:
    """Annual observed values: region → indicator code → {year: value}, in one query."""
    out: dict[str, dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    rows = Observation.objects.filter(
        region_id__in=list(region_codes), indicator__in=list(codes), frequency=Observation.Frequency.YEAR
    ).values_list("region_id", "indicator", "year", "value")
    for region, code, year, value in rows:
        out[region][code][year] = value
    return out


def _codes_for(links: Iterable[TargetLink]) -> set[str]:
    codes: set[str] = set()
    catalogue = load_catalogue()
    for link in links:
        if link.gradable:
            codes |= inputs_needed(link.indicator, catalogue)
    return codes


def _fingerprint(target: Target, link: TargetLink, as_of: int, history: dict[int, float]) -> str:
    payload = [
        GRADING_VERSION,
        as_of,
        link.indicator,
        link.value,
        link.relative,
        target.kind,
        target.year,
        target.baseline_year,
        target.qualifier,
        sorted(history.items()),
    ]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


def _ungraded(target: Target, link: TargetLink) -> tuple[State, str] | None:
    if link.status == TargetLink.Status.UNTRACKED:
        return "untracked", "a person decided this target is not tracked by an indicator"
    if not link.gradable:
        return "review", link.problem or link.notes or "linked by similarity only: confirm the indicator"
    if link.value is None:
        return "no_value", "the plan states no number for this target" + (" (masked)" if target.masked else "")
    if target.year is None:
        return "no_year", "the plan states no target year"
    return None


def _new_grade(target: Target, link: TargetLink, region_code: str) -> TargetGrade:
    return TargetGrade(
        target_id=target.pk,
        plan_id=target.plan.pk,
        plan_title=target.plan.title,
        region_code=region_code,
        name=target.indicator,
        kind=target.kind,
        year=target.year,
        stated_value=target.value,
        stated_unit=target.unit,
        qualifier=target.qualifier,
        quote=target.quote,
        link_status=link.status,
        indicator=load_catalogue().get(link.indicator) if link.indicator else None,
        state="no_data",
        message="",
    )


def _goal(target: Target, link: TargetLink, indicator: Indicator) -> Goal:
    return Goal(
        kind=target.kind,  # type: ignore[arg-type]
        target_year=target.year,  # type: ignore[arg-type]
        value=link.value,  # type: ignore[arg-type]
        direction=indicator.direction,
        baseline_year=target.baseline_year,
        qualifier=target.qualifier or None,
        relative=link.relative,
    )


def grade_target(
    target: Target,
    link: TargetLink,
    series: Series | None,
    as_of: int,
    *,
    region_code: str,
    with_forecast: bool = True,
    cached: GradeCache | None = None,
    goal: Goal | None = None,
) -> tuple[TargetGrade, GradeCache | None]:
    """Grade one target against a series; returns the grade and a cache entry to store (None: nothing new)."""
    result = _new_grade(target, link, region_code)
    why = _ungraded(target, link) if goal is None else None
    if why:
        result.state, result.message = why
        return result, None
    indicator = result.indicator
    assert indicator is not None
    history = series.upto(as_of) if series else {}
    result.derived_years = sorted(y for y in (series.derived if series else ()) if y <= as_of)
    fingerprint = _fingerprint(target, link, as_of, history) if with_forecast else ""
    to_store = None
    if cached is not None and cached.fingerprint == fingerprint:
        data = cached.data
    else:
        try:
            assessment = assess(goal or _goal(target, link, indicator), history, with_forecast=with_forecast)
            data = {"ok": True, **assessment.to_dict()}
        except GoalError as exc:
            data = {"ok": False, "message": str(exc)}
        if with_forecast:
            to_store = cached or GradeCache(target_id=target.pk, as_of=as_of)
            to_store.fingerprint, to_store.data = fingerprint, data
    if not data.get("ok"):
        result.state, result.message = "no_data", data["message"]
        return result, to_store
    result.state, result.grade, result.message = "graded", data["grade"], data["reason"]
    result.data = {k: v for k, v in data.items() if k != "ok"}
    return result, to_store


def target_grades(
    region_code: str,
    as_of_year: int | None = None,
    *,
    plans: QuerySet[Plan] | None = None,
    with_forecast: bool = True,
    indicator: str | None = None,
) -> list[TargetGrade]:
    """Every stored plan target of the region, graded as of `as_of_year`, in plan order.

    `plans` restricts to the plans a user may read; `indicator` to targets linked to that code.
    Assessments with forecasts are stored and reused while their inputs are unchanged.
    """
    as_of = as_of_default(as_of_year)
    targets = region_targets(region_code, plans)
    links = ensure_links(targets)
    if indicator:
        targets = [t for t in targets if links[t.pk].indicator == indicator]
    observed = observed_values([region_code], _codes_for(links[t.pk] for t in targets)).get(region_code, {})
    catalogue = load_catalogue()
    series_of: dict[str, Series] = {}
    cache = (
        {c.target_id: c for c in GradeCache.objects.filter(target__in=[t.pk for t in targets], as_of=as_of)}
        if with_forecast
        else {}
    )
    grades, to_store = [], []
    for target in targets:
        link = links[target.pk]
        series = None
        if link.gradable:
            if link.indicator not in series_of:
                series_of[link.indicator] = annual_series(link.indicator, observed, catalogue)
            series = series_of[link.indicator]
        grade, store = grade_target(
            target,
            link,
            series,
            as_of,
            region_code=region_code,
            with_forecast=with_forecast,
            cached=cache.get(target.pk),
        )
        grades.append(grade)
        if store is not None:
            to_store.append(store)
    if to_store:
        # One statement that inserts or updates: two requests grading the same target at once must not collide.
        GradeCache.objects.bulk_create(
            to_store,
            update_conflicts=True,
            unique_fields=["target", "as_of"],
            update_fields=["fingerprint", "data", "computed"],
        )
    return grades


@dataclass
class GradeSummary:
    region_code: str
    as_of: int
    counts: dict[str, int]  # red / yellow / green
    not_graded: dict[str, int]  # state → count (review, untracked, no_value, no_year, no_data)
    worst: list[TargetGrade]
    total: int

    @property
    def graded(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region_code,
            "as_of": self.as_of,
            "targets": self.total,
            "graded": self.graded,
            "counts": self.counts,
            "not_graded": self.not_graded,
            "worst": [g.to_dict() for g in self.worst],
        }


def summarise(region_code: str, as_of: int, grades: list[TargetGrade], worst: int = 10) -> GradeSummary:
    counts = {g: 0 for g in GRADES}
    not_graded: dict[str, int] = defaultdict(int)
    for g in grades:
        if g.grade:
            counts[g.grade] += 1
        else:
            not_graded[g.state] += 1
    ranked = sorted((g for g in grades if g.grade), key=TargetGrade.severity)
    return GradeSummary(region_code, as_of, counts, dict(not_graded), ranked[:worst], len(grades))


def region_grade_summary(
    region_code: str, as_of_year: int | None = None, *, plans: QuerySet[Plan] | None = None, worst: int = 10
) -> GradeSummary:
    """Counts of red/yellow/green targets of the region, the ungraded by reason, and the `worst` worst."""
    as_of = as_of_default(as_of_year)
    return summarise(region_code, as_of, target_grades(region_code, as_of, plans=plans), worst)


@dataclass
class RegionGrade:
    """A region below the one shown, with the grades of its targets (for the map and the table beside it)."""

    code: str
    name: str
    counts: dict[str, int]
    graded: int
    grade: Grade | None  # the worst grade, None when nothing is graded
    detail: str = ""  # the value of the region under a province target, when the map shows one target

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "grade": self.grade,
            "counts": self.counts,
            "graded": self.graded,
            "detail": self.detail,
        }


def _subtree(code: str) -> list[str]:
    out, frontier = [code], [code]
    while frontier:
        kids = [d.code for c in frontier for d in children(c)]
        out.extend(kids)
        frontier = kids
    return out


def child_region_grades(
    region_code: str,
    as_of_year: int | None = None,
    *,
    plans: QuerySet[Plan] | None = None,
    target_id: int | None = None,
) -> list[RegionGrade]:
    """The regions directly below `region_code`, each with a grade (grades only; no forecasts).

    Without `target_id`: the targets of the plans of each region and of the regions below it.
    With `target_id` (a target of `region_code`'s own plans): that target's goal applied to each
    region's own observations, measured from the region's own baseline, which shows where the
    province's target is being met and where not.
    """
    as_of = as_of_default(as_of_year)
    kids = children(region_code)
    if target_id is not None:
        return _children_under_target(region_code, kids, as_of, plans, target_id)
    owner = {}
    for kid in kids:
        for code in _subtree(kid.code):
            owner[code] = kid.code
    targets = region_targets(owner, plans)
    links = ensure_links(targets)
    by_region: dict[str, list[Target]] = defaultdict(list)
    for t in targets:
        by_region[t.plan.region_id].append(t)
    observed = observed_values(by_region, _codes_for(links.values()))
    catalogue = load_catalogue()
    counts: dict[str, dict[str, int]] = {k.code: {g: 0 for g in GRADES} for k in kids}
    for region, region_targets_ in by_region.items():
        series_of: dict[str, Series] = {}
        for target in region_targets_:
            link = links[target.pk]
            if not link.gradable:
                continue
            if link.indicator not in series_of:
                series_of[link.indicator] = annual_series(link.indicator, observed.get(region, {}), catalogue)
            grade, _ = grade_target(
                target, link, series_of[link.indicator], as_of, region_code=region, with_forecast=False
            )
            if grade.grade:
                counts[owner[region]][grade.grade] += 1
    return [_region_grade(k.code, k.name, counts[k.code]) for k in kids]


def cached_child_region_grades(
    region_code: str,
    as_of_year: int | None,
    *,
    plans: QuerySet[Plan] | None,
    audience: str,
    target_id: int | None = None,
) -> list[RegionGrade]:
    """`child_region_grades`, cached under the data revision (a province's map reads thousands of values).

    `audience` names the set of plans `plans` stands for ("published" or "all"): results for
    different readers are cached apart.
    """
    from django.core.cache import cache

    from tanda.web.indicators import revision

    key = f"tanda:indicators:below:{revision.current()}:{audience}:{region_code}:{as_of_year}:{target_id}"
    found = cache.get(key)
    if found is None:
        found = child_region_grades(region_code, as_of_year, plans=plans, target_id=target_id)
        cache.set(key, found, timeout=3600)
    return found


def _region_grade(code: str, name: str, counts: dict[str, int], detail: str = "") -> RegionGrade:
    worst = next((g for g in GRADES if counts[g]), None)
    return RegionGrade(code, name, counts, sum(counts.values()), worst, detail)


def _children_under_target(
    region_code: str, kids: list, as_of: int, plans: QuerySet[Plan] | None, target_id: int
) -> list[RegionGrade]:
    target = next((t for t in region_targets(region_code, plans) if t.pk == target_id), None)
    if target is None:
        raise LookupError(f"target {target_id} is not a target of {region_code}")
    link = ensure_links([target])[target.pk]
    catalogue = load_catalogue()
    out = []
    if not link.gradable or link.value is None or target.year is None:
        return [_region_grade(k.code, k.name, {g: 0 for g in GRADES}) for k in kids]
    indicator = catalogue[link.indicator]
    goal = _goal(target, link, indicator)
    observed = observed_values([k.code for k in kids], inputs_needed(link.indicator, catalogue))
    for kid in kids:
        series = annual_series(link.indicator, observed.get(kid.code, {}), catalogue)
        grade, _ = grade_target(target, link, series, as_of, region_code=kid.code, with_forecast=False, goal=goal)
        counts = {g: int(g == grade.grade) for g in GRADES}
        detail = ""
        if grade.latest:
            detail = f"{grade.latest['year']}: {grade.latest['value']:g} {indicator.unit}"
        out.append(_region_grade(kid.code, kid.name, counts, detail))
    return out


def default_map_target(region_code: str, grades: list[TargetGrade], below: list[RegionGrade]) -> TargetGrade | None:
    """The target the map should show when fewer than half the regions below have graded targets of their own.

    The first graded target of the region whose indicator is observed in at least half the regions
    below (so that the map shows the region's own target where the cities report it); None to keep
    the map of the regions' own targets.
    """
    if not below or sum(1 for r in below if r.graded) * 2 >= len(below):
        return None
    codes = [r.code for r in below]
    catalogue = load_catalogue()
    for grade in grades:
        if not grade.grade or not grade.code:
            continue
        needed = inputs_needed(grade.code, catalogue)
        reporting = Observation.objects.filter(region_id__in=codes, indicator__in=needed).values("region_id")
        if reporting.distinct().count() * 2 >= len(codes):
            return grade
    return None


def indicator_series(region_code: str, code: str) -> Series:
    """The annual series of one indicator for a region: observed values, and derived ones where missing."""
    catalogue = load_catalogue()
    observed = observed_values([region_code], inputs_needed(code, catalogue)).get(region_code, {})
    return annual_series(code, observed, catalogue)


def overdue_tasks(region_code: str) -> int | None:
    """Tasks past their deadline, from the dispatch app when it is installed; None when it is not.

    The slot the dashboard shows: the dispatch app (task progress reporting) owns deadlines and
    progress, and is expected to offer `tanda.web.dispatch.services.overdue_task_count(region_code)`.
    """
    try:
        from tanda.web.dispatch import services as dispatch  # type: ignore[import-not-found]
    except ImportError:
        return None
    counter = getattr(dispatch, "overdue_task_count", None)
    return counter(region_code) if counter else None


def region_name(code: str) -> str:
    return division(code).name
