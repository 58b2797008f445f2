"""Splitting a parent target among child regions, and checking that the children's targets add up.

A province's total (煤炭消费量控制在9000万吨以内, 新型储能25万千瓦) is split among its cities: equally,
in proportion to a basis such as GDP or emissions (`weights`, any positive numbers, normalised), by
shares in % that must sum to 100 (`shares`), or by numbers entered by hand (`manual`). Whatever the
method, the check is the same: the children's numbers, aggregated the way the indicator aggregates,
must meet the parent's number.

How indicators aggregate (why the weights differ):

- a total (万吨, 万千瓦, 个) adds up: Σ child ≤ parent cap, Σ child ≥ parent floor;
- an intensity (energy or CO2 per unit of GDP) is a total divided by GDP, so the region's intensity is
  the GDP-weighted mean of the children's: I = Σ E_i / Σ G_i = Σ G_i·I_i / Σ G_i;
- a reduction of intensity aggregates with the children's base-year energy (or CO2): with GDP growing
  alike, 1 − I_t/I_0 = Σ E0_i·r_i / Σ E0_i; with target-year GDP given per child, exactly
  1 − [Σ Gt_i·I0_i·(1 − r_i) / Σ Gt_i] / [Σ G0_i·I0_i / Σ G0_i];
- a share of energy (非化石能源消费比重) is non-fossil energy over total energy, so it is the
  energy-weighted mean: S = Σ E_i·s_i / Σ E_i.

Missing data is never taken as 0: a child without a number or a weight makes the aggregate unknown
(`None`), and the check says which children are missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Method = Literal["equal", "weights", "shares", "manual"]
METHODS: tuple[Method, ...] = ("equal", "weights", "shares", "manual")
Aggregation = Literal["sum", "gdp_weighted", "energy_weighted", "intensity_reduction"]
AGGREGATIONS: tuple[Aggregation, ...] = ("sum", "gdp_weighted", "energy_weighted", "intensity_reduction")
SHARE_TOLERANCE = 0.01  # percentage points: shares summing to 99.99–100.01 are accepted (rounding)


class AllocationError(ValueError):
    """An allocation that cannot be made as asked; the message names the region and what is wrong."""


def _number(region: str, what: str, value: Any) -> float:
    if value is None:
        raise AllocationError(f"{region}: no {what}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise AllocationError(f"{region}: {what} {value!r} is not a number") from None
    if number != number or number < 0:
        raise AllocationError(f"{region}: {what} {value!r} must be zero or positive")
    return number


def allocate(
    total: float,
    regions: Sequence[str],
    method: Method,
    values: Mapping[str, float | None] | None = None,
) -> dict[str, float]:
    """The parent's `total` split among `regions`.

    `values` holds, per region: the basis (`weights`: GDP, emissions …, normalised), the share in %
    (`shares`: must sum to 100), or the allocated number (`manual`: returned as entered). `equal`
    ignores it.
    """
    if not regions:
        raise AllocationError("no child regions to allocate to")
    if method not in METHODS:
        raise AllocationError(f"method {method!r}: expected one of {', '.join(METHODS)}")
    if method == "equal":
        return {r: total / len(regions) for r in regions}
    values = values or {}
    numbers = {r: _number(r, _WHAT[method], values.get(r)) for r in regions}
    if method == "manual":
        return numbers
    if method == "shares":
        summed = sum(numbers.values())
        if abs(summed - 100.0) > SHARE_TOLERANCE:
            raise AllocationError(f"shares sum to {summed:g} %, not 100 %: correct them or allocate by weights")
        return {r: total * n / 100.0 for r, n in numbers.items()}
    summed = sum(numbers.values())
    if summed <= 0:
        raise AllocationError("the weights sum to 0: give at least one region a positive weight")
    return {r: total * n / summed for r, n in numbers.items()}


_WHAT = {"weights": "weight", "shares": "share", "manual": "allocated value"}


@dataclass
class AggregateCheck:
    """The children's numbers aggregated, against the parent's number."""

    aggregation: Aggregation
    parent: float
    direction: Literal["up", "down"]  # down: the aggregate must not exceed the parent (a cap, an intensity)
    aggregate: float | None = None
    missing: list[str] = field(default_factory=list)  # children without a value or a weight

    @property
    def complete(self) -> bool:
        return self.aggregate is not None

    @property
    def ok(self) -> bool | None:
        """True when the children meet the parent's number; None when data are missing."""
        if self.aggregate is None:
            return None
        tolerance = 1e-9 * max(1.0, abs(self.parent))
        if self.direction == "down":
            return self.aggregate <= self.parent + tolerance
        return self.aggregate >= self.parent - tolerance

    @property
    def gap(self) -> float | None:
        """How far the aggregate is on the wrong side of the parent (0 when met; None when incomplete)."""
        if self.aggregate is None:
            return None
        over = self.aggregate - self.parent if self.direction == "down" else self.parent - self.aggregate
        return max(over, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "aggregation": self.aggregation,
            "parent": self.parent,
            "direction": self.direction,
            "aggregate": self.aggregate,
            "ok": self.ok,
            "gap": self.gap,
            "missing": self.missing,
        }


