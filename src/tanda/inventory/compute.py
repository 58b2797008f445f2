"""Activity × factor set → inventories: CO2 by fuel × sector, process, scope 2, sinks, energy.

All region-years of an activity are computed together with array operations (one `bincount`
per quantity), so thousands of city-years cost about as much as one.

Exactness: every fuel × sector cell is rounded once to the kilogram and held as an integer;
totals by fuel, by sector, by IPCC category and the grand total are sums of those integers, so
they agree to the last digit. Scope 2 (net imports × grid factor) and sinks are kept apart from
the scope-1 total, which is combustion plus process CO2, as CEADs' "Scope 1 Total" is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from tanda.inventory.activity import Activity
from tanda.inventory.errors import FactorError
from tanda.inventory.factors import FactorSet, load_factor_set
from tanda.inventory.fuels import all_fuels, fuel
from tanda.inventory.sectors import all_sectors
from tanda.units import conversion_factor

__all__ = ["EnergyAccount", "Inventory", "InventoryBatch", "compute", "compute_batch"]

CONVENTIONS = ("equivalent_value", "coal_substitution")
_ENERGY_FLOWS = ("combustion", "non_energy", "transformation", "loss")
_ENERGY_CATEGORIES = ("coal", "oil", "gas", "other")


@dataclass(frozen=True)
class EnergyAccount:
    """Energy use in tce: fossil fuels (burned, feedstock, transformation losses) + primary and net imported
    electricity and heat. Primary electricity is converted by both conventions: equivalent value
    (电热当量法, 0.1229 kgce/kWh) and coal substitution (发电煤耗法, the year's coal rate)."""

    fossil_tce: dict[str, float]  # coal, oil, gas, other
    primary_electricity_kwh: float
    net_import_electricity_kwh: float
    net_import_heat_gj: float
    equivalent_tce_per_kwh: float
    coal_substitution_tce_per_kwh: float | None
    heat_tce_per_gj: float

    def total(self, convention: str = "equivalent_value") -> float | None:
        rate = self._rate(convention)
        if rate is None:
            return None
        electricity = (self.primary_electricity_kwh + self.net_import_electricity_kwh) * rate
        return sum(self.fossil_tce.values()) + electricity + self.net_import_heat_gj * self.heat_tce_per_gj

    def non_fossil_tce(self, convention: str = "equivalent_value") -> float | None:
        rate = self._rate(convention)
        return None if rate is None else self.primary_electricity_kwh * rate

    def non_fossil_share(self, convention: str = "equivalent_value") -> float | None:
        total, part = self.total(convention), self.non_fossil_tce(convention)
        return None if total in (None, 0) or part is None else part / total

    def coal_share(self, convention: str = "equivalent_value") -> float | None:
        total = self.total(convention)
        return None if total in (None, 0) else self.fossil_tce["coal"] / total

    def _rate(self, convention: str) -> float | None:
        if convention not in CONVENTIONS:
            raise ValueError(f"convention must be one of {CONVENTIONS}")
        return self.equivalent_tce_per_kwh if convention == "equivalent_value" else self.coal_substitution_tce_per_kwh


@dataclass(frozen=True)
class Inventory:
    """One region-year. CO2 in integer kilograms; `*_t` accessors give tonnes."""

    region: str
    year: int
    factor_set: dict[str, Any]
    sectors: tuple[str, ...]  # row labels of `cells_kg` (sector ids; "" = not allocated)
    fuels: tuple[str, ...]  # column labels of `cells_kg` (fuel ids)
    cells_kg: np.ndarray  # int64 [sector, fuel]: combustion and entered emissions
    process_kg: dict[tuple[str, str], int]  # (sector, process item) → kg
    scope2_electricity_kg: int | None
    scope2_heat_kg: int | None
    sinks_kg: int
    energy: EnergyAccount
    burned: dict[str, float]  # fuel id → quantity burned, canonical unit
    grid: dict[str, Any] | None = None
    warnings: tuple[str, ...] = ()
    entered: bool = False  # True when built from emissions as published, not from activity

    # ---------------------------------------------------------------- totals

    @property
    def combustion_kg(self) -> int:
        return int(self.cells_kg.sum())

    @property
    def process_total_kg(self) -> int:
        return int(sum(self.process_kg.values()))

    @property
    def total_kg(self) -> int:
        """Scope 1: combustion + process."""
        return self.combustion_kg + self.process_total_kg

    @property
    def scope2_kg(self) -> int | None:
        parts = [p for p in (self.scope2_electricity_kg, self.scope2_heat_kg) if p is not None]
        return sum(parts) if parts else None

    def by_fuel_kg(self) -> dict[str, int]:
        """Fuel id → kg, process items included, so that the values sum to `total_kg`."""
        out = {f: int(v) for f, v in zip(self.fuels, self.cells_kg.sum(axis=0), strict=True) if v}
        for (_, item), kg in sorted(self.process_kg.items()):
            out[item] = out.get(item, 0) + kg
        return out

    def by_sector_kg(self) -> dict[str, int]:
        """Sector id → kg, process CO2 in its sector, summing to `total_kg`."""
        out = {s: int(v) for s, v in zip(self.sectors, self.cells_kg.sum(axis=1), strict=True) if v}
        for (s, _), kg in sorted(self.process_kg.items()):
            out[s] = out.get(s, 0) + kg
        return out

    def by_ceads_fuel_kg(self) -> dict[str, int]:
        """CEADs' 17 fuels (and 'Process') → kg: the grouping a CEADs inventory is published in."""
        out: dict[str, int] = defaultdict(int)
        for f, kg in self.by_fuel_kg().items():
            out[fuel(f).ceads or fuel(f).name_en] += kg
        return dict(out)

    def by_classification_kg(self, kind: str) -> dict[str, int]:
        """'three_industry' (primary/secondary/tertiary/household) or 'ipcc' (1A1a … 2A1) → kg."""
        sectors = all_sectors()
        out: dict[str, int] = defaultdict(int)
        for s, kg in zip(self.sectors, self.cells_kg.sum(axis=1), strict=True):
            if kg:
                out[getattr(sectors[s], kind) if s else "unallocated"] += int(kg)
        for (s, item), kg in self.process_kg.items():
            key = (
                "2A1"
                if kind == "ipcc" and item in {"cement", "clinker"}
                else (getattr(sectors[s], kind) if s else "unallocated")
            )
            out[key] += kg
        return dict(out)

    def cell_kg(self, sector_id: str, fuel_id: str) -> int:
        if sector_id not in self.sectors or fuel_id not in self.fuels:
            return 0
        return int(self.cells_kg[self.sectors.index(sector_id), self.fuels.index(fuel_id)])

    # ----------------------------------------------------------------- output

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The JSON shape of `tanda inventory compute`; names in English (CEADs wording) or Chinese."""
        fuels, sectors = all_fuels(), all_sectors()

        def t(kg: int | None) -> float | None:
            return None if kg is None else kg / 1000

        def sector_name(s: str) -> str:
            return sectors[s].name(lang) if s else ("未分配" if lang.startswith("zh") else "Unallocated")

        energy = self.energy
        return {
            "region": self.region,
            "year": self.year,
            "total_tco2": t(self.total_kg),
            "combustion_tco2": t(self.combustion_kg),
            "process_tco2": t(self.process_total_kg),
            "scope2_tco2": t(self.scope2_kg),
            "scope2": {
                "electricity_tco2": t(self.scope2_electricity_kg),
                "heat_tco2": t(self.scope2_heat_kg),
                "net_import_electricity_kwh": energy.net_import_electricity_kwh,
                "net_import_heat_gj": energy.net_import_heat_gj,
                "grid": self.grid,
            },
            "sinks_tco2": t(self.sinks_kg),
            "by_fuel": {fuels[f].name(lang): t(kg) for f, kg in self.by_fuel_kg().items()},
            "by_sector": {sector_name(s): t(kg) for s, kg in self.by_sector_kg().items()},
            "by_three_industry": {k: t(v) for k, v in self.by_classification_kg("three_industry").items()},
            "by_ipcc": {k: t(v) for k, v in sorted(self.by_classification_kg("ipcc").items())},
            # an inventory entered as emissions says nothing about energy: null, not 0
            "energy_tce": {c: None if self.entered else energy.total(c) for c in CONVENTIONS},
            "energy": {
                "fossil_tce": energy.fossil_tce,
                "primary_electricity_kwh": energy.primary_electricity_kwh,
                "non_fossil_share": {c: energy.non_fossil_share(c) for c in CONVENTIONS},
                "coal_share": {c: energy.coal_share(c) for c in CONVENTIONS},
                "coal_substitution_kgce_per_kwh": None
                if energy.coal_substitution_tce_per_kwh is None
                else energy.coal_substitution_tce_per_kwh * 1000,
            },
            "factor_set": self.factor_set,
            "entered_as_emissions": self.entered,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class InventoryBatch:
    """Many region-years computed at once, held as arrays; `inventory(g)` is one of them.

    `cube_kg[g, s, f]` is group g's fuel × sector CO2; `quantities[k, g, f]` the quantity of fuel f
    in flow k (`flows[k]`) of group g. Per-group objects are only made when asked for, so that
    thousands of city-years cost array operations, not Python objects.
    """

    keys: list[tuple[str, int]]
    sectors: tuple[str, ...]
    fuels: tuple[str, ...]
    flows: tuple[str, ...]
    cube_kg: np.ndarray  # int64 [group, sector, fuel]
    quantities: np.ndarray  # float64 [flow, group, fuel], canonical units
    factors: FactorSet
    grid: str
    fossil_tce: np.ndarray  # float64 [group, category] in _ENERGY_CATEGORIES order
    primary_kwh: np.ndarray
    net_electricity_kwh: np.ndarray
    net_heat_gj: np.ndarray
    entered: np.ndarray  # bool: the group was entered as emissions only
    process_kg: dict[int, dict[tuple[str, str], int]] = field(default_factory=dict)
    sinks_kg: dict[int, int] = field(default_factory=dict)
    warnings: dict[int, list[str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.keys)

    def total_kg(self) -> np.ndarray:
        """Combustion CO2 per group (int64)."""
        return self.cube_kg.sum(axis=(1, 2))

    def by_fuel_kg(self) -> np.ndarray:
        return self.cube_kg.sum(axis=1)

    def by_sector_kg(self) -> np.ndarray:
        return self.cube_kg.sum(axis=2)

    def _flow(self, name: str, g: int) -> np.ndarray:
        return self.quantities[self.flows.index(name), g] if name in self.flows else np.zeros(len(self.fuels))

    def inventory(self, g: int) -> Inventory:
        region, year = self.keys[g]
        factors = self.factors
        warnings = list(self.warnings.get(g, []))
        cells = self.cube_kg[g]
        rows = np.flatnonzero(cells.any(axis=1))
        cols = np.flatnonzero(cells.any(axis=0))
        entered = bool(self.entered[g])

        grid_info = None
        scope2_e: int | None = None if entered else 0
        if self.net_electricity_kwh[g] != 0:
            ef, grid_info, warning = factors.grid_factor(self.grid, year)
            scope2_e = int(np.rint(self.net_electricity_kwh[g] * ef * 1000.0))
            if warning:
                warnings.append(warning)
        scope2_h: int | None = None if entered else 0
        if self.net_heat_gj[g] != 0:
            if factors.heat_ef is None:
                scope2_h = None
                warnings.append(
                    "net heat imports need a heat factor (override 热力 ef, t CO2/GJ); scope-2 heat left out"
                )
            else:
                scope2_h = int(np.rint(self.net_heat_gj[g] * factors.heat_ef * 1000.0))
        rate = factors.coal_substitution_rate(year)
        if rate is None and (self.primary_kwh[g] or self.net_electricity_kwh[g]):
            warnings.append(f"no coal-substitution rate for {year}; give one as an override (发电煤耗, gce/kWh)")
        burned = self._flow("combustion", g)
        energy = EnergyAccount(
            fossil_tce={c: float(self.fossil_tce[g, i]) for i, c in enumerate(_ENERGY_CATEGORIES)},
            primary_electricity_kwh=float(self.primary_kwh[g]),
            net_import_electricity_kwh=float(self.net_electricity_kwh[g]),
            net_import_heat_gj=float(self.net_heat_gj[g]),
            equivalent_tce_per_kwh=float(factors.standard_coal.get("electricity", np.nan)),
            coal_substitution_tce_per_kwh=rate,
            heat_tce_per_gj=float(factors.standard_coal.get("heat", np.nan)),
        )
        return Inventory(
            region=region,
            year=year,
            factor_set=factors.describe(),
            sectors=tuple(self.sectors[i] for i in rows),
            fuels=tuple(self.fuels[j] for j in cols),
            cells_kg=cells[np.ix_(rows, cols)].copy(),
            process_kg=dict(self.process_kg.get(g, {})),
            scope2_electricity_kg=scope2_e,
            scope2_heat_kg=scope2_h,
            sinks_kg=self.sinks_kg.get(g, 0),
            energy=energy,
            burned={self.fuels[j]: float(burned[j]) for j in np.flatnonzero(burned)},
            grid=grid_info,
            warnings=tuple(sorted(set(warnings))),
            entered=entered,
        )

    def inventories(self) -> list[Inventory]:
        return [self.inventory(g) for g in range(len(self.keys))]


def _codes(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes and their values. Categoricals and small-range integers (years) skip hashing."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy().astype(np.int64), np.asarray(series.cat.categories)
    values = series.to_numpy()
    if values.dtype.kind in "iu" and len(values):
        low, high = int(values.min()), int(values.max())
        if high - low < 10_000:
            return (values - low).astype(np.int64), np.arange(low, high + 1)
    codes, uniques = pd.factorize(series, sort=False)
    return codes.astype(np.int64, copy=False), np.asarray(uniques)


def _lookup(size: int, true_at: list[int]) -> np.ndarray:
    table = np.zeros(size, dtype=bool)
    table[true_at] = True
    return table


def emission_cube(flat: np.ndarray, kg: np.ndarray, shape: tuple[int, int, int]) -> np.ndarray:
    """Sum integer-valued kg at flat [group, sector, fuel] positions into an int64 cube.

    `bincount` adds in float64, which is exact for integers below 2**53 kg (9 Gt): more than any
    region emits, so the integer cube equals exact integer addition.
    """
    summed = np.bincount(flat, weights=kg, minlength=int(np.prod(shape)))
    if summed.size and np.abs(summed).max() >= 2**53:
        raise OverflowError("a cell exceeds 2**53 kg; the float64 sum would not be exact")
    return summed.astype(np.int64).reshape(shape)


def compute_batch(
    activity: Activity,
    factors: FactorSet | None = None,
    *,
    grid: str = "national",
) -> InventoryBatch:
    """Compute every region-year of `activity` with `factors` (default: the guideline set)."""
    factors = factors or load_factor_set()
    frame = activity.frame
    catalogue = all_fuels()

    # Groups: dense (region, year) codes, then only the pairs that occur.
    region_codes, regions = _codes(frame["region"])
    year_codes, years = _codes(frame["year"])
    n_years = max(len(years), 1)
    pair = region_codes * n_years + year_codes
    present = np.flatnonzero(np.bincount(pair, minlength=len(regions) * n_years))
    remap = np.full(len(regions) * n_years, -1, dtype=np.int64)
    remap[present] = np.arange(len(present))
    group = remap[pair]
    keys = [(str(regions[p // n_years]), int(years[p % n_years])) for p in present]
    n_groups = len(keys)

    flow_codes, flows = _codes(frame["flow"])
    fuel_codes, fuel_ids = _codes(frame["fuel"])
    sector_codes, sector_ids = _codes(frame["sector"])
    flows = [str(f) for f in flows]
    ids = [str(f) for f in fuel_ids]
    quantity = frame["quantity"].to_numpy(dtype=np.float64)
    n_flows, n_fuels, n_sectors = len(flows), len(ids), len(sector_ids)

    # One pass for every quantity by flow, group and fuel; the rest is arithmetic on this small array.
    by_flow = (flow_codes * n_groups + group) * n_fuels + fuel_codes
    quantities = np.bincount(by_flow, weights=quantity, minlength=n_flows * n_groups * n_fuels)
    quantities = quantities.reshape(n_flows, n_groups, n_fuels)

    def flow(name: str) -> np.ndarray:
        return quantities[flows.index(name)] if name in flows else np.zeros((n_groups, n_fuels))

    # CO2 of burned fuel and of emissions entered as such: kg = quantity × multiplier[flow, fuel], rounded once.
    burned = flow("combustion")
    missing = [ids[j] for j in np.flatnonzero(burned.any(axis=0)) if catalogue[ids[j]].combustible]
    missing = [f for f in missing if f not in factors.combustion]
    if missing:
        names = "、".join(f"{fuel(f).name_zh} ({fuel(f).name_en})" for f in missing)
        raise FactorError(f"factor set {factors.name} has no factor for {names}; add an override or choose another set")
    multiplier = np.zeros((n_flows, n_fuels))
    for j, f in enumerate(ids):
        item = catalogue[f]
        if "combustion" in flows and item.emits_co2 and item.combustible:
            multiplier[flows.index("combustion"), j] = factors.combustion[f].ef * 1000.0
        if "emission" in flows and item.category != "process":
            multiplier[flows.index("emission"), j] = 1000.0
    kg = np.rint(quantity * multiplier.ravel()[flow_codes * n_fuels + fuel_codes])
    cube = emission_cube((group * n_sectors + sector_codes) * n_fuels + fuel_codes, kg, (n_groups, n_sectors, n_fuels))

    # Energy in tce from quantities by flow; fuels without a standard-coal coefficient are reported.
    tce_unit = np.array([factors.standard_coal.get(f, np.nan) for f in ids])
    for j, f in enumerate(ids):
        if catalogue[f].category == "other":
            tce_unit[j] = 1 / conversion_factor("tce", "GJ")  # other energy is held in GJ
    used = sum((flow(x) for x in _ENERGY_FLOWS), np.zeros((n_groups, n_fuels)))
    warnings: dict[int, list[str]] = {}
    for g, j in zip(*np.nonzero((used != 0) & np.isnan(tce_unit)[None, :]), strict=True):
        warnings.setdefault(int(g), []).append(
            f"{fuel(ids[j]).name_zh} has no standard-coal coefficient; left out of energy_tce"
        )
    tce = used * np.nan_to_num(tce_unit)[None, :]
    category = np.array([catalogue[f].category for f in ids])
    fossil = np.stack([tce[:, category == c].sum(axis=1) for c in _ENERGY_CATEGORIES], axis=1)
    is_elec, is_heat = category == "electricity", category == "heat"
    primary = flow("production")[:, (category == "primary_electricity") | is_elec].sum(axis=1)
    trade = flow("import") + flow("net_import") - flow("export")

    # Process CO2 and sinks: few rows, one by one.
    process: dict[int, dict[tuple[str, str], int]] = {}
    sinks: dict[int, int] = {}
    special_flows = [flows.index(x) for x in ("process", "sink", "emission") if x in flows]
    special = _lookup(max(n_flows, 1), special_flows)[flow_codes] if special_flows else np.zeros(len(frame), bool)
    for i in np.flatnonzero(special):
        g, f, q, fl = int(group[i]), ids[fuel_codes[i]], float(quantity[i]), flows[flow_codes[i]]
        item = catalogue[f]
        if fl == "emission" and item.category != "process":
            continue  # already in the cube
        if fl == "sink":
            if f == "carbon_sink":
                sinks[g] = sinks.get(g, 0) + int(np.rint(q * 1000.0))
                continue
            if f not in factors.sinks:
                raise FactorError(f"no sink factor for {item.name_zh}; give one as an override (t CO2 per m³ of stock)")
            sinks[g] = sinks.get(g, 0) + int(np.rint(q * factors.sinks[f] * 1000.0))
            continue
        if fl == "emission":
            value = int(np.rint(q * 1000.0))
        elif f in factors.process:
            value = int(np.rint(q * factors.process[f] * 1000.0))
        else:
            raise FactorError(
                f"factor set {factors.name} has no process factor for {item.name_zh}; add an override (t CO2 per t)"
            )
        key = (str(sector_ids[sector_codes[i]]), f)
        process.setdefault(g, {})
        process[g][key] = process[g].get(key, 0) + value

    # Groups given only as emissions (published inventories) have no energy and no scope 2 to speak of.
    if "emission" not in flows:
        entered = np.zeros(n_groups, dtype=bool)
    else:
        other = flow_codes != flows.index("emission")
        entered = np.bincount(group[other], minlength=n_groups) == 0
    return InventoryBatch(
        keys=keys,
        sectors=tuple(str(s) for s in sector_ids),
        fuels=tuple(ids),
        flows=tuple(flows),
        cube_kg=cube,
        quantities=quantities,
        factors=factors,
        grid=grid,
        fossil_tce=fossil,
        primary_kwh=primary,
        net_electricity_kwh=trade[:, is_elec].sum(axis=1),
        net_heat_gj=trade[:, is_heat].sum(axis=1),
        entered=entered,
        process_kg=process,
        sinks_kg=sinks,
        warnings=warnings,
    )


def compute(
    activity: Activity,
    factors: FactorSet | str | None = None,
    *,
    grid: str = "national",
) -> list[Inventory]:
    """One `Inventory` per region-year of `activity`, sorted by region and year."""
    if isinstance(factors, str):
        factors = load_factor_set(factors)
    if len(activity) == 0:
        return []
    batch = compute_batch(activity, factors, grid=grid)
    order = sorted(range(len(batch)), key=lambda g: batch.keys[g])
    return [batch.inventory(g) for g in order]
