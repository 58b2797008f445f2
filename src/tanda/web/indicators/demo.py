"""The indicators demo: the seed plans' targets linked, Jilin's history from CEADs, a few invented values.

- every stored target is linked to the catalogue (`ensure_links`);
- Jilin (220000), 1997–2019, from the packaged reference data `tanda/data/ceads/` (see its
  PROVENANCE.md; read, never retyped): energy-related CO2 (CEADs, in 百万吨 = Mt, converted to the
  catalogue's 万吨 by the unit registry), GDP at 2005 prices and population, and total energy
  consumption. CO2 intensity, energy intensity and per-capita CO2 are derived from these by the
  catalogue's formulas, not stored;
- the invented values of `demo_data/demo_observations.csv` for 2020–2024 (source `demo`, marked
  on every page), so that the 2025/2030 targets get grades and the map has colours;
- Jilin's targets graded as of this year, forecasts included (`GradeCache`), so that the first
  visit of its dashboard reads stored assessments instead of fitting a score of forecasts.

Everything goes through the same checks as an import (`store.store_observations`); a second run
finds every value stored already and changes nothing.
"""

from __future__ import annotations

import csv
import io
from importlib import resources

from django.db import transaction

from tanda.web.indicators.links import ensure_links, summarise
from tanda.web.indicators.services import target_grades
from tanda.web.indicators.store import store_observations
from tanda.web.plans.models import Target

JILIN = "220000"
CEADS_SOURCE = "CEADs provincial inventory (Shan et al. 2018), via tanda/data/ceads"
GDP_SOURCE = "gcam-china GDP_raw.csv, 2005 prices by the national deflator, via tanda/data/ceads"
POP_SOURCE = "China Statistical Yearbook via gcam-china, via tanda/data/ceads"
ENERGY_SOURCE = "yaoyaoustc/carbondata carbonemission-china.csv, via tanda/data/ceads"
DEMO_SOURCE = "demo"

# (file, column, indicator, unit the column is in, source)
CEADS_COLUMNS = [
    ("jilin_ceads_gdp_pop_1997_2019.csv", "ceads_energy_Mt", "co2_emissions", "百万吨", CEADS_SOURCE),
    (
        "jilin_ceads_gdp_pop_1997_2019.csv",
        "gdp_const2005_1e8yuan_natdeflator",
        "gdp_constant_prices",
        "亿元",
        GDP_SOURCE,
    ),
    ("jilin_ceads_gdp_pop_1997_2019.csv", "population_1e4", "population", "万人", POP_SOURCE),
    (
        "jilin_indicators_1998_2019.csv",
        "total_energy_consumption_1e4tce",
        "total_energy_consumption",
        "万吨标准煤",
        ENERGY_SOURCE,
    ),
]


def _csv(package: str, name: str) -> list[dict[str, str]]:
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def jilin_history_rows() -> list[dict[str, str]]:
    """Observation rows of Jilin's packaged history (years with a value in the column only)."""
    rows = []
    for name, column, indicator, unit, source in CEADS_COLUMNS:
        for record in _csv("tanda.data.ceads", name):
            if record.get(column, "").strip():
                rows.append(
                    {
                        "indicator": indicator,
                        "region": JILIN,
                        "period": record["year"],
                        "value": record[column],
                        "unit": unit,
                        "source": source,
                        "status": "reported",
                    }
                )
    return rows


def demo_rows() -> list[dict[str, str]]:
    return _csv("tanda.web.indicators.demo_data", "demo_observations.csv")


@transaction.atomic
def load_demo() -> list[str]:
    links = ensure_links(Target.objects.select_related("plan"))
    counts = summarise(links.values())
    history = store_observations(jilin_history_rows(), user=None, trusted=True, reason="demo: CEADs history")
    invented = store_observations(
        demo_rows(), user=None, trusted=True, replace=True, first_row=2, reason="demo: invented values"
    )
    # All of Jilin's plans, published or not: the cache is per target, whoever reads it later.
    graded = [g for g in target_grades(JILIN) if g.grade]
    forecasts = sum(1 for g in graded if g.forecast)
    return [
        f"indicators: {counts.linked} of {counts.targets} targets linked to the catalogue, {counts.review} to review",
        f"indicators: Jilin history 1997–2019 from CEADs: {history['new']} values stored, "
        f"{history['same']} already there",
        f"indicators: {invented['new'] + invented['change']} invented demo values (source 'demo') stored, "
        f"{invented['same']} already there",
        f"indicators: {len(graded)} of Jilin's targets graded, {forecasts} forecasts stored; "
        f"dashboard at /indicators/{JILIN}/",
    ]
