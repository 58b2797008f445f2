"""GDP at constant prices and population of a region, as the indicators app holds them.

An intensity is CO2 (or energy) over GDP at constant prices; the inventory app does not keep its own
GDP but reads the observations of `gdp_constant_prices` (亿元) and `population` (万人) that the
indicators app stores. Their price base is not a field of an observation; it is read from the
observation's source text ("2005年价格", "2005 prices"). Intensities are only derived when every
GDP figure of the region states the same base (or none states any).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tanda.inventory import EconomicData
from tanda.web.indicators.models import Observation

GDP = "gdp_constant_prices"
POPULATION = "population"
UNKNOWN_BASE = 0
_BASE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*(?:价格|可比价|不变价|constant prices|prices)", re.IGNORECASE)


@dataclass
class Economy:
    data: dict[int, EconomicData] = field(default_factory=dict)
    base_year: int = UNKNOWN_BASE
    problem: str = ""  # why intensities cannot be derived, if they cannot
    sources: dict[str, str] = field(default_factory=dict)  # GDP / population → source texts, for the page


def price_base(source: str) -> int:
    match = _BASE.search(source or "")
    return int(match.group(1)) if match else UNKNOWN_BASE


def economy_of(region_code: str) -> Economy:
    """The region's annual GDP (constant prices) and population from the indicators store."""
    rows = Observation.objects.filter(
        region_id=region_code, indicator__in=[GDP, POPULATION], frequency=Observation.Frequency.YEAR
    ).values_list("indicator", "year", "value", "unit", "source")
    gdp: dict[int, tuple[float, str]] = {}
    population: dict[int, float] = {}
    sources: dict[str, set[str]] = {GDP: set(), POPULATION: set()}
    for indicator, year, value, unit, source in rows:
        sources[indicator].add(source or "")
        if indicator == GDP:
            gdp[year] = (value, unit)
        else:
            population[year] = value
    economy = Economy(sources={k: "; ".join(sorted(v)) for k, v in sources.items() if v})
    bases = {price_base(s) for s in sources[GDP]}
    if len(bases) > 1:
        economy.problem = f"GDP observations of {region_code} state different price bases: {sorted(bases)}"
        return economy
    economy.base_year = bases.pop() if bases else UNKNOWN_BASE
    for year, (value, unit) in gdp.items():
        pop = population.get(year)
        economy.data[year] = EconomicData.from_units(
            year, value, unit or "亿元", economy.base_year, None if pop is None else pop, "万人"
        )
    return economy
