"""Two-high projects (两高项目): their class against the benchmark levels, their weight in a region's
energy and carbon budget, and their unit energy consumption measured from the unit's submissions.

A project is screened on its design unit energy consumption while planned or under construction,
and on what its unit's monthly submissions and reported output show once it operates (dynamic
monitoring). Its effect on the budget is its annual energy use (and CO2) as a share of what is
left under the region's cap for the year: cap − use already counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from tanda.enterprises.benchmarks import Benchmark, Screening, benchmark, screen
from tanda.units import UnitError, conversion_factor

__all__ = ["BudgetShare", "budget_share", "measured_unit_consumption", "screen_project"]

STATUSES = ("planned", "under_construction", "operating")


@dataclass(frozen=True)
class BudgetShare:
    cap: float
    used: float
    remaining: float
    project: float
    share: float | None  # project / remaining; None when nothing remains
    exceeds: bool  # the project alone needs more than what remains


def budget_share(project: float, cap: float, used: float) -> BudgetShare:
    """The project's annual use as a share of the allowance left under a cap (same unit for all three)."""
    remaining = cap - used
    share = project / remaining if remaining > 0 else None
    return BudgetShare(cap, used, remaining, project, share, remaining <= 0 or project > remaining)


def measured_unit_consumption(
    product: str | Benchmark,
    *,
    tce: float,
    electricity_kwh: float,
    output: float,
    output_unit: str,
) -> tuple[float | None, str | None]:
    """The unit energy consumption in the product's indicator unit, from a period's energy and output.

    kgce-based indicators use total energy (tce, equivalent value); kWh-based ones (electrolytic
    aluminium) use net electricity. Indicators in oil equivalent per energy factor cannot be made
    from monthly energy totals: (None, reason). `product`: a packaged product's id, or any level
    (one an office entered from the document it holds).
    """
    ref = product if isinstance(product, Benchmark) else benchmark(product)
    numerator, _, denominator = ref.unit.partition("/")
    if numerator not in ("kgce", "kWh"):
        return None, f"{ref.indicator_zh} ({ref.unit}) cannot be measured from monthly energy submissions"
    if output <= 0:
        return None, "no output reported for the period"
    try:
        per = conversion_factor(output_unit, denominator) if output_unit != denominator else 1.0
    except UnitError:
        return None, f"output is reported in {output_unit}; the indicator needs {denominator}"
    amount = output * per
    if numerator == "kgce":
        return tce * 1000.0 / amount, None
    return electricity_kwh / amount, None


def screen_project(product: str, value: float | None) -> Screening | None:
    return None if value is None else screen(product, value)
