"""Plan targets checked against projected paths, with the margin.

Intensities against a reference year before the base year chain the model's change since the base
year onto the historic change from the reference year to the base year. That keeps the check on
one basis even where the model's energy level (CEADs CO2 ÷ the factor set's t CO2/tce) differs from the
statistical total energy: only ratios of each source enter. CO2 intensity uses energy-related CO2
(combustion plus net imported electricity), the basis of China's intensity targets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tanda.pathways.drivers import Model
from tanda.pathways.engine import Projection
from tanda.pathways.peak import PathPeaks
from tanda.pathways.quantities import factor, fits
from tanda.pathways.scenario import FLOOR_INDICATORS, Target


@dataclass(frozen=True)
class TargetCheck:
    """One target against the path: `projected`, `met` and `margin` are (M,) arrays (margin > 0 is room)."""

    target: Target
    projected: np.ndarray
    met: np.ndarray
    margin: np.ndarray

    def to_dict(self, member: int = 0) -> dict[str, object]:
        t = self.target
        projected = float(self.projected[member])
        return {
            "indicator": t.indicator,
            "year": t.year,
            "value": t.value,
            "unit": t.unit or ("%" if t.indicator != "peak_year" else "year"),
            "reference_year": t.reference_year,
            "projected": None if np.isnan(projected) else round(projected, 6),
            "met": bool(self.met[member]),
            "margin": None if np.isnan(self.margin[member]) else round(float(self.margin[member]), 6),
            "label": t.label,
        }


def _intensity_change(model: Model, p: Projection, numerator: np.ndarray, field: str, target: Target) -> np.ndarray:
    t = model.year_index(target.year)  # type: ignore[arg-type]
    ref = target.reference_year
    assert ref is not None
    intensity = numerator / p.gdp
    if ref >= model.years[0]:
        ratio = intensity[:, t] / intensity[:, model.year_index(ref)]
    else:
        base, then = model.history[int(model.years[0])], model.history[ref]
        historic = (getattr(base, field) / base.gdp) / (getattr(then, field) / then.gdp)
        ratio = intensity[:, t] / intensity[:, 0] * historic
    return (ratio - 1.0) * 100.0


def check_targets(model: Model, projection: Projection, peaks: PathPeaks) -> list[TargetCheck]:
    """Every target of the model, for every member."""
    out = []
    for target in model.targets:
        t = model.year_index(target.year) if target.year is not None else 0
        ind = target.indicator
        if ind == "peak_year":
            projected = peaks.peak_year
            met = ~np.isnan(projected) & (projected <= target.value)
            out.append(TargetCheck(target, projected, met, target.value - projected))
            continue
        if ind == "non_fossil_share":
            projected = projection.non_fossil_share[:, t] * 100.0
        elif ind == "coal_share":
            projected = projection.coal_energy_at(t) / projection.total_energy[:, t] * 100.0
        elif ind == "co2_intensity_change":
            energy_related = projection.energy_co2 + projection.import_co2
            projected = _intensity_change(model, projection, energy_related, "co2", target)
        elif ind == "energy_intensity_change":
            projected = _intensity_change(model, projection, projection.total_energy, "energy", target)
        else:
            assert target.unit is not None
            if ind == "co2_total":
                internal, scale = projection.total_co2[:, t], factor(target.unit, "co2", "unit")
            elif ind == "energy_total":
                internal, scale = projection.total_energy[:, t], factor(target.unit, "energy", "unit")
            else:  # coal_consumption: tce, or tonnes of raw-coal equivalent
                if fits(target.unit, "energy"):
                    scale = factor(target.unit, "energy", "unit")
                else:
                    scale = factor(target.unit, "mass", "unit") * model.coal_tce_per_t
                internal = projection.coal_energy_at(t)
            projected = internal / scale
        margin = projected - target.value if ind in FLOOR_INDICATORS else target.value - projected
        # a target met exactly must not fail on the last bit of floating-point rounding
        out.append(TargetCheck(target, projected, margin >= -1e-9 * max(1.0, abs(target.value)), margin))
    return out
