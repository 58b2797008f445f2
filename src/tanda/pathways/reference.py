"""Packaged reference data the pathways read: CEADs Jilin history, fuels, factors, sector groups.

Numbers live in `tanda/data/ceads/` and `tanda/data/scenarios/` (each with its PROVENANCE.md), and
fuels, factor sets and sector classes in `tanda.inventory`'s data, which is read through its API
rather than copied; this module only reads and reshapes them, so a corrected file corrects every
result without a code change.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

CEADS_PACKAGE = "tanda.data.ceads"
SCENARIO_PACKAGE = "tanda.data.scenarios"
SECTORAL_FILE = "ceads_jilin_liaoning_sectoral_1997_2019.csv"
JILIN_TOTALS_FILE = "jilin_ceads_gdp_pop_1997_2019.csv"
JILIN_INDICATORS_FILE = "jilin_indicators_1998_2019.csv"
CEADS_TOTAL_ROWS = frozenset({"TotalEmissions", "Total Consumption"})
FUEL_GROUPS = ("coal", "oil", "gas")
DEFAULT_FACTOR_SET = "ceads"


def read_csv(package: str, name: str) -> list[dict[str, str]]:
    """Rows of a packaged CSV as dicts (UTF-8)."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _number(text: str | None) -> float | None:
    if text is None or text.strip() == "":
        return None
    value = float(text)
    return None if math.isnan(value) else value


@dataclass(frozen=True)
class FuelTable:
    """The 17 CEADs fuels in CEADs column order, their group and CO2 factor per tce in one factor set."""

    factor_set: str
    digest: str
    names: tuple[str, ...]
    groups: tuple[str, ...]
    ef_tco2_per_tce: np.ndarray  # NaN where the set has no factor for the fuel
    tce_per_t: dict[str, float]

    def index(self, name: str) -> int:
        return self.names.index(name)

    def members(self, name_or_group: str) -> list[int]:
        """Indices of a fuel, or of every fuel of a group (`coal`, `oil`, `gas`)."""
        if name_or_group in FUEL_GROUPS:
            return [i for i, g in enumerate(self.groups) if g == name_or_group]
        return [self.index(name_or_group)]


def factor_sets() -> list[str]:
    from tanda.inventory import available_sets

    return available_sets()


@cache
def fuels(factor_set: str = DEFAULT_FACTOR_SET) -> FuelTable:
    """The CEADs fuels with t CO2/tce from a factor set of `tanda.inventory` (CO2 and standard coal per unit).

    Pathways hold fossil energy in tce; a factor set gives CO2 and standard coal per physical unit,
    so their ratio is the fuel's CO2 per tce. The default `ceads` set is the one CEADs' own
    inventory implies, so energy derived from CEADs CO2 is the fuel CEADs counted as burned.
    """
    from tanda.inventory import ceads_fuels, load_factor_set
    from tanda.inventory.fuels import fuel

    ids = {name: fuel_id for name, fuel_id in ceads_fuels().items() if fuel(fuel_id).combustible}
    chosen = load_factor_set(factor_set)
    ef = np.array(
        [
            chosen.combustion[i].ef / chosen.standard_coal[i]
            if i in chosen.combustion and chosen.standard_coal.get(i)
            else np.nan
            for i in ids.values()
        ]
    )
    tce_per_t = {
        name: chosen.standard_coal[i] for name, i in ids.items() if fuel(i).unit == "t" and i in chosen.standard_coal
    }
    return FuelTable(
        factor_set, chosen.digest, tuple(ids), tuple(fuel(i).category for i in ids.values()), ef, tce_per_t
    )


@dataclass(frozen=True)
class SectorGroup:
    sector: str
    activity: str  # primary, secondary, tertiary (value added), population, gdp
    role: str | None
    label_zh: str


@cache
def ceads_sector_groups() -> dict[str, SectorGroup]:
    """CEADs sector name → the pathway sector it is aggregated into, and what drives its activity.

    The three-industry class of each CEADs sector comes from `tanda.inventory`'s sector catalogue
    (households grow with population); the power and heat sector grows with GDP.
    """
    from tanda.inventory import resolve_sector

    out = {}
    for r in read_csv(SCENARIO_PACKAGE, "ceads_sector_groups.csv"):
        role = r["role"] or None
        if role == "power":
            activity = "gdp"
        else:
            found = resolve_sector(r["ceads_sector"])
            if found is None:
                raise KeyError(f"ceads_sector_groups.csv: {r['ceads_sector']!r} is not a CEADs sector")
            activity = "population" if found.three_industry == "household" else found.three_industry
        out[r["ceads_sector"]] = SectorGroup(r["sector"], activity, role, r["label_zh"])
    for group in {g.sector for g in out.values()}:
        kinds = {g.activity for g in out.values() if g.sector == group}
        if len(kinds) > 1:
            raise ValueError(f"ceads_sector_groups.csv: {group} mixes activities {sorted(kinds)}")
    return out


def ceads_sectors() -> list[SectorGroup]:
    """The pathway sectors of a CEADs base, in table order, one entry per sector."""
    seen: dict[str, SectorGroup] = {}
    for group in ceads_sector_groups().values():
        seen.setdefault(group.sector, group)
    return list(seen.values())


