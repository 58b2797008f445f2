"""Roll-ups of units' annual energy and CO2 to regions and industries, and the check against a balance.

A unit counts in its own region and in every region above it (a county's unit counts in its city
and its province), so each region's figure is the sum of the units within it. Industries roll up
to the GB/T 4754 division and section.

The registered units are a part of a region's economy, so their sum can never exceed what the
region's energy balance says was used in total: `check_against_balance` compares, per region,
year and fuel, the units' net use with the balance's final use plus transformation input, and
reports where the units claim more than the region used (a unit, fuel or region code is wrong
somewhere). Shares below 100 % are what a balance should show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from tanda.enterprises.industries import resolve_industry
from tanda.inventory.activity import Activity
from tanda.inventory.fuels import fuel
from tanda.regions import ancestors, division, divisions

__all__ = ["BalanceCheck", "check_against_balance", "rollup_industries", "rollup_regions"]

MEASURES = ("tce_equivalent", "tce_substitution", "co2_t")


def _with_keys(annual: pd.DataFrame, units: Mapping[object, tuple[str, str]]) -> pd.DataFrame:
    frame = annual.copy()
    frame["region"] = frame["unit"].map(lambda u: units[u][0])
    frame["industry"] = frame["unit"].map(lambda u: units[u][1])
    return frame


def rollup_regions(annual: pd.DataFrame, units: Mapping[object, tuple[str, str]]) -> pd.DataFrame:
    """Per region (every level) and year: units, key units, and the sums of MEASURES.

    `annual`: one row per unit-year (see `MonthlyEnergy.annual`); `units`: unit → (region code,
    industry code).
    """
    from tanda.enterprises.reference import settings

    line = float(settings()["key_unit_tce"])
    frame = _with_keys(annual, units)
    parts = []
    for code in frame["region"].unique():
        chain = [code, *(d.code for d in ancestors(code))]
        rows = frame[frame["region"] == code]
        for level_code in chain:
            parts.append(rows.assign(rollup_region=level_code))
    if not parts:
        return pd.DataFrame(columns=["region", "name", "level", "year", "units", "key_units", *MEASURES])
    stacked = pd.concat(parts, ignore_index=True)
    stacked["key"] = stacked["tce_equivalent"] >= line
    grouped = stacked.groupby(["rollup_region", "year"], sort=True)
    out = grouped[list(MEASURES)].sum(min_count=1)
    out["units"] = grouped["unit"].nunique()
    out["key_units"] = grouped["key"].sum()
    out = out.reset_index().rename(columns={"rollup_region": "region"})
    names = {d.code: (d.name, d.level) for d in divisions()}
    out["name"] = out["region"].map(lambda c: names[c][0])
    out["level"] = out["region"].map(lambda c: names[c][1])
    return out[["region", "name", "level", "year", "units", "key_units", *MEASURES]]


def rollup_industries(
    annual: pd.DataFrame, units: Mapping[object, tuple[str, str]], *, region: str | None = None
) -> pd.DataFrame:
    """Per GB/T 4754 division and year (optionally within one region and those below it)."""
    frame = _with_keys(annual, units)
    if region:
        inside = {region, *(d.code for d in divisions() if region in {a.code for a in ancestors(d.code)})}
        frame = frame[frame["region"].isin(inside)]
    if frame.empty:
        return pd.DataFrame(columns=["division", "division_name", "section", "year", "units", *MEASURES])
    info = {code: resolve_industry(code) for code in frame["industry"].unique()}
    frame["division"] = frame["industry"].map(lambda c: info[c].division)
    grouped = frame.groupby(["division", "year"], sort=True)
    out = grouped[list(MEASURES)].sum(min_count=1)
    out["units"] = grouped["unit"].nunique()
    out = out.reset_index()
    first = {i.division: i for i in info.values()}
    out["division_name"] = out["division"].map(lambda d: first[d].division_name)
    out["section"] = out["division"].map(lambda d: first[d].section)
    return out[["division", "division_name", "section", "year", "units", *MEASURES]]


@dataclass(frozen=True)
class BalanceCheck:
    region: str
    year: int
    fuel: str
    units_quantity: float  # canonical unit of the fuel
    balance_quantity: float
    share: float | None  # units / balance
    consistent: bool

    @property
    def message(self) -> str:
        name = fuel(self.fuel).name_zh
        if self.consistent:
            return f"{self.region} {self.year} {name}: units use {self.share:.0%} of the region's total"
        return (
            f"{self.region} {self.year} {name}: registered units report {self.units_quantity:,.0f} "
            f"{fuel(self.fuel).unit}, more than the region's balance ({self.balance_quantity:,.0f})"
        )


_USE_FLOWS = ("combustion", "non_energy", "transformation", "loss", "consumption")


def _region_code(text: str) -> str | None:
    value = str(text).strip()
    try:
        return division(value).code
    except KeyError:
        pass
    for d in divisions():
        if d.name == value or (d.level == "province" and d.name.startswith(value)):
            return d.code
    return None


def check_against_balance(
    unit_fuel_totals: pd.DataFrame, balance: Activity, *, tolerance: float = 1e-6
) -> list[BalanceCheck]:
    """Compare units' net use (columns region, year, fuel, quantity — canonical units, regions at every
    level as `rollup_regions` makes them) with a region's energy balance, where both exist."""
    frame = balance.frame
    used = frame[frame["flow"].isin(_USE_FLOWS)].copy()
    used["code"] = used["region"].map(_region_code)
    used = used.dropna(subset=["code"])
    totals = used.groupby(["code", "year", "fuel"])["quantity"].sum()
    checks = []
    for row in unit_fuel_totals.itertuples(index=False):
        key = (row.region, int(row.year), row.fuel)
        if key not in totals.index:
            continue
        region_total = float(totals[key])
        share = row.quantity / region_total if region_total > 0 else None
        consistent = region_total > 0 and row.quantity <= region_total * (1 + tolerance)
        checks.append(
            BalanceCheck(row.region, int(row.year), row.fuel, float(row.quantity), region_total, share, consistent)
        )
    return checks


def fuel_totals_by_region(submissions: pd.DataFrame, units: Mapping[object, tuple[str, str]]) -> pd.DataFrame:
    """Net use per region (every level), year and fuel from submissions (unit, year, fuel, direction, canonical)."""
    if submissions.empty:
        return pd.DataFrame(columns=["region", "year", "fuel", "quantity"])
    frame = submissions.copy()
    frame["net"] = frame["canonical"].where(frame["direction"] != "out", -frame["canonical"])
    per_unit = frame.groupby(["unit", "year", "fuel"], sort=False)["net"].sum().reset_index()
    per_unit["region"] = per_unit["unit"].map(lambda u: units[u][0])
    parts = []
    for code in per_unit["region"].unique():
        rows = per_unit[per_unit["region"] == code]
        for level in [code, *(d.code for d in ancestors(code))]:
            parts.append(rows.assign(region=level))
    stacked = pd.concat(parts, ignore_index=True)
    out = stacked.groupby(["region", "year", "fuel"], sort=True)["net"].sum().reset_index()
    return out.rename(columns={"net": "quantity"})
