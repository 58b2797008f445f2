"""The editor's sliders: a few levers that decide the peak, each a view onto the scenario document.

A slider shows the value in effect (read from the compiled model, so measures that take over a
driver are accounted for) and, when moved, writes that value into the scenario's *own* document,
where inheritance keeps it: a rate for the years up to 2030 into `drivers` and into every measure
that sets the same rate in those years (so the value is the one in effect), a share at an anchor
year into whichever of the drivers or the last measure governs that year. The YAML beside the
sliders is the document after the write, so what a slider did can be read and saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tanda.pathways import Model
from tanda.pathways import Scenario as DomainScenario
from tanda.pathways.scenario import ALL_SECTORS, RatePeriod, merge

PEAK_DECADE_END = 2030


@dataclass(frozen=True)
class Lever:
    key: str
    label: Promise
    unit: str
    minimum: float
    maximum: float
    step: float
    kind: Literal["rate", "anchor", "field"]
    driver: str  # a `drivers` attribute, or a top-level field for kind "field"
    year: int = PEAK_DECADE_END  # last year of a rate's window; the year of an anchor

    @property
    def decimals(self) -> int:
        text = f"{self.step:g}"
        return len(text.split(".")[1]) if "." in text else 0

    def snap(self, value: float) -> float:
        return round(round(value / self.step) * self.step, self.decimals)


LEVERS: tuple[Lever, ...] = (
    Lever("gdp_growth", _("GDP 年均增速"), "%/a", -3.0, 12.0, 0.1, "rate", "gdp_growth"),
    Lever("population_growth", _("常住人口年均增速"), "%/a", -2.0, 2.0, 0.1, "rate", "population_growth"),
    Lever(
        "energy_intensity",
        _("单位产出能耗年变化（未单独设定的部门）"),
        "%/a",
        -10.0,
        5.0,
        0.1,
        "rate",
        "energy_intensity",
    ),
    Lever("non_fossil_2030", _("非化石能源消费比重"), "%", 0.0, 95.0, 0.5, "anchor", "non_fossil_share", 2030),
    Lever("non_fossil_2060", _("非化石能源消费比重"), "%", 0.0, 99.0, 1.0, "anchor", "non_fossil_share", 2060),
    Lever("peak_tolerance", _("达峰平台容差"), "%", 0.0, 5.0, 0.1, "field", "peak_tolerance_pct"),
)
BY_KEY = {lever.key: lever for lever in LEVERS}


@dataclass(frozen=True)
class LeverState:
    lever: Lever
    value: float | None  # None: the lever does not apply to this scenario
    window: str  # "2020–2030", "2030", ""
    spread: tuple[float, float] | None = None  # the rate varies within the window: its range


def _window(lever: Lever, scenario: DomainScenario) -> tuple[int, int] | None:
    first, end = scenario.base.year + 1, scenario.end_year
    if lever.kind == "rate":
        last = min(lever.year, end)
        return (first, last) if last >= first else None
    if lever.kind == "anchor":
        return (lever.year, lever.year) if first <= lever.year <= end else None
    return (0, 0)


def _default_sector(scenario: DomainScenario) -> str | None:
    """A sector whose intensity only ever follows the `*` default: it shows the default's rate in effect."""
    named = set(scenario.drivers.energy_intensity)
    for measure in scenario.measures:
        named |= set(measure.drivers.energy_intensity)
    return next((s for s in scenario.base.sector_names() if s not in named), None)


def read(lever: Lever, scenario: DomainScenario, model: Model) -> LeverState:
    """The lever's value in effect in this scenario."""
    window = _window(lever, scenario)
    if window is None:
        return LeverState(lever, None, "")
    if lever.kind == "field":
        return LeverState(lever, lever.snap(float(getattr(scenario, lever.driver))), "")
    first, last = window
    index = slice(model.year_index(first), model.year_index(last) + 1)
    if lever.kind == "anchor":
        return LeverState(lever, lever.snap(float(model.non_fossil[index][0]) * 100.0), str(first))
    if lever.driver == "energy_intensity":
        sector = _default_sector(scenario)
        if sector is None:
            return LeverState(lever, None, f"{first}–{last}")
        values = model.intensity_change[index, model.sectors.index(sector)] * 100.0
    else:
        values = getattr(model, lever.driver)[index] * 100.0
    low, high = float(values.min()), float(values.max())
    spread = (lever.snap(low), lever.snap(high)) if high - low > lever.step / 2 else None
    return LeverState(lever, lever.snap(float(values.mean())), f"{first}–{last}", spread)


