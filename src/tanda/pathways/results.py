"""One deterministic run of a scenario and the JSON document the CLI and the web app show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from tanda.pathways import sharecode
from tanda.pathways.drivers import Model, compile_model
from tanda.pathways.engine import Projection, project
from tanda.pathways.measures import Wedge, wedges
from tanda.pathways.peak import PathPeaks, path_peaks
from tanda.pathways.scenario import Scenario
from tanda.pathways.targets import TargetCheck, check_targets


@dataclass(frozen=True)
class RunResult:
    scenario: Scenario
    model: Model
    projection: Projection
    peaks: PathPeaks
    targets: list[TargetCheck]
    wedges: list[Wedge]

    def to_dict(self) -> dict[str, Any]:
        p, m = self.projection, self.model

        def path(values: np.ndarray, digits: int = 1) -> list[float]:
            return np.round(values[0], digits).tolist()

        peak_year = self.peaks.peak_year[0]
        history_max = None
        totals = {y: h.co2_total for y, h in m.history.items() if h.co2_total is not None and y < m.years[0]}
        if totals:
            year = max(totals, key=lambda y: totals[y])
            history_max = {"year": year, "tco2": round(totals[year], 1)}
        return {
            "scenario": self.scenario.name,
            "title": self.scenario.title,
            "parent": self.scenario.parent,
            "code": sharecode.encode(self.scenario),
            "digest": sharecode.digest(self.scenario),
            "base_year": int(m.years[0]),
            "factor_set": {"name": m.factor_set[0], "digest": m.factor_set[1]},
            "peak_year": None if np.isnan(peak_year) else int(peak_year),
            "peak_tco2": None if np.isnan(peak_year) else round(float(self.peaks.peak_value[0]), 1),
            "max_year": int(self.peaks.max_year[0]),
            "max_tco2": round(float(self.peaks.peak_value[0]), 1),
            "plateau_end": int(self.peaks.plateau_end[0]),
            "peak_tolerance_pct": self.scenario.peak_tolerance_pct,
            "history_max": history_max,
            "years": m.years.tolist(),
            "total_tco2": path(p.total_co2),
            "net_tco2": path(p.net_co2),
            "energy_tco2": path(p.energy_co2),
            "process_tco2": path(p.process_co2),
            "import_tco2": path(p.import_co2),
            "sinks_tco2": path(p.sinks),
            "energy_tce": path(p.total_energy),
            "coal_tce": np.round(p.group_energy(0)[:, 0], 1).tolist(),
            "non_fossil_share_pct": path(p.non_fossil_share * 100.0, 3),
            "gdp_yuan": path(p.gdp, 0),
            "population": path(p.population, 0),
            "sectors": dict(zip(m.sectors, np.round(p.sector_co2[0].T, 1).tolist(), strict=True)),
            "targets": [t.to_dict() for t in self.targets],
            "wedges": [w.to_dict() for w in self.wedges],
        }


def run(scenario: Scenario) -> RunResult:
    """Project the scenario with all its measures, find its peak, check its targets, take its wedges."""
    model = compile_model(scenario)
    projection = project(model)
    peaks = path_peaks(projection.total_co2, model.years, model.peak_tolerance)
    return RunResult(scenario, model, projection, peaks, check_targets(model, projection, peaks), wedges(scenario))
