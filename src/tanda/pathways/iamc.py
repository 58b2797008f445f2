"""Export of a run in the IAMC long format (model, scenario, region, variable, unit, year, value).

That is the exchange format of integrated-assessment models, read by pyam
(`pyam.IamDataFrame("file.csv")`) without tanda or pyam depending on each other. Variables follow
the IAMC template where one exists (Emissions|CO2, Primary Energy|Coal …), with EJ/yr for energy
and Mt CO2/yr for emissions; sector variables sum to their parent.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from tanda.pathways.quantities import convert
from tanda.pathways.reference import FUEL_GROUPS
from tanda.pathways.results import RunResult

COLUMNS = ("model", "scenario", "region", "variable", "unit", "year", "value")
MODEL_NAME = "tanda"
GROUP_VARIABLES = {"coal": "Coal", "oil": "Oil", "gas": "Gas"}


def rows(result: RunResult, region: str | None = None, model_name: str = MODEL_NAME) -> Iterator[dict[str, object]]:
    p, m = result.projection, result.model
    region = region or result.scenario.region or result.scenario.base.province or "unknown"
    ej = convert(1.0, "tce", "EJ")
    series: list[tuple[str, str, np.ndarray]] = [
        ("Emissions|CO2", "Mt CO2/yr", p.total_co2[0] / 1e6),
        ("Emissions|CO2|Energy", "Mt CO2/yr", p.energy_co2[0] / 1e6),
        ("Emissions|CO2|Industrial Processes", "Mt CO2/yr", p.process_co2[0] / 1e6),
        ("Emissions|CO2|Imported Electricity", "Mt CO2/yr", p.import_co2[0] / 1e6),
        ("Carbon Sequestration", "Mt CO2/yr", p.sinks[0] / 1e6),
        ("Primary Energy", "EJ/yr", p.total_energy[0] * ej),
        ("Primary Energy|Non-Fossil", "EJ/yr", p.non_fossil_energy[0] * ej),
        ("Population", "million", p.population[0] / 1e6),
        ("GDP|MER", "billion CNY/yr", p.gdp[0] / 1e9),
    ]
    groups = p.group_energy(0)
    for g, name in enumerate(FUEL_GROUPS):
        series.append((f"Primary Energy|{GROUP_VARIABLES[name]}", "EJ/yr", groups[:, g] * ej))
    by_sector = p.sector_co2[0]
    for s, sector in enumerate(m.sectors):
        series.append((f"Emissions|CO2|Energy|{sector}", "Mt CO2/yr", by_sector[:, s] / 1e6))
    for variable, unit, values in series:
        for year, value in zip(m.years.tolist(), values.tolist(), strict=True):
            yield {
                "model": model_name,
                "scenario": result.scenario.name,
                "region": region,
                "variable": variable,
                "unit": unit,
                "year": year,
                "value": value,
            }


def write_csv(results: list[RunResult], path: Path, region: str | None = None) -> int:
    """Write one or more runs to `path`; returns the number of data rows."""
    n = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for result in results:
            for row in rows(result, region):
                writer.writerow(row)
                n += 1
    return n
