"""Derived indicators of a region's inventories, as observations ready to be stored.

The plan targets are written in these terms: CO2 per unit of GDP at constant prices and its fall
since 2005 (national pledge) and 2020 (14th five-year plan), energy per unit of GDP, the
non-fossil and coal shares of energy, and per-capita CO2. Each `Observation` says how it was
derived — which inventory total, which energy convention, which price base — because an
intensity is meaningless without its denominator's definition.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tanda.inventory.compute import Inventory
from tanda.units import conversion_factor

__all__ = ["BASE_YEARS", "EconomicData", "Observation", "derive_indicators"]

BASE_YEARS = (2005, 2020)


@dataclass(frozen=True)
class EconomicData:
    """GDP at constant prices (yuan, prices of `price_base_year`) and resident population (persons)."""

    year: int
    gdp_constant_yuan: float
    price_base_year: int
    population: float | None = None

    @classmethod
    def from_units(
        cls,
        year: int,
        gdp: float,
        gdp_unit: str,
        price_base_year: int,
        population: float | None = None,
        population_unit: str = "人",
    ) -> EconomicData:
        """From the units a yearbook uses, e.g. GDP in 亿元 and population in 万人."""
        pop = None if population is None else population * conversion_factor(population_unit, "person")
        return cls(year, gdp * conversion_factor(gdp_unit, "yuan"), price_base_year, pop)


@dataclass(frozen=True)
class Observation:
    indicator: str  # code, e.g. co2_per_gdp
    region: str
    year: int
    value: float
    unit: str
    method: str
    inputs: dict[str, Any] = field(default_factory=dict)


def _per_10k_yuan(value: float, gdp_yuan: float) -> float:
    return value / (gdp_yuan / conversion_factor("万元", "yuan"))


def derive_indicators(
    inventories: Iterable[Inventory],
    economy: Mapping[int, EconomicData],
    *,
    convention: str = "coal_substitution",
    base_years: tuple[int, ...] = BASE_YEARS,
    co2_scope: str = "scope1",
) -> list[Observation]:
    """Indicators for every inventory year with economic data; changes against `base_years` when present.

    `co2_scope` says which CO2 the CO2 indicators count: "scope1" (combustion + process, CEADs'
    Scope 1 Total) or "energy" (combustion only: energy-related CO2, what China's CO2-intensity
    targets and the indicators catalogue's `co2_emissions` are written in).

    Energy indicators use `convention` for primary electricity and fall back to the equivalent
    value when the year has no coal-substitution rate (the observation's method says which).
    Inventories entered as emissions carry no energy, so they yield CO2 indicators only.
    """
    if co2_scope not in ("scope1", "energy"):
        raise ValueError("co2_scope must be 'scope1' or 'energy'")
    by_year: dict[int, Inventory] = {}
    for inv in inventories:
        if inv.year in by_year and by_year[inv.year].region != inv.region:
            raise ValueError("derive_indicators takes the inventories of one region")
        by_year[inv.year] = inv
    out: list[Observation] = []
    intensity: dict[int, float] = {}
    energy_intensity: dict[int, float] = {}
    for year in sorted(by_year):
        inv = by_year[year]
        co2_t = (inv.combustion_kg if co2_scope == "energy" else inv.total_kg) / 1000
        fs = inv.factor_set
        what = "energy-related CO2 (combustion)" if co2_scope == "energy" else "scope-1 CO2 (combustion + process)"
        method = f"{what}, factor set {fs.get('name')} {fs.get('digest', '')}".strip()
        out.append(Observation("co2_total", inv.region, year, co2_t, "t", method))
        eco = economy.get(year)
        if eco is None:
            continue
        if eco.price_base_year != next(iter(economy.values())).price_base_year:
            raise ValueError("all GDP figures must be at the prices of one base year")
        intensity[year] = _per_10k_yuan(co2_t, eco.gdp_constant_yuan)
        gdp_note = f"GDP at {eco.price_base_year} prices"
        out.append(Observation("co2_per_gdp", inv.region, year, intensity[year], "t/万元", f"{method}; {gdp_note}"))
        if eco.population:
            out.append(Observation("co2_per_capita", inv.region, year, co2_t / eco.population, "t/人", method))
        used = convention
        energy = inv.energy.total(convention)
        if energy is None:
            used, energy = "equivalent_value", inv.energy.total("equivalent_value")
        if energy:
            energy_method = f"energy in tce, primary electricity by {used}"
            energy_intensity[year] = _per_10k_yuan(energy, eco.gdp_constant_yuan)
            out.append(
                Observation(
                    "energy_per_gdp",
                    inv.region,
                    year,
                    energy_intensity[year],
                    "tce/万元",
                    f"{energy_method}; {gdp_note}",
                )
            )
            for code, share in (
                ("non_fossil_share", inv.energy.non_fossil_share(used)),
                ("coal_share", inv.energy.coal_share(used)),
            ):
                if share is not None:
                    out.append(Observation(code, inv.region, year, 100 * share, "%", energy_method))
    for year in sorted(intensity):
        for base in base_years:
            if base in intensity and year > base:
                change = 100 * (intensity[year] / intensity[base] - 1)
                out.append(
                    Observation(
                        f"co2_per_gdp_change_vs_{base}",
                        by_year[year].region,
                        year,
                        change,
                        "%",
                        f"change of co2_per_gdp since {base}",
                        {"base": intensity[base], "value": intensity[year]},
                    )
                )
            if base in energy_intensity and year > base and year in energy_intensity:
                change = 100 * (energy_intensity[year] / energy_intensity[base] - 1)
                out.append(
                    Observation(
                        f"energy_per_gdp_change_vs_{base}",
                        by_year[year].region,
                        year,
                        change,
                        "%",
                        f"change of energy_per_gdp since {base}",
                        {"base": energy_intensity[base], "value": energy_intensity[year]},
                    )
                )
    return out
