"""Reference factor sets: read-only, versioned, cited; regional overrides on top.

A factor set turns activity into CO2. Each set is built from packaged files in
`tanda/data/factors/` as `sets.json` describes: the guideline defaults (NCV × carbon content ×
oxidation), IPCC 2006 Table 2.2 (CO2 per TJ, with Chinese NCVs), or CEADs-style implied factors
(CO2 per physical unit). Every set also carries the reference tables that are not fuel factors:
standard-coal coefficients (GB/T 2589), MEE grid electricity factors, coal-substitution rates
and process factors (cement).

Overrides (a measured local coal NCV, a provincial grid factor …) make a *new* set; the reference
set is frozen and never edited. `describe()` names the set, its version, a digest of the files it
came from and every override, so that each inventory records exactly what produced it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from tanda.inventory.errors import FactorError, InventoryInputError, RowError
from tanda.inventory.fuels import Fuel, all_fuels, fuel, resolve_fuel
from tanda.units import UnitError, conversion_factor

__all__ = [
    "CO2_PER_C",
    "FactorSet",
    "FuelFactor",
    "GridFactor",
    "Override",
    "available_sets",
    "load_factor_set",
    "overrides_from_rows",
    "per_unit",
    "read_overrides",
]

# Mass of CO2 per mass of carbon (molar masses 44 and 12, as the IPCC and the guidelines use them).
CO2_PER_C = 44 / 12

_CANONICAL = {"t": "t", "m3": "m3", "kWh": "kWh", "GJ": "GJ"}
DEFAULT_SET = "guideline"
NATIONAL_GRID = "全国电力平均(MEE/NBS)"


@dataclass(frozen=True)
class FuelFactor:
    """CO2 per canonical unit of one fuel, with the parts it was made of when the method has them."""

    fuel: str
    ef: float  # t CO2 per canonical unit (t, m3)
    ncv: float | None = None  # GJ per canonical unit
    co2_per_gj: float | None = None  # t CO2 per GJ
    carbon: float | None = None  # t C per GJ
    oxidation: float | None = None  # fraction
    basis: str = ""  # where the numbers came from


@dataclass(frozen=True)
class GridFactor:
    scope: str
    name: str
    year: int
    kg_per_kwh: float
    source: str
    verification: str


@dataclass(frozen=True)
class Override:
    """A regional replacement of one reference number; kept with every inventory that used it."""

    item: str  # a fuel id, or "grid", "coal_substitution", a process or sink id
    parameter: str  # ncv, carbon_content, oxidation, ef, kgce, factor, rate
    value: float
    unit: str = ""
    note: str = ""


@dataclass(frozen=True)
class FactorSet:
    name: str
    title: str
    version: str
    citation: str
    digest: str
    combustion: Mapping[str, FuelFactor]
    process: Mapping[str, float]  # t CO2 per t of product
    standard_coal: Mapping[str, float]  # tce per canonical unit
    grid: tuple[GridFactor, ...]
    coal_substitution: Mapping[int, float]  # tce per kWh of primary electricity, by year
    heat_ef: float | None = None  # t CO2 per GJ of heat (scope 2), only from an override
    grid_override: float | None = None  # t CO2 per kWh, replaces the grid table
    coal_substitution_override: float | None = None  # tce per kWh, for every year
    sinks: Mapping[str, float] = field(default_factory=dict)  # t CO2 per unit (forest stock m3)
    overrides: tuple[Override, ...] = ()
    note: str = ""

    # ----------------------------------------------------------------- lookup

    def ef_array(self, fuel_ids: Iterable[str]) -> np.ndarray:
        """t CO2 per canonical unit for each fuel id, NaN where the set has no factor."""
        return np.array([self.combustion[f].ef if f in self.combustion else np.nan for f in fuel_ids], dtype=float)

    def tce_array(self, fuel_ids: Iterable[str]) -> np.ndarray:
        return np.array([self.standard_coal.get(f, np.nan) for f in fuel_ids], dtype=float)

    def grid_factor(self, name: str, year: int) -> tuple[float, dict[str, Any], str | None]:
        """t CO2/kWh for a grid and year, what was used, and a warning if the year had to be borrowed."""
        if self.grid_override is not None:
            return self.grid_override, {"name": "override", "year": year, "kg_per_kwh": self.grid_override * 1000}, None
        wanted = NATIONAL_GRID if name in {"national", "全国", "china", ""} else name
        rows = [g for g in self.grid if g.name == wanted]
        if not rows:
            names = sorted({g.name for g in self.grid})
            raise FactorError(f"no grid factor named {name!r}; known: national, {', '.join(names)}")
        exact = [g for g in rows if g.year == year]
        earlier = sorted((g for g in rows if g.year < year), key=lambda g: g.year)
        chosen = exact[0] if exact else (earlier[-1] if earlier else min(rows, key=lambda g: g.year))
        warning = None
        if chosen.year != year:
            warning = f"grid factor {wanted} has no {year} value; the {chosen.year} value is used"
        info = {
            "name": chosen.name,
            "year": chosen.year,
            "kg_per_kwh": chosen.kg_per_kwh,
            "source": chosen.source,
            "verification": chosen.verification,
        }
        return chosen.kg_per_kwh / 1000, info, warning

    def coal_substitution_rate(self, year: int) -> float | None:
        """tce per kWh of primary electricity under the coal-substitution convention, if known for the year."""
        if self.coal_substitution_override is not None:
            return self.coal_substitution_override
        return self.coal_substitution.get(year)

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "version": self.version,
            "digest": self.digest,
            "citation": self.citation,
            "overrides": [
                {"item": o.item, "parameter": o.parameter, "value": o.value, "unit": o.unit, "note": o.note}
                for o in self.overrides
            ],
        }

    # ---------------------------------------------------------------- overrides

    def with_overrides(self, overrides: Iterable[Override]) -> FactorSet:
        """A new set with regional numbers in place of reference ones; this set stays as it is."""
        overrides = tuple(overrides)
        if not overrides:
            return self
        combustion = dict(self.combustion)
        process = dict(self.process)
        standard_coal = dict(self.standard_coal)
        sinks = dict(self.sinks)
        changes: dict[str, Any] = {}
        pending: dict[str, dict[str, float]] = {}
        for o in overrides:
            if o.item == "grid":
                changes["grid_override"] = o.value
            elif o.item == "coal_substitution":
                changes["coal_substitution_override"] = o.value
            elif o.item == "heat" and o.parameter == "ef":
                changes["heat_ef"] = o.value
            elif o.parameter == "kgce":
                standard_coal[o.item] = o.value
            elif o.parameter == "factor" and fuel(o.item).category == "process":
                process[o.item] = o.value
            elif o.parameter == "factor" and fuel(o.item).category == "sink":
                sinks[o.item] = o.value
            elif o.parameter in {"ncv", "carbon_content", "oxidation", "ef"}:
                pending.setdefault(o.item, {})[o.parameter] = o.value
            else:
                raise FactorError(f"override {o.item} {o.parameter}: not a parameter that item has")
        for fuel_id, params in pending.items():
            combustion[fuel_id] = _overridden(fuel_id, combustion.get(fuel_id), params)
        digest = hashlib.sha256((self.digest + repr(overrides)).encode()).hexdigest()[:12]
        return replace(
            self,
            combustion=MappingProxyType(combustion),
            process=MappingProxyType(process),
            standard_coal=MappingProxyType(standard_coal),
            sinks=MappingProxyType(sinks),
            overrides=self.overrides + overrides,
            digest=digest,
            **changes,
        )


def _overridden(fuel_id: str, base: FuelFactor | None, params: dict[str, float]) -> FuelFactor:
    if "ef" in params:
        return FuelFactor(fuel_id, ef=params["ef"], basis="override: ef")
    ncv = params.get("ncv", base.ncv if base else None)
    carbon = params.get("carbon_content", base.carbon if base else None)
    oxidation = params.get("oxidation", base.oxidation if base else None)
    co2_per_gj = base.co2_per_gj if base else None
    if "carbon_content" in params or "oxidation" in params:
        if carbon is None or oxidation is None:
            raise FactorError(f"override {fuel_id}: this set has no carbon content and oxidation to combine with")
        co2_per_gj = carbon * oxidation * CO2_PER_C
    if ncv is None or co2_per_gj is None:
        raise FactorError(
            f"override {fuel_id} {', '.join(params)}: this set holds {fuel_id} as one CO2-per-unit number; "
            "override 'ef' instead, or give ncv, carbon_content and oxidation together"
        )
    basis = "override: " + ", ".join(sorted(params)) + (f" on {base.basis}" if base else "")
    return FuelFactor(
        fuel_id, ef=ncv * co2_per_gj, ncv=ncv, co2_per_gj=co2_per_gj, carbon=carbon, oxidation=oxidation, basis=basis
    )


# --------------------------------------------------------------------- loading


def _data(name: str) -> str:
    return resources.files("tanda.data.factors").joinpath(name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_data(name))))


@cache
def _manifest() -> dict[str, dict[str, Any]]:
    return json.loads(_data("sets.json"))


def available_sets() -> list[str]:
    return list(_manifest())


def per_unit(value: float, unit: str, numerator: str, denominator: str) -> float:
    """Convert a ratio such as 20908 kJ/kg or 6.143 tce/万m3 to `numerator` per `denominator`.

    The CO2 or C mark of a numerator ("t CO2", "tC") is read as a plain mass, which is what it is.
    """
    num, _, den = unit.partition("/")
    if not den:
        raise UnitError(f"{unit!r} is not a ratio of two units")
    num = re.sub(r"^\s*(k?g|t|Mt)\s*C\s*$", r"\1", num)
    return value * conversion_factor(num, numerator) / conversion_factor(den, denominator)


def _canonical(f: Fuel) -> str:
    return _CANONICAL[f.unit]


@cache
def _standard_coal() -> dict[str, float]:
    out: dict[str, float] = {}
    for row in _rows("standard_coal_gbt2589.csv"):
        for fuel_id in filter(None, row["fuels"].split("|")):
            out[fuel_id] = per_unit(float(row["kgce"]), row["kgce_unit"], "tce", _canonical(fuel(fuel_id)))
    return out


@cache
def _gbt2589_ncv() -> dict[str, float]:
    """GJ per canonical unit from the NCV column of the GB/T 2589 table."""
    out: dict[str, float] = {}
    for row in _rows("standard_coal_gbt2589.csv"):
        if row["ncv"]:
            for fuel_id in filter(None, row["fuels"].split("|")):
                out[fuel_id] = per_unit(float(row["ncv"]), row["ncv_unit"], "GJ", _canonical(fuel(fuel_id)))
    return out


def _grid() -> tuple[GridFactor, ...]:
    return tuple(
        GridFactor(
            scope=r["scope"],
            name=r["name"],
            year=int(r["year"]),
            kg_per_kwh=float(r["factor_kgCO2_per_kWh"]),
            source=r["source"],
            verification=r["verification"],
        )
        for r in _rows("grid_emission_factors_china.csv")
    )


def _coal_substitution() -> dict[int, float]:
    return {
        int(r["year"]): per_unit(float(r["gce_per_kwh"]), "gce/kWh", "tce", "kWh")
        for r in _rows("coal_substitution_rates.csv")
    }


def _process() -> dict[str, float]:
    out = {}
    for r in _rows("process_factors.csv"):
        out[resolve_fuel(r["process"]).id] = per_unit(float(r["factor"]), r["unit"], "t", "t")
    return out


def _guideline_combustion() -> dict[str, FuelFactor]:
    table = {r["fuel"]: r for r in _rows("guideline_defaults.csv")}
    gbt = _gbt2589_ncv()
    out: dict[str, FuelFactor] = {}
    for m in _rows("guideline_map.csv"):
        f = fuel(m["fuel"])
        if m["ncv_from"].startswith("gbt2589:"):
            ncv = gbt[m["ncv_from"].split(":", 1)[1]]
            ncv_basis = "NCV GB/T 2589"
        else:
            row = table[m["ncv_from"]]
            per = "GJ/万立方米" if f.kind == "volume" else "GJ/t"
            ncv = per_unit(float(row["NCV_GJ_per_t_or_GJ_per_1e4Nm3"]), per, "GJ", _canonical(f))
            ncv_basis = f"NCV {m['ncv_from']}"
        c = table[m["carbon_from"]]
        carbon = float(c["carbon_content_tC_per_GJ"])
        oxidation = float(c["oxidation_pct"]) / 100
        co2_per_gj = carbon * oxidation * CO2_PER_C
        basis = f"guideline: {ncv_basis}; carbon content and oxidation {m['carbon_from']}"
        out[f.id] = FuelFactor(f.id, ncv * co2_per_gj, ncv, co2_per_gj, carbon, oxidation, basis)
    return out


def _ipcc_combustion(ncv_set: str) -> dict[str, FuelFactor]:
    table = {r["fuel"]: float(r["co2_kg_per_TJ"]) for r in _rows("ipcc2006_table2_2.csv")}
    ncv_from = _combustion(ncv_set)
    out: dict[str, FuelFactor] = {}
    for m in _rows("ipcc_map.csv"):
        co2_per_gj = per_unit(table[m["ipcc_fuel"]], "kg/TJ", "t", "GJ")
        ncv = ncv_from[m["fuel"]].ncv
        basis = f"IPCC 2006 Table 2.2 {m['ipcc_fuel']}, oxidation 1; NCV from {ncv_set}"
        out[m["fuel"]] = FuelFactor(m["fuel"], ncv * co2_per_gj, ncv, co2_per_gj, None, 1.0, basis)
    return out


def _per_unit_combustion(table: str) -> dict[str, FuelFactor]:
    out: dict[str, FuelFactor] = {}
    for r in _rows(table):
        f = fuel(r["fuel"])
        ef = per_unit(float(r["ef"]), r["unit"], "t", _canonical(f))
        out[f.id] = FuelFactor(f.id, ef, basis=r["basis"])
    return out


@cache
def _combustion(name: str) -> dict[str, FuelFactor]:
    spec = _manifest()[name]["combustion"]
    method = spec["method"]
    if method == "ncv_cc_ox":
        return _guideline_combustion()
    if method == "co2_per_tj":
        return _ipcc_combustion(spec["ncv_from_set"])
    if method == "co2_per_unit":
        return _per_unit_combustion(spec["table"])
    raise ValueError(f"sets.json: unknown method {method!r}")


def _files_of(name: str) -> list[str]:
    spec = _manifest()[name]
    files = [spec["combustion"]["table"], spec["combustion"].get("map", ""), spec["process"]]
    if "ncv_from_set" in spec["combustion"]:
        files += _files_of(spec["combustion"]["ncv_from_set"])
    files += [
        "fuels.csv",
        "standard_coal_gbt2589.csv",
        "grid_emission_factors_china.csv",
        "coal_substitution_rates.csv",
    ]
    return [f for f in files if f]


@cache
def load_factor_set(name: str = DEFAULT_SET) -> FactorSet:
    """A packaged reference set by name ('guideline', 'ipcc2006', 'ceads'); read once, never changed."""
    manifest = _manifest()
    if name not in manifest:
        raise FactorError(f"no factor set {name!r}; available: {', '.join(manifest)}")
    spec = manifest[name]
    digest = hashlib.sha256()
    for f in sorted(set(_files_of(name))):
        digest.update(f.encode() + b"\0" + _data(f).encode())
    return FactorSet(
        name=name,
        title=spec["title"],
        version=spec["version"],
        citation=spec["citation"],
        digest=digest.hexdigest()[:12],
        combustion=MappingProxyType(_combustion(name)),
        process=MappingProxyType(_process()),
        standard_coal=MappingProxyType(_standard_coal()),
        grid=_grid(),
        coal_substitution=MappingProxyType(_coal_substitution()),
        note=spec.get("note", ""),
    )


# ------------------------------------------------------------ override files

_ITEM_ALIASES = {
    "grid": "grid",
    "电网": "grid",
    "电网排放因子": "grid",
    "coal_substitution": "coal_substitution",
    "发电煤耗": "coal_substitution",
    "发电煤耗计算法": "coal_substitution",
}

_PARAMETERS = {
    "ncv": "ncv",
    "低位发热量": "ncv",
    "carbon_content": "carbon_content",
    "单位热值含碳量": "carbon_content",
    "oxidation": "oxidation",
    "碳氧化率": "oxidation",
    "ef": "ef",
    "排放因子": "ef",
    "kgce": "kgce",
    "折标准煤系数": "kgce",
    "factor": "factor",
    "rate": "rate",
}


def _override_value(item: str, parameter: str, value: float, unit: str) -> float:
    """The override in the units the set holds; unit text as the user wrote it."""
    if item == "grid":
        return per_unit(value, unit or "kg/kWh", "t", "kWh")
    if item == "coal_substitution":
        return per_unit(value, unit or "gce/kWh", "tce", "kWh")
    canonical = _canonical(fuel(item))
    if parameter == "oxidation":
        return value / 100 if unit.strip() in {"%", "percent"} or value > 1 else value
    if parameter == "carbon_content":
        return per_unit(value, unit or "t/GJ", "t", "GJ")
    if parameter == "ncv":
        return per_unit(value, unit or f"GJ/{canonical}", "GJ", canonical)
    if parameter == "kgce":
        return per_unit(value, unit or f"kgce/{'kg' if canonical == 't' else canonical}", "tce", canonical)
    if parameter == "ef" and item == "heat":
        return per_unit(value, unit or "t/GJ", "t", "GJ")
    return per_unit(value, unit or f"t/{canonical}", "t", canonical)


def read_overrides(path: str | Path) -> list[Override]:
    """Read a CSV of overrides: item, parameter, value, unit, note (Chinese headers also accepted).

    Example row: ``原煤,低位发热量,19.57,GJ/t,2023年本地实测``. All rows are checked before any is used.
    """
    path = Path(path)
    headers = {
        "item": "item",
        "项目": "item",
        "能源品种": "item",
        "parameter": "parameter",
        "参数": "parameter",
        "value": "value",
        "数值": "value",
        "unit": "unit",
        "单位": "unit",
        "note": "note",
        "说明": "note",
    }
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = [headers.get(h.strip().lower(), headers.get(h.strip(), h.strip())) for h in next(reader, [])]
        missing = {"item", "parameter", "value"} - set(header)
        if missing:
            raise InventoryInputError(str(path), [RowError(1, None, f"missing columns: {', '.join(sorted(missing))}")])
        rows = [dict(zip(header, raw, strict=False)) for raw in reader]
    return overrides_from_rows(rows, source=str(path), first_row=2)


def overrides_from_rows(
    rows: Iterable[Mapping[str, Any]], *, source: str = "overrides", first_row: int = 1
) -> list[Override]:
    """Check override rows (keys item, parameter, value, unit, note) as a file or a web form gives them.

    Every row is checked before any is used; errors name the row (counted from `first_row`) and the
    key. Values come back in the units the factor set holds (see `Override`).
    """
    errors: list[RowError] = []
    out: list[Override] = []
    for n, row in enumerate(rows, start=first_row):
        text = {k: "" if v is None else str(v) for k, v in row.items()}
        if not any(v.strip() for v in text.values()):
            continue
        name = text.get("item", "").strip()
        item = _ITEM_ALIASES.get(name.lower(), _ITEM_ALIASES.get(name))
        if item is None:
            found = resolve_fuel(name)
            item = found.id if found else None
        if item is None:
            errors.append(RowError(n, "item", f"{name!r} is not a fuel, process, sink, 电网 or 发电煤耗"))
            continue
        parameter = _PARAMETERS.get(text.get("parameter", "").strip().lower())
        if parameter is None:
            errors.append(
                RowError(
                    n,
                    "parameter",
                    f"{text.get('parameter')!r}; expected one of {', '.join(sorted(set(_PARAMETERS.values())))}",
                )
            )
            continue
        if item == "electricity" and parameter in {"ef", "rate"}:
            item = "grid" if parameter == "ef" else "coal_substitution"
        try:
            value = float(text.get("value", "").replace(",", ""))
        except ValueError:
            errors.append(RowError(n, "value", f"{text.get('value')!r} is not a number"))
            continue
        if value < 0:
            errors.append(RowError(n, "value", f"{value} is negative; factors are ≥ 0"))
            continue
        unit = text.get("unit", "").strip()
        try:
            converted = _override_value(item, parameter, value, unit)
        except (UnitError, KeyError) as exc:
            errors.append(RowError(n, "unit", f"{unit!r} does not fit {parameter} of {name}: {exc}"))
            continue
        out.append(Override(item, parameter, converted, unit, text.get("note", "").strip()))
    if errors:
        raise InventoryInputError(source, errors)
    return out


def fuels_without_factor(factors: FactorSet, fuel_ids: Iterable[str]) -> list[str]:
    """Combustible fuels among `fuel_ids` that the set cannot turn into CO2."""
    fuels = all_fuels()
    return [f for f in fuel_ids if fuels[f].combustible and f not in factors.combustion]