def _missing(regions: Sequence[str], *columns: Mapping[str, float | None]) -> list[str]:
    return [r for r in regions if any(col.get(r) is None for col in columns)]


def check_aggregate(
    aggregation: Aggregation,
    parent: float,
    direction: Literal["up", "down"],
    values: Mapping[str, float | None],
    weights: Mapping[str, float | None] | None = None,
    *,
    base_intensity: Mapping[str, float | None] | None = None,
    target_weights: Mapping[str, float | None] | None = None,
) -> AggregateCheck:
    """Aggregate the children's `values` and compare with the parent's.

    - `sum`: values are totals; no weights.
    - `gdp_weighted` / `energy_weighted`: values are intensities / shares; `weights` are GDP / energy.
    - `intensity_reduction`: values are reductions in % of the base year; with only `weights` (base-year
      energy or CO2 of each child) the energy-weighted mean; with `base_intensity` and `weights` as
      base-year GDP (and optionally `target_weights`, target-year GDP) the exact formula.
      The parent is a reduction in % too, and `direction` is "up" (a larger reduction is better).
    """
    regions = list(values)
    check = AggregateCheck(aggregation, parent, direction)
    if aggregation == "sum":
        check.missing = _missing(regions, values)
        if not check.missing:
            check.aggregate = sum(float(v) for v in values.values())  # type: ignore[arg-type]
        return check
    if weights is None:
        raise AllocationError(f"{aggregation}: weights are needed")
    if aggregation in ("gdp_weighted", "energy_weighted"):
        check.missing = _missing(regions, values, weights)
        if not check.missing:
            total = sum(float(weights[r]) for r in regions)  # type: ignore[arg-type]
            if total <= 0:
                raise AllocationError("the weights sum to 0")
            check.aggregate = sum(float(weights[r]) * float(values[r]) for r in regions) / total  # type: ignore[arg-type]
        return check
    if aggregation != "intensity_reduction":
        raise AllocationError(f"aggregation {aggregation!r}: expected one of {', '.join(AGGREGATIONS)}")
    columns = [values, weights] + ([base_intensity] if base_intensity is not None else [])
    if target_weights is not None:
        columns.append(target_weights)
    check.missing = _missing(regions, *columns)
    if check.missing:
        return check
    r = {k: float(values[k]) / 100.0 for k in regions}  # type: ignore[arg-type]
    w = {k: float(weights[k]) for k in regions}  # type: ignore[arg-type]
    if base_intensity is None:  # weights are base-year energy: the energy-weighted mean of the reductions
        total = sum(w.values())
        if total <= 0:
            raise AllocationError("the weights sum to 0")
        check.aggregate = 100.0 * sum(w[k] * r[k] for k in regions) / total
        return check
    i0 = {k: float(base_intensity[k]) for k in regions}  # type: ignore[arg-type]
    gt = {k: float(target_weights[k]) for k in regions} if target_weights is not None else w  # type: ignore[index,arg-type]
    base = sum(w[k] * i0[k] for k in regions) / sum(w.values())
    target = sum(gt[k] * i0[k] * (1 - r[k]) for k in regions) / sum(gt.values())
    check.aggregate = 100.0 * (1 - target / base)
    return check


@dataclass
class StatedAgainstAllocated:
    """What a child's own plan says, beside what the allocation gives it."""

    region: str
    allocated: float | None
    stated: float | None  # the child plan's own number, in the same unit; None when it sets none
    status: Literal["within", "short", "not stated", "not allocated"]

    def to_dict(self) -> dict[str, Any]:
        return {"region": self.region, "allocated": self.allocated, "stated": self.stated, "status": self.status}


def stated_against_allocated(
    allocated: Mapping[str, float | None], stated: Mapping[str, float | None], direction: Literal["up", "down"]
) -> list[StatedAgainstAllocated]:
    """Per child: `within` when its own target is at least as ambitious as its allocation (≤ an allocated
    cap for a falling indicator, ≥ for a rising one), `short` otherwise."""
    out = []
    for region, share in allocated.items():
        own = stated.get(region)
        if share is None:
            status = "not allocated"
        elif own is None:
            status = "not stated"
        elif (own <= share) if direction == "down" else (own >= share):
            status = "within"
        else:
            status = "short"
        out.append(StatedAgainstAllocated(region, share, own, status))  # type: ignore[arg-type]
    return out