@cache
def _sectoral_rows() -> tuple[dict[str, str], ...]:
    return tuple(read_csv(CEADS_PACKAGE, SECTORAL_FILE))


def ceads_provinces() -> list[str]:
    return sorted({r["province"] for r in _sectoral_rows()})


def ceads_years(province: str) -> list[int]:
    return sorted({int(r["year"]) for r in _sectoral_rows() if r["province"] == province})


@dataclass(frozen=True)
class CeadsBase:
    """One province-year of CEADs, aggregated to pathway sectors: CO2 (t) by sector × fuel, process CO2 (t)."""

    province: str
    year: int
    sectors: tuple[SectorGroup, ...]
    co2: np.ndarray  # (S, F) t CO2
    process_co2: float  # t CO2 (CEADs process column: cement)
    scope1_total: float  # t CO2, as published


def ceads_base(province: str, year: int) -> CeadsBase:
    """Aggregate the CEADs 47-sector × 17-fuel matrix of `province` in `year` to the pathway sectors."""
    groups = ceads_sector_groups()
    sectors = ceads_sectors()
    order = {g.sector: i for i, g in enumerate(sectors)}
    table = fuels()
    co2 = np.zeros((len(sectors), len(table.names)))
    process = 0.0
    total = None
    rows = [r for r in _sectoral_rows() if r["province"] == province and int(r["year"]) == year]
    if not rows:
        raise KeyError(f"no CEADs sectoral data for {province} {year}")
    for row in rows:
        if row["sector"] in CEADS_TOTAL_ROWS:
            total = float(row["Scope 1 Total"]) * 1e6
            continue
        group = groups[row["sector"]]  # a KeyError here means the grouping table misses a CEADs sector
        i = order[group.sector]
        for j, fuel in enumerate(table.names):
            co2[i, j] += (_number(row[fuel]) or 0.0) * 1e6
        process += (_number(row["Process"]) or 0.0) * 1e6
    return CeadsBase(province, year, tuple(sectors), co2, process, total if total is not None else float("nan"))


@dataclass(frozen=True)
class HistoryPoint:
    """One year of history; any consistent units (only ratios between years are used)."""

    co2: float | None = None  # energy-related CO2
    co2_total: float | None = None  # scope-1 total incl. process
    gdp: float | None = None  # constant prices
    energy: float | None = None  # total energy consumption
    population: float | None = None


@cache
def jilin_history() -> dict[int, HistoryPoint]:
    """Jilin 1997–2019: CEADs CO2 (t), GDP (yuan, 2005 prices), population (persons), energy (tce).

    GDP 2010–2017 carries the source's `suspect_vintage_2010_2017` flag and 2018+ is after the 4th
    economic census revision, so GDP ratios across 2017/2018 mix vintages (see SOURCES.md).
    """
    energy = {
        int(r["year"]): _number(r["total_energy_consumption_1e4tce"])
        for r in read_csv(CEADS_PACKAGE, JILIN_INDICATORS_FILE)
    }
    out: dict[int, HistoryPoint] = {}
    for r in read_csv(CEADS_PACKAGE, JILIN_TOTALS_FILE):
        year = int(r["year"])
        gdp = _number(r["gdp_const2005_1e8yuan_natdeflator"])
        pop = _number(r["population_1e4"])
        e = energy.get(year)
        out[year] = HistoryPoint(
            co2=_number(r["ceads_energy_Mt"]) * 1e6,  # type: ignore[operator]
            co2_total=_number(r["ceads_co2_total_Mt"]) * 1e6,  # type: ignore[operator]
            gdp=gdp * 1e8 if gdp is not None else None,
            energy=e * 1e4 if e is not None else None,
            population=pop * 1e4 if pop is not None else None,
        )
    return out


def province_history(province: str) -> dict[int, HistoryPoint]:
    """History of a province with packaged GDP and population (only Jilin so far)."""
    if province == "Jilin":
        return jilin_history()
    return {}


def jilin_co2_series() -> dict[int, float]:
    """Jilin CEADs scope-1 CO2 in Mt by year, as published (the series of the peak decision)."""
    return {int(r["year"]): float(r["ceads_co2_total_Mt"]) for r in read_csv(CEADS_PACKAGE, JILIN_TOTALS_FILE)}


def jilin_kaya_rows() -> list[dict[str, float | int | None]]:
    """Jilin Kaya table: population (persons), GDP (yuan, 2005 prices), energy (tce), energy-related CO2 (t).

    Energy-related CO2 (CEADs `ceads_energy_Mt`, without cement process CO2) is what the Kaya
    identity's carbon intensity of energy describes.
    """
    return [
        {"year": year, "population": h.population, "gdp": h.gdp, "energy": h.energy, "co2": h.co2}
        for year, h in sorted(jilin_history().items())
    ]


def packaged_scenarios() -> dict[str, str]:
    """Name → file name of the scenarios shipped in `tanda/data/scenarios/`."""
    folder = resources.files(SCENARIO_PACKAGE)
    return {
        entry.name.rsplit(".", 1)[0]: entry.name
        for entry in folder.iterdir()
        if entry.name.endswith((".yaml", ".yml", ".json"))
    }