def read_all(scenario: DomainScenario, model: Model) -> list[LeverState]:
    return [read(lever, scenario, model) for lever in LEVERS]


def _yearly(periods: Sequence[RatePeriod], first: int, end: int) -> dict[int, float | None]:
    """% per year from `first` to `end` as the engine reads periods: the last rate continues after its period."""
    ordered = sorted(periods, key=lambda p: p.start)
    out: dict[int, float | None] = {}
    for year in range(first, end + 1):
        pct = next((p.pct for p in ordered if p.start <= year <= p.end), None)
        if pct is None and ordered and year > ordered[-1].end:
            pct = ordered[-1].pct
        out[year] = pct
    return out


def _periods(yearly: dict[int, float | None]) -> list[dict[str, Any]]:
    """Runs of equal rates back to `{from, to, pct}` periods; years without a rate stay gaps."""
    out: list[dict[str, Any]] = []
    for year, pct in yearly.items():
        if pct is None:
            continue
        if out and out[-1]["to"] == year - 1 and out[-1]["pct"] == pct:
            out[-1]["to"] = year
        else:
            out.append({"from": year, "to": year, "pct": pct})
    return out


def _with_window(
    periods: Sequence[RatePeriod], lo: int, hi: int, value: float, first: int, end: int, *, only_defined: bool
) -> list[dict[str, Any]]:
    yearly = _yearly(periods, first, end)
    for year in range(lo, hi + 1):
        if not only_defined or yearly[year] is not None:
            yearly[year] = value
    return _periods(yearly)


def _rate_patch(lever: Lever, drivers_periods: list[dict[str, Any]]) -> dict[str, Any]:
    if lever.driver == "energy_intensity":
        return {lever.driver: {ALL_SECTORS: drivers_periods}}
    return {lever.driver: drivers_periods}


def _rate_of(lever: Lever, drivers: Any) -> list[RatePeriod]:
    if lever.driver == "energy_intensity":
        return list(drivers.energy_intensity.get(ALL_SECTORS, []))
    return list(getattr(drivers, lever.driver))


def apply(lever: Lever, value: float, own: dict[str, Any], scenario: DomainScenario) -> dict[str, Any]:
    """`own` (the scenario's own document) with the lever set to `value`; `scenario` is the resolved one."""
    value = lever.snap(value)
    window = _window(lever, scenario)
    if window is None:
        return own
    if lever.kind == "field":
        return {**own, lever.driver: value}
    first_year, end = scenario.base.year + 1, scenario.end_year
    lo, hi = window
    if lever.kind == "anchor":
        owner = None
        for measure in scenario.measures:
            if measure.drivers.non_fossil_share and measure.start < lo:
                owner = measure
        anchor = {lever.driver: {str(lo): value}}
        if owner is None:
            return merge(own, {"drivers": anchor})
        return merge(own, {"measures": [{"id": owner.id, "drivers": anchor}]})
    periods = _with_window(_rate_of(lever, scenario.drivers), lo, hi, value, first_year, end, only_defined=False)
    patched = merge(own, {"drivers": _rate_patch(lever, periods)})
    for measure in scenario.measures:
        current = _rate_of(lever, measure.drivers)
        start = max(lo, measure.start)
        if not current or start > hi:
            continue
        mine = _with_window(current, start, hi, value, first_year, end, only_defined=True)
        if mine != _periods(_yearly(current, first_year, end)):
            patched = merge(patched, {"measures": [{"id": measure.id, "drivers": _rate_patch(lever, mine)}]})
    return patched
