"""A computed inventory against a published one, with the difference explained fuel by fuel.

Two inventories of the same region-year rarely agree; what matters is *why*. The comparison is
made in the published inventory's grouping (CEADs' 17 fuels + process). For each fuel it gives
the difference, its share of the total difference, and — where the computed side knows how much
was burned — the factor each side implies per physical unit, which tells a factor difference
(the same coal, a different CO2 per tonne) from an activity difference.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

from tanda.inventory.compute import Inventory
from tanda.inventory.fuels import all_fuels

__all__ = ["Comparison", "FuelDifference", "compare"]

_DISPLAY_UNIT = {"t": ("t", 1.0), "m3": ("万m3", 1e4), "kWh": ("kWh", 1.0), "GJ": ("GJ", 1.0)}


@dataclass(frozen=True)
class FuelDifference:
    fuel: str
    computed_t: float
    published_t: float
    difference_t: float
    difference_pct: float | None  # of the published value; None when it is zero
    share_of_difference: float | None  # of the total difference
    burned: float | None  # quantity burned in `unit`, when the group has one unit
    unit: str | None
    implied_factor: float | None  # published t CO2 per unit burned
    used_factor: float | None  # computed t CO2 per unit burned
    known_cause: str | None = None  # a documented data reason for this region-year-fuel, if there is one


@dataclass(frozen=True)
class Comparison:
    region: str
    year: int
    factor_set: str
    computed_t: float
    published_t: float
    difference_t: float
    difference_pct: float
    fuels: list[FuelDifference]

    def fuel(self, name: str) -> FuelDifference:
        return next(f for f in self.fuels if f.fuel == name)

    def outside(self, pct: float) -> list[str]:
        """Fuels whose difference exceeds `pct` per cent of the published value (or that it lacks)."""
        return [
            f.fuel
            for f in self.fuels
            if (f.difference_pct is None and f.computed_t != 0)
            or (f.difference_pct is not None and abs(f.difference_pct) > pct)
        ]

    def explain(self) -> list[str]:
        """One line per fuel, largest difference first."""
        lines = [
            f"{self.region} {self.year}, factor set {self.factor_set}: computed {self.computed_t / 1e6:.2f} Mt, "
            f"published {self.published_t / 1e6:.2f} Mt, difference {self.difference_t / 1e6:+.2f} Mt "
            f"({self.difference_pct:+.1f} %)"
        ]
        for f in sorted(self.fuels, key=lambda f: -abs(f.difference_t)):
            if f.difference_t == 0:
                continue
            pct = "n/a" if f.difference_pct is None else f"{f.difference_pct:+.1f} %"
            share = "" if f.share_of_difference is None else f", {f.share_of_difference:.0%} of the difference"
            line = f"  {f.fuel}: {f.difference_t / 1e6:+.3f} Mt ({pct}){share}"
            if f.implied_factor is not None and f.used_factor is not None:
                line += (
                    f"; published implies {f.implied_factor:.4g} t CO2/{f.unit}, "
                    f"{self.factor_set} uses {f.used_factor:.4g}"
                )
            if f.known_cause:
                line += f"; known cause: {f.known_cause}"
            lines.append(line)
        return lines

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@cache
def _known_causes() -> dict[tuple[str, int, str], str]:
    """(region, year, CEADs fuel) → documented reason why the balance and CEADs differ there.

    From `tanda/data/factors/ceads_known_differences.csv`: differences that no activity rule
    applied alike to every fuel removes (the tests check each stated number against the data).
    """
    text = resources.files("tanda.data.factors").joinpath("ceads_known_differences.csv").read_text(encoding="utf-8")
    return {(r["region"], int(r["year"]), r["fuel"]): r["cause"] for r in csv.DictReader(io.StringIO(text))}


def _burned_by_group(inv: Inventory) -> dict[str, tuple[float, str] | None]:
    """CEADs fuel → (quantity burned, display unit), None when the group mixes units (NG in m³ and LNG in t)."""
    fuels = all_fuels()
    groups: dict[str, list[tuple[float, str]]] = {}
    for f, q in inv.burned.items():
        if fuels[f].combustible and q:
            groups.setdefault(fuels[f].ceads or fuels[f].name_en, []).append((q, fuels[f].unit))
    out: dict[str, tuple[float, str] | None] = {}
    for name, items in groups.items():
        units = {u for _, u in items}
        if len(units) != 1:
            out[name] = None
            continue
        unit, scale = _DISPLAY_UNIT[units.pop()]
        out[name] = (sum(q for q, _ in items) / scale, unit)
    return out


def compare(computed: Inventory, published: Inventory) -> Comparison:
    """Compare in CEADs' fuel grouping; percentages are of the published values."""
    mine = computed.by_ceads_fuel_kg()
    theirs = published.by_ceads_fuel_kg()
    burned = _burned_by_group(computed)
    total_diff = computed.total_kg - published.total_kg
    rows = []
    for name in list(dict.fromkeys([*theirs, *mine])):
        c, p = mine.get(name, 0) / 1000, theirs.get(name, 0) / 1000
        diff = c - p
        activity = burned.get(name)
        rows.append(
            FuelDifference(
                fuel=name,
                computed_t=c,
                published_t=p,
                difference_t=diff,
                difference_pct=None if p == 0 else 100 * diff / p,
                share_of_difference=None if total_diff == 0 else diff / (total_diff / 1000),
                burned=activity[0] if activity else None,
                unit=activity[1] if activity else None,
                implied_factor=p / activity[0] if activity and activity[0] else None,
                used_factor=c / activity[0] if activity and activity[0] else None,
                known_cause=_known_causes().get((computed.region, computed.year, name)),
            )
        )
    published_t = published.total_kg / 1000
    return Comparison(
        region=computed.region,
        year=computed.year,
        factor_set=str(computed.factor_set.get("name", "")),
        computed_t=computed.total_kg / 1000,
        published_t=published_t,
        difference_t=total_diff / 1000,
        difference_pct=100 * total_diff / published.total_kg if published.total_kg else float("nan"),
        fuels=rows,
    )
