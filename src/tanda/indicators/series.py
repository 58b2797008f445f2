"""Annual series of an indicator for one region: observed values first, derived ones where they are missing.

A derived indicator (energy intensity = total energy consumption / GDP at constant prices) is often
not reported itself: a statistics bureau reports the inputs. `annual_series` fills each year that
has no observed value of the indicator with the value its catalogue formula gives from the inputs
observed that year (recursively: an input may be derived too), and says which values were derived,
so that a page can mark them and a person can tell a reported intensity from a computed one.
An observed value always wins over a derived one for the same year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tanda.indicators.catalogue import Catalogue, load_catalogue

Observed = Mapping[str, Mapping[int, float]]  # indicator code → {year: value in the catalogue unit}


@dataclass
class Series:
    code: str
    values: dict[int, float] = field(default_factory=dict)
    derived: set[int] = field(default_factory=set)  # years whose value came from the formula

    def upto(self, year: int | None) -> dict[int, float]:
        """The values of years up to `year` (all when None), in year order."""
        return {y: v for y, v in sorted(self.values.items()) if year is None or y <= year}


def inputs_needed(code: str, catalogue: Catalogue | None = None) -> set[str]:
    """The indicator and every indicator its value may be derived from (transitively)."""
    catalogue = catalogue or load_catalogue()
    needed, frontier = {code}, [code]
    while frontier:
        ind = catalogue.get(frontier.pop())
        for name in ind.inputs() if ind else []:
            if name not in needed:
                needed.add(name)
                frontier.append(name)
    return needed


def annual_series(code: str, observed: Observed, catalogue: Catalogue | None = None) -> Series:
    """The series of `code`: observed years as given, other years derived where every input is known."""
    catalogue = catalogue or load_catalogue()
    return _series(code, observed, catalogue, ())


def _series(code: str, observed: Observed, catalogue: Catalogue, stack: tuple[str, ...]) -> Series:
    series = Series(code, dict(observed.get(code, {})))
    ind = catalogue.get(code)
    if ind is None or not ind.formula or code in stack:
        return series
    inputs = {name: _series(name, observed, catalogue, (*stack, code)) for name in ind.inputs()}
    common = set.intersection(*(set(s.values) for s in inputs.values())) if inputs else set()
    for year in sorted(common - set(series.values)):
        try:
            value = catalogue.derive(code, {name: s.values[year] for name, s in inputs.items()})
        except ZeroDivisionError:
            continue
        series.values[year] = value
        series.derived.add(year)
    series.values = dict(sorted(series.values.items()))
    return series
