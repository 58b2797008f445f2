"""Submissions → monthly energy (tce, both electricity conventions) and CO2, per unit.

The coefficients are the inventory's, through a `FactorSet` (never copied here):

- standard coal per fuel from GB/T 2589 (`FactorSet.standard_coal`); heat at its equivalent value;
- electricity (bought, or generated on site from wind, sun, water) by both conventions:
  equivalent value (电热当量法, 0.1229 kgce/kWh) and coal substitution (发电煤耗法, the year's
  coal use per kWh of thermal power). When the set has no rate for a year, the latest earlier
  year's rate is used and a warning says so — the set then needs an override for that year;
- CO2: fuel burned × the set's combustion factor (scope 1); net electricity bought × the grid
  factor of the unit's regional grid for the year (scope 2; an earlier year's factor is used,
  with a warning, when the year is not published yet); net heat × a heat factor when the set has
  one (an override), else left out with a warning.

Quantities are net: rows with direction ``out`` count negative. All units and months are
computed at once with array operations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tanda.inventory.factors import FactorSet, load_factor_set
from tanda.inventory.fuels import all_fuels
from tanda.units import conversion_factor

__all__ = ["ELECTRIC", "MonthlyEnergy", "electricity_rates", "monthly_energy"]

ELECTRIC = ("electricity", "primary_electricity")  # fuel categories converted by a convention
CONVENTIONS = ("equivalent_value", "coal_substitution")


@dataclass
class MonthlyEnergy:
    """`frame`: one row per (unit, year, month) with tce by both conventions and CO2 in tonnes."""

    frame: pd.DataFrame
    warnings: list[str] = field(default_factory=list)

    def annual(self) -> pd.DataFrame:
        """One row per (unit, year): sums of the months, and how many months were reported."""
        if self.frame.empty:
            return self.frame.copy()
        numeric = [c for c in self.frame.columns if c not in ("unit", "year", "month")]
        out = self.frame.groupby(["unit", "year"], sort=True)[numeric].sum(min_count=1)
        out["months"] = self.frame.groupby(["unit", "year"], sort=True)["month"].nunique()
        return out.reset_index()


def electricity_rates(factors: FactorSet, year: int) -> tuple[float, float | None, str | None]:
    """(equivalent-value tce/kWh, coal-substitution tce/kWh, warning) for a year."""
    equivalent = float(factors.standard_coal["electricity"])
    rate = factors.coal_substitution_rate(year)
    if rate is not None:
        return equivalent, rate, None
    earlier = sorted(y for y in factors.coal_substitution if y < year)
    if earlier:
        used = earlier[-1]
        return (
            equivalent,
            factors.coal_substitution[used],
            f"no coal-substitution rate for {year} in factor set {factors.name}; the {used} rate "
            f"({factors.coal_substitution[used] * 1e6:.0f} gce/kWh) is used — give the year's rate as an override",
        )
    return equivalent, None, f"no coal-substitution rate for {year} or earlier; coal-substitution tce left empty"


def monthly_energy(
    submissions: pd.DataFrame,
    factors: FactorSet | None = None,
    *,
    grids: dict[int, str] | None = None,
) -> MonthlyEnergy:
    """Monthly tce and CO2 per unit from submissions.

    `submissions` has columns unit, year, month, fuel (inventory id), direction (in/out) and
    canonical (quantity in the fuel's canonical unit). `grids` maps unit → grid name for scope 2
    (default: the national average).
    """
    factors = factors or load_factor_set()
    columns = [
        "unit",
        "year",
        "month",
        "tce_equivalent",
        "tce_substitution",
        "co2_scope1_t",
        "co2_scope2_t",
        "co2_t",
        "electricity_kwh",
        "heat_gj",
    ]
    if submissions.empty:
        return MonthlyEnergy(pd.DataFrame({c: pd.Series(dtype=float) for c in columns}))
    catalogue = all_fuels()
    warnings: set[str] = set()
    frame = submissions[["unit", "year", "month", "fuel", "direction", "canonical"]].copy()
    sign = np.where(frame["direction"].to_numpy() == "out", -1.0, 1.0)
    net = frame["canonical"].to_numpy(dtype=np.float64) * sign

    fuel_codes, fuel_ids = pd.factorize(frame["fuel"])
    category = np.array([catalogue[f].category for f in fuel_ids], dtype=object)
    tce_unit = np.array([factors.standard_coal.get(f, np.nan) for f in fuel_ids], dtype=np.float64)
    for j, f in enumerate(fuel_ids):
        if category[j] == "other":
            tce_unit[j] = 1 / conversion_factor("tce", "GJ")
        elif np.isnan(tce_unit[j]) and category[j] not in ELECTRIC:
            warnings.add(f"{catalogue[f].name_zh} has no standard-coal coefficient; left out of tce")
    ef = np.array(
        [factors.combustion[f].ef if catalogue[f].combustible and f in factors.combustion else 0.0 for f in fuel_ids],
        dtype=np.float64,
    )
    for f in fuel_ids:
        if catalogue[f].combustible and f not in factors.combustion:
            warnings.add(f"factor set {factors.name} has no CO2 factor for {catalogue[f].name_zh}; left out of CO2")
    electric = np.isin(category, ELECTRIC)
    is_grid = category == "electricity"
    is_heat = category == "heat"

    years = frame["year"].to_numpy(dtype=np.int64)
    uniq_years = np.unique(years)
    substitution = {}
    for y in uniq_years:
        _, rate, warning = electricity_rates(factors, int(y))
        substitution[int(y)] = np.nan if rate is None else rate
        if warning:
            warnings.add(warning)
    sub_rate = pd.Series(substitution).reindex(years).to_numpy(dtype=np.float64)
    codes = fuel_codes
    base_tce = np.nan_to_num(tce_unit[codes]) * net
    row_electric = electric[codes]
    tce_eq = np.where(row_electric, net * float(factors.standard_coal["electricity"]), base_tce)
    tce_sub = np.where(row_electric, net * sub_rate, base_tce)
    scope1 = net * ef[codes]
    grid_kwh = np.where(is_grid[codes], net, 0.0)
    heat_gj = np.where(is_heat[codes], net, 0.0)

    work = pd.DataFrame(
        {
            "unit": frame["unit"].to_numpy(),
            "year": years,
            "month": frame["month"].to_numpy(dtype=np.int64),
            "tce_equivalent": tce_eq,
            "tce_substitution": tce_sub,
            "co2_scope1_t": scope1,
            "electricity_kwh": grid_kwh,
            "heat_gj": heat_gj,
        }
    )
    out = work.groupby(["unit", "year", "month"], sort=True).sum(min_count=1).reset_index()
    # scope 2: net grid electricity × the unit's grid factor for the year, net heat × the heat factor
    grid_names = grids or {}
    per_grid_year: dict[tuple[str, int], float] = {}

    def grid_factor(name: str, year: int) -> float:
        if (name, year) not in per_grid_year:
            try:
                t_per_kwh, _, warning = factors.grid_factor(name, year)
            except Exception:  # an unknown grid name: fall back to the national average
                t_per_kwh, _, warning = factors.grid_factor("national", year)
            if warning:
                warnings.add(warning)
            per_grid_year[(name, year)] = t_per_kwh
        return per_grid_year[(name, year)]

    pairs = out[["unit", "year"]].drop_duplicates()
    factor_of = {
        (unit, year): grid_factor(grid_names.get(unit, "national"), int(year))
        for unit, year in pairs.itertuples(index=False)
    }
    grid_t = pd.MultiIndex.from_frame(out[["unit", "year"]]).map(factor_of).to_numpy(dtype=np.float64)
    scope2 = out["electricity_kwh"].to_numpy() * grid_t
    if factors.heat_ef is not None:
        scope2 = scope2 + out["heat_gj"].to_numpy() * factors.heat_ef
    elif (out["heat_gj"] != 0).any():
        warnings.add("heat bought needs a heat CO2 factor (override 热力 ef); its scope-2 CO2 is left out")
    out["co2_scope2_t"] = scope2
    out["co2_t"] = out["co2_scope1_t"] + out["co2_scope2_t"]
    if np.isnan(sub_rate).any():
        missing_years = sorted({int(y) for y, r in substitution.items() if np.isnan(r)})
        mask = out["year"].isin(missing_years)
        has_electric = work.loc[row_electric].groupby(["unit", "year", "month"]).size()
        index = pd.MultiIndex.from_frame(out[["unit", "year", "month"]])
        out.loc[mask & index.isin(has_electric.index), "tce_substitution"] = np.nan
    return MonthlyEnergy(out[columns], sorted(warnings))
