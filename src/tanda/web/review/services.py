"""Glue between stored rows and the domain: which mapping table a review uses, and allocation results.

Views call these and render what they return; the computing is done by `tanda.plan.review` and
`tanda.plan.allocation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from tanda.indicators.linking import Link, link_target
from tanda.plan.allocation import AggregateCheck, AllocationError, allocate, check_aggregate, stated_against_allocated
from tanda.plan.review import Review, review_plans
from tanda.plan.review_departments import DepartmentMap, MappingRow, default_rows
from tanda.web.core.models import Region
from tanda.web.plans.models import Plan
from tanda.web.review.loading import StoredPlan
from tanda.web.review.models import Allocation, DepartmentMapping


def mapping_rows(region: Region) -> tuple[list[MappingRow], bool]:
    """The region's own table, or the packaged default when it has none; (rows, is_default)."""
    rows = [MappingRow(m.parent_name, m.child_name, m.note) for m in DepartmentMapping.objects.filter(region=region)]
    return (rows, False) if rows else (list(default_rows()), True)


@dataclass
class StoredReview:
    review: Review
    child: StoredPlan
    parent: StoredPlan
    mapping_is_default: bool


def review_stored(child: Plan, parent: Plan) -> StoredReview:
    """Review two stored plans with the parent region's department table (ReviewError for the same plan)."""
    child_stored, parent_stored = StoredPlan(child), StoredPlan(parent)
    rows, is_default = mapping_rows(parent.region)
    review = review_plans(
        child_stored.parsed,
        parent_stored.parsed,
        mapping=DepartmentMap(rows),
        child_ref=f"plan:{child.pk}",
        parent_ref=f"plan:{parent.pk}",
        child_region=child.region.name,
    )
    return StoredReview(review, child_stored, parent_stored, is_default)


def default_child_regions(parent: Plan) -> list[Region]:
    """The regions directly below the parent plan's, and any region with a plan that names it as parent."""
    regions = {r.code: r for r in Region.objects.filter(parent=parent.region)}
    for plan in Plan.objects.filter(parent=parent).select_related("region"):
        regions.setdefault(plan.region_id, plan.region)
    return sorted(regions.values(), key=lambda r: r.code)


def _direction(allocation: Allocation, link: Link) -> str:
    if allocation.aggregation == Allocation.Aggregation.INTENSITY_REDUCTION:
        return "up"  # a larger reduction is better
    if link.target.kind == "cap":
        return "down"
    if link.target.kind == "floor":
        return "up"
    return link.indicator.direction if link.indicator else "up"


def _stated(region: Region, parent_plan: Plan, code: str, year: int | None) -> tuple[float | None, Plan | None]:
    """The child region's own number for the indicator and year: from its plan under this parent, else any plan."""
    plans = list(Plan.objects.filter(region=region).order_by("-date"))
    plans.sort(key=lambda p: p.parent_id != parent_plan.pk)
    for plan in plans:
        for target in plan.targets.select_related("section"):
            link = link_target(StoredPlan.target_of(target))
            if link.indicator and link.indicator.code == code and target.year == year and link.value is not None:
                return link.value, plan
    return None, None


@dataclass
class ShareRow:
    region: Region
    weight: float | None
    entered: float | None
    allocated: float | None
    stated: float | None
    stated_plan: Plan | None
    used: float | None  # the child's number the weighted check uses (entered, else its plan's)
    share_id: int | None = None
    status: str = ""


@dataclass
class AllocationResult:
    link: Link
    parent_value: float | None
    direction: str
    rows: list[ShareRow] = field(default_factory=list)
    check: AggregateCheck | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.link.indicator.code if self.link.indicator else None,
            "parent_value": self.parent_value,
            "unit": self.link.unit,
            "direction": self.direction,
            "error": self.error,
            "check": self.check.to_dict() if self.check else None,
            "rows": [
                {
                    "region": r.region.code,
                    "name": r.region.name,
                    "weight": r.weight,
                    "entered": r.entered,
                    "allocated": r.allocated,
                    "stated": r.stated,
                    "used": r.used,
                    "status": r.status,
                }
                for r in self.rows
            ],
        }


def allocation_result(allocation: Allocation) -> AllocationResult:
    """Split or aggregate, check against the parent, and set each child's own plan beside its share."""
    link = link_target(StoredPlan.target_of(allocation.target))
    direction = _direction(allocation, link)
    result = AllocationResult(link=link, parent_value=link.value, direction=direction)
    shares = list(allocation.shares.select_related("region"))
    code = link.indicator.code if link.indicator else None
    for share in shares:
        stated, plan = (
            _stated(share.region, allocation.target.plan, code, allocation.target.year) if code else (None, None)
        )
        used = share.value if share.value is not None else stated
        result.rows.append(ShareRow(share.region, share.weight, share.value, None, stated, plan, used, share.pk))
    if link.value is None:
        result.error = link.problem or "the parent target has no number"
        return result
    regions = [r.region.code for r in result.rows]
    needs = "entered" if allocation.method == Allocation.Method.MANUAL else "weight"
    if allocation.aggregation == Allocation.Aggregation.SUM and allocation.method != Allocation.Method.EQUAL:
        lacking = [r.region.name for r in result.rows if getattr(r, needs) is None]
        if lacking:  # said in the page's language, before the domain would refuse it
            what = gettext("数值") if needs == "entered" else gettext("权重")
            result.error = gettext("以下地区缺少%(what)s，无法分解：%(regions)s") % {
                "what": what,
                "regions": "、".join(lacking),
            }
            return result
    try:
        if allocation.aggregation == Allocation.Aggregation.SUM:
            if allocation.method == Allocation.Method.MANUAL:
                inputs = {r.region.code: r.entered for r in result.rows}
            else:
                inputs = {r.region.code: r.weight for r in result.rows}
            if regions:
                allocated = allocate(link.value, regions, allocation.method, inputs)  # type: ignore[arg-type]
                for row in result.rows:
                    row.allocated = allocated.get(row.region.code)
            values = {r.region.code: r.allocated for r in result.rows}
            result.check = check_aggregate("sum", link.value, direction, values)  # type: ignore[arg-type]
            statuses = stated_against_allocated(values, {r.region.code: r.stated for r in result.rows}, direction)  # type: ignore[arg-type]
            for row, status in zip(result.rows, statuses, strict=True):
                row.status = status.status
        else:
            values = {r.region.code: r.used for r in result.rows}
            weights = {r.region.code: r.weight for r in result.rows}
            result.check = check_aggregate(
                allocation.aggregation,  # type: ignore[arg-type]
                link.value,
                direction,  # type: ignore[arg-type]
                values,
                weights,
            )
    except AllocationError as exc:
        result.error = str(exc)
    return result


def suggested_aggregation(link: Link) -> str:
    """How the parent target's indicator aggregates: a total adds up; an intensity weighs by GDP, a
    reduction of it by base-year energy; a share of energy weighs by energy."""
    ind = link.indicator
    if ind is None:
        return Allocation.Aggregation.SUM
    if link.relative:
        return Allocation.Aggregation.INTENSITY_REDUCTION
    if "/" in ind.unit:
        return Allocation.Aggregation.GDP_WEIGHTED
    if ind.unit == "%":
        return Allocation.Aggregation.ENERGY_WEIGHTED
    return Allocation.Aggregation.SUM
