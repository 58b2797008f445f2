"""Measures and their wedges.

A measure changes drivers from its start year on. Its wedge is the path with it minus the path
without it. With several measures the wedges are taken in the listed order (each measure added on
top of the earlier ones), so the wedges add up exactly to all measures minus none; a measure's
wedge can depend on its place in the list where measures interact (two shifts of the same fuel).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tanda.pathways.drivers import compile_model
from tanda.pathways.engine import project
from tanda.pathways.scenario import Scenario


@dataclass(frozen=True)
class Wedge:
    id: str
    title: str | None
    start: int
    delta_tco2: np.ndarray  # (T,) path with the measure minus without it; negative is a reduction

    def to_dict(self) -> dict[str, object]:
        return {
            "measure": self.id,
            "title": self.title,
            "start": self.start,
            "delta_tco2": self.delta_tco2.round(1).tolist(),
        }


def without_measures_path(scenario: Scenario) -> np.ndarray:
    return project(compile_model(scenario, measures=[])).total_co2[0]


def wedges(scenario: Scenario) -> list[Wedge]:
    """One wedge per measure, in order; their sum is the path with all measures minus none."""
    previous = without_measures_path(scenario)
    out = []
    for k, measure in enumerate(scenario.measures, start=1):
        current = project(compile_model(scenario, measures=scenario.measures[:k])).total_co2[0]
        out.append(Wedge(measure.id, measure.title, measure.start, current - previous))
        previous = current
    return out
