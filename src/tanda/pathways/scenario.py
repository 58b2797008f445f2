"""Scenario documents: schema, inheritance (baseline → policy → enhanced) and validation.

A scenario is a YAML or JSON document. It starts from a base-year inventory (the packaged CEADs
table of a province, or an inline one) and sets drivers per period. A child names its `parent` and
overrides what it changes, as LEAP users expect: mappings merge key by key, lists of items with an
`id` (measures, fuel shifts) merge by id, targets by (indicator, year), distributions by driver,
any other list replaces the parent's. Validation runs on the merged document and reports every
problem with the field it is in; nothing is projected until the whole document is valid.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from tanda.pathways import reference
from tanda.pathways.errors import PathwayInputError
from tanda.pathways.quantities import factor

Year = Annotated[int, Field(ge=1900, le=2200)]
Percent = Annotated[float, Field(ge=0, le=100)]
INDUSTRIES = ("primary", "secondary", "tertiary")
ACTIVITIES = (*INDUSTRIES, "population", "gdp")
ALL_SECTORS = "*"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class RatePeriod(_Strict):
    """A constant annual rate of change, % per year, applied in each year from `from` to `to` inclusive."""

    start: Year = Field(alias="from")
    end: Year = Field(alias="to")
    pct: float = Field(ge=-100, le=1000)

    @model_validator(mode="after")
    def _ordered(self) -> RatePeriod:
        if self.end < self.start:
            raise ValueError(f"the period ends in {self.end} before it starts in {self.start}")
        return self


def _no_overlap(periods: list[RatePeriod]) -> list[RatePeriod]:
    ordered = sorted(periods, key=lambda p: p.start)
    for a, b in pairwise(ordered):
        if b.start <= a.end:
            raise ValueError(f"periods {a.start}–{a.end} and {b.start}–{b.end} overlap")
    return periods


RatePath = Annotated[list[RatePeriod], AfterValidator(_no_overlap)]


def _check_unit(unit: str, kind: str) -> str:
    try:
        factor(unit, kind, "unit")
    except PathwayInputError as exc:
        raise ValueError(exc.message) from None
    return unit


class _UnitPath(_Strict):
    """Values at anchor years in `unit`; linear between anchors, held before the first and after the last."""

    kind: ClassVar[str] = ""
    nonnegative: ClassVar[bool] = True
    unit: str
    path: dict[Year, float]

    @field_validator("unit")
    @classmethod
    def _unit(cls, unit: str) -> str:
        return _check_unit(unit, cls.kind)

    @field_validator("path")
    @classmethod
    def _values(cls, path: dict[int, float]) -> dict[int, float]:
        if not path:
            raise ValueError("needs at least one year")
        for year, value in path.items():
            if not math.isfinite(value):
                raise ValueError(f"{year}: not a number")
            if cls.nonnegative and value < 0:
                raise ValueError(f"{year}: must not be negative (got {value})")
        return path


class Co2Path(_UnitPath):
    kind = "co2"


class GridFactorPath(_UnitPath):
    kind = "co2_per_electricity"


class ElectricityPath(_UnitPath):
    """Net electricity import; negative for a net exporter."""

    kind = "electricity"
    nonnegative = False


class _Amount(_Strict):
    kind: ClassVar[str] = ""
    value: float
    unit: str

    @field_validator("unit")
    @classmethod
    def _unit(cls, unit: str) -> str:
        return _check_unit(unit, cls.kind)


class GdpAmount(_Amount):
    kind = "currency"

    @field_validator("value")
    @classmethod
    def _positive(cls, value: float) -> float:
        if not value > 0:
            raise ValueError(f"GDP must be positive (got {value})")
        return value


class PopulationAmount(_Amount):
    kind = "population"

    @field_validator("value")
    @classmethod
    def _positive(cls, value: float) -> float:
        if not value > 0:
            raise ValueError(f"population must be positive (got {value})")
        return value


class Co2Amount(_Amount):
    kind = "co2"

    @field_validator("value")
    @classmethod
    def _nonnegative(cls, value: float) -> float:
        if value < 0:
            raise ValueError(f"must not be negative (got {value})")
        return value


class Structure(_Strict):
    """The three-industry structure: shares of GDP in %, summing to 100."""

    primary: Percent
    secondary: Percent
    tertiary: Percent

    @model_validator(mode="after")
    def _sum(self) -> Structure:
        total = self.primary + self.secondary + self.tertiary
        if abs(total - 100) > 0.5:
            raise ValueError(f"the three shares sum to {total:g} %, not 100 %")
        return self

    def fractions(self) -> tuple[float, float, float]:
        total = self.primary + self.secondary + self.tertiary
        return (self.primary / total, self.secondary / total, self.tertiary / total)


def _known_fuels(energy: dict[str, float]) -> dict[str, float]:
    names = reference.fuels().names
    for fuel in energy:
        if fuel not in names:
            raise ValueError(f"unknown fuel {fuel!r}; known: {', '.join(names)}")
    return energy


class SectorSpec(_Strict):
    """An inline base-year sector: what drives its activity and its fossil energy by fuel."""

    activity: Literal["primary", "secondary", "tertiary", "population", "gdp"]
    role: Literal["power"] | None = None
    energy: Annotated[dict[str, Annotated[float, Field(ge=0)]], AfterValidator(_known_fuels)]


class HistoryEntry(_Strict):
    """One historic year, any consistent units: only ratios to the base year are used."""

    co2: float | None = Field(default=None, gt=0)
    gdp: float | None = Field(default=None, gt=0)
    energy: float | None = Field(default=None, gt=0)


class Base(_Strict):
    """The base-year inventory: the packaged CEADs table of a province, or inline sectors."""

    year: Year
    source: Literal["ceads"] | None = None
    province: str | None = None
    population: PopulationAmount | None = None
    gdp: GdpAmount | None = None
    energy_unit: str = "tce"
    factor_set: str = reference.DEFAULT_FACTOR_SET
    sectors: dict[str, SectorSpec] = Field(default_factory=dict)
    process: dict[str, Co2Amount] = Field(default_factory=dict)
    industry_structure: Structure | None = None
    non_fossil_share: Percent = 0.0
    history: dict[Year, HistoryEntry] = Field(default_factory=dict)

    @field_validator("energy_unit")
    @classmethod
    def _energy_unit(cls, unit: str) -> str:
        return _check_unit(unit, "energy")

    @field_validator("factor_set")
    @classmethod
    def _factor_set(cls, name: str) -> str:
        known = reference.factor_sets()
        if name not in known:
            raise ValueError(f"unknown factor set {name!r}; known: {', '.join(known)}")
        return name

    @model_validator(mode="after")
    def _complete(self) -> Base:
        if self.source == "ceads":
            if self.province is None:
                raise PathwayInputError("province", "required with source: ceads (e.g. Jilin)")
            if self.province not in reference.ceads_provinces():
                raise PathwayInputError(
                    "base.province",
                    f"no packaged CEADs sectoral data for {self.province!r}; "
                    f"packaged: {', '.join(reference.ceads_provinces())}",
                )
            years = reference.ceads_years(self.province)
            if self.year not in years:
                raise PathwayInputError("year", f"CEADs data for {self.province} cover {years[0]}–{years[-1]}")
            if self.sectors or self.process:
                raise PathwayInputError("sectors", "not allowed with source: ceads (they come from the CEADs table)")
            history = reference.province_history(self.province).get(self.year)
            for name in ("gdp", "population"):
                if getattr(self, name) is None and (history is None or getattr(history, name) is None):
                    raise PathwayInputError(f"{name}", f"no packaged {name} for {self.province}; give it here")
        else:
            if not self.sectors:
                raise PathwayInputError("sectors", "give the base-year sectors, or source: ceads")
            for name in ("gdp", "population"):
                if getattr(self, name) is None:
                    raise PathwayInputError(f"{name}", "required for an inline base")
            powers = [k for k, s in self.sectors.items() if s.role == "power"]
            if len(powers) > 1:
                raise PathwayInputError("sectors", f"at most one power sector (got {', '.join(powers)})")
        return self

    def sector_names(self) -> list[str]:
        if self.source == "ceads":
            return [g.sector for g in reference.ceads_sectors()]
        return list(self.sectors)

    def process_names(self) -> list[str]:
        return ["cement"] if self.source == "ceads" else list(self.process)

    def activities(self) -> list[str]:
        if self.source == "ceads":
            return [g.activity for g in reference.ceads_sectors()]
        return [s.activity for s in self.sectors.values()]


class FuelShift(_Strict):
    """Move `fraction_pct` % of the base-year share of `from` (a fuel or coal/oil/gas) to `to`, linearly."""

    id: str
    sectors: list[str] = Field(default_factory=lambda: [ALL_SECTORS])
    source: str = Field(alias="from")
    to: str
    fraction_pct: Percent
    start: Year
    end: Year

    @model_validator(mode="after")
    def _valid(self) -> FuelShift:
        table = reference.fuels()
        for name, value in (("from", self.source), ("to", self.to)):
            if value not in table.names and value not in reference.FUEL_GROUPS:
                raise PathwayInputError(
                    name,
                    f"unknown fuel {value!r}; known: {', '.join(table.names)} or {', '.join(reference.FUEL_GROUPS)}",
                )
        if self.to in reference.FUEL_GROUPS:
            raise PathwayInputError("to", f"must be one fuel, not the group {self.to!r}")
        if self.to in table.members(self.source):
            raise PathwayInputError("to", f"{self.to!r} is part of from={self.source!r}")
        if self.end < self.start:
            raise PathwayInputError("end", f"the shift ends in {self.end} before it starts in {self.start}")
        return self


class Drivers(_Strict):
    """What changes, per period or at anchor years. Every field is optional; empty means no change."""

    population_growth: RatePath = Field(default_factory=list)
    gdp_growth: RatePath = Field(default_factory=list)
    industry_structure: dict[Year, Structure] = Field(default_factory=dict)
    energy_intensity: dict[str, RatePath] = Field(default_factory=dict)
    fuel_shifts: list[FuelShift] = Field(default_factory=list)
    non_fossil_share: dict[Year, Percent] = Field(default_factory=dict)
    grid_factor: GridFactorPath | None = None
    electricity_net_import: ElectricityPath | None = None
    process: dict[str, RatePath] = Field(default_factory=dict)
    sinks: Co2Path | None = None

    def is_set(self, name: str) -> bool:
        value = getattr(self, name)
        return bool(value) if not isinstance(value, BaseModel) else True


class Measure(_Strict):
    """A policy measure: drivers that take over from `start` on. Its wedge is the path with minus without it."""

    id: str
    title: str | None = None
    start: Year
    drivers: Drivers


TargetIndicator = Literal[
    "non_fossil_share",
    "co2_intensity_change",
    "energy_intensity_change",
    "co2_total",
    "energy_total",
    "coal_consumption",
    "coal_share",
    "peak_year",
]
SHARE_INDICATORS = ("non_fossil_share", "coal_share")
CHANGE_INDICATORS = ("co2_intensity_change", "energy_intensity_change")
CAP_UNIT_KIND = {"co2_total": ("co2",), "energy_total": ("energy",), "coal_consumption": ("energy", "mass")}
FLOOR_INDICATORS = ("non_fossil_share",)


class Target(_Strict):
    """A plan target checked against the projected path.

    Shares are in %; `*_change` targets are % change against `reference_year` (−65 means a fall of
    65 %); caps carry a unit; `peak_year` is met when the path peaks no later than `value`.
    """

    indicator: TargetIndicator
    year: Year | None = None
    value: float
    unit: str | None = None
    reference_year: Year | None = None
    label: str | None = None

    @model_validator(mode="after")
    def _valid(self) -> Target:
        if self.indicator == "peak_year":
            if self.year is None:
                self.year = int(self.value)
            return self
        if self.year is None:
            raise PathwayInputError("year", f"required for {self.indicator}")
        if self.indicator in SHARE_INDICATORS and not 0 <= self.value <= 100:
            raise PathwayInputError("value", f"a share must be within 0–100 % (got {self.value:g})")
        if self.indicator in CHANGE_INDICATORS:
            if self.reference_year is None:
                raise PathwayInputError("reference_year", f"required for {self.indicator}")
            if self.value < -100:
                raise PathwayInputError("value", f"a change cannot be below −100 % (got {self.value:g})")
        if self.indicator in CAP_UNIT_KIND:
            if self.unit is None:
                raise PathwayInputError("unit", f"required for {self.indicator}")
            if self.value < 0:
                raise PathwayInputError("value", f"a cap must not be negative (got {self.value:g})")
            kinds = CAP_UNIT_KIND[self.indicator]
            problems = []
            for kind in kinds:
                try:
                    factor(self.unit, kind, "unit")
                    break
                except PathwayInputError as exc:
                    problems.append(exc.message)
            else:
                raise PathwayInputError("unit", " or ".join(problems))
        return self


class Distribution(_Strict):
    """Uncertainty on one driver, as a deviation from the scenario's value in the driver's own units.

    Rates and shares deviate in percentage points, paths with a unit in that unit. The same draw
    applies to every year of the driver (from `start` to `end` if given).
    """

    driver: str
    dist: Literal["normal", "uniform", "triangular"]
    mean: float = 0.0
    sd: float | None = Field(default=None, gt=0)
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    start: Year | None = None
    end: Year | None = None

    @model_validator(mode="after")
    def _params(self) -> Distribution:
        if self.dist == "normal" and self.sd is None:
            raise PathwayInputError("sd", "required for a normal distribution")
        if self.dist in ("uniform", "triangular"):
            if self.low is None or self.high is None:
                raise PathwayInputError("low", f"low and high are required for a {self.dist} distribution")
            if not self.low < self.high:
                raise PathwayInputError("high", f"must be above low ({self.low:g})")
        if self.dist == "triangular":
            if self.mode is None:
                raise PathwayInputError("mode", "required for a triangular distribution")
            if not self.low <= self.mode <= self.high:  # type: ignore[operator]
                raise PathwayInputError("mode", f"must lie within low–high ({self.low:g}–{self.high:g})")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise PathwayInputError("end", f"ends in {self.end} before it starts in {self.start}")
        return self


class Correlation(_Strict):
    """Correlation of two drivers' draws (of the underlying normals: a Gaussian copula)."""

    drivers: tuple[str, str]
    rho: float = Field(ge=-1, le=1)


class Uncertainty(_Strict):
    distributions: list[Distribution] = Field(default_factory=list)
    correlations: list[Correlation] = Field(default_factory=list)


class Scenario(_Strict):
    """A validated, self-contained scenario (inheritance already resolved)."""

    name: str = Field(min_length=1)
    title: str | None = None
    description: str | None = None
    region: str | None = None
    parent: str | None = None
    base: Base
    end_year: Year = 2060
    peak_tolerance_pct: float = Field(default=1.0, ge=0, le=50)
    drivers: Drivers = Field(default_factory=Drivers)
    measures: list[Measure] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    uncertainty: Uncertainty = Field(default_factory=Uncertainty)

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        problems: list[tuple[str, str]] = []
        if self.end_year <= self.base.year:
            problems.append(
                ("end_year", f"the projection ends in {self.end_year}, before it starts ({self.base.year + 1})")
            )
        sectors = self.base.sector_names()
        processes = self.base.process_names()
        activities = self.base.activities()
        _check_drivers(self.drivers, "drivers", sectors, processes, problems)
        needs_structure = any(a in INDUSTRIES for a in activities)
        if needs_structure and self.base.industry_structure is None:
            problems.append(("base.industry_structure", "required: some sectors grow with an industry's value added"))
        ids = [m.id for m in self.measures]
        for i, measure in enumerate(self.measures):
            if ids.count(measure.id) > 1:
                problems.append((f"measures[{i}].id", f"duplicate id {measure.id!r}"))
            _check_drivers(measure.drivers, f"measures[{i}].drivers", sectors, processes, problems)
            if measure.start <= self.base.year:
                problems.append((f"measures[{i}].start", f"must be after the base year {self.base.year}"))
        for i, target in enumerate(self.targets):
            if target.indicator != "peak_year" and not self.base.year <= (target.year or 0) <= self.end_year:
                problems.append(
                    (f"targets[{i}].year", f"{target.year} is outside the projection {self.base.year}–{self.end_year}")
                )
        known = set(driver_keys(self))
        names = [d.driver for d in self.uncertainty.distributions]
        for i, dist in enumerate(self.uncertainty.distributions):
            if dist.driver not in known:
                problems.append(
                    (
                        f"uncertainty.distributions[{i}].driver",
                        f"unknown driver {dist.driver!r}; known: {', '.join(sorted(known))}",
                    )
                )
            elif names.count(dist.driver) > 1:
                problems.append((f"uncertainty.distributions[{i}].driver", f"{dist.driver!r} has two distributions"))
            elif dist.driver in UNIT_PATH_DRIVERS and getattr(self.drivers, dist.driver) is None:
                problems.append(
                    (
                        f"uncertainty.distributions[{i}].driver",
                        f"drivers.{dist.driver} is not set, so the deviation has no unit",
                    )
                )
        for i, corr in enumerate(self.uncertainty.correlations):
            for name in corr.drivers:
                if name not in names:
                    problems.append((f"uncertainty.correlations[{i}].drivers", f"{name!r} has no distribution"))
            if corr.drivers[0] == corr.drivers[1]:
                problems.append((f"uncertainty.correlations[{i}].drivers", "a driver cannot be correlated with itself"))
        if problems:
            raise PathwayInputError(problems[0][0], problems[0][1], more=problems[1:])
        return self


def _check_drivers(
    drivers: Drivers, where: str, sectors: list[str], processes: list[str], problems: list[tuple[str, str]]
) -> None:
    for key in drivers.energy_intensity:
        if key != ALL_SECTORS and key not in sectors:
            problems.append((f"{where}.energy_intensity.{key}", f"unknown sector {key!r}; known: {', '.join(sectors)}"))
    for i, shift in enumerate(drivers.fuel_shifts):
        for name in shift.sectors:
            if name != ALL_SECTORS and name not in sectors:
                problems.append(
                    (f"{where}.fuel_shifts[{i}].sectors", f"unknown sector {name!r}; known: {', '.join(sectors)}")
                )
    ids = [s.id for s in drivers.fuel_shifts]
    for i, shift in enumerate(drivers.fuel_shifts):
        if ids.count(shift.id) > 1:
            problems.append((f"{where}.fuel_shifts[{i}].id", f"duplicate id {shift.id!r}"))
    for key in drivers.process:
        if key not in processes:
            problems.append(
                (f"{where}.process.{key}", f"unknown process {key!r}; known: {', '.join(processes) or 'none'}")
            )


UNIT_PATH_DRIVERS = ("sinks", "grid_factor", "electricity_net_import")


def driver_keys(scenario: Scenario) -> list[str]:
    """The names a distribution can put uncertainty on."""
    keys = ["gdp_growth", "population_growth", "non_fossil_share", "sinks", "grid_factor", "electricity_net_import"]
    keys += [f"industry_structure:{i}" for i in INDUSTRIES]
    keys += [f"energy_intensity:{s}" for s in [ALL_SECTORS, *scenario.base.sector_names()]]
    keys += [f"process:{p}" for p in scenario.base.process_names()]
    shifts = [s.id for s in scenario.drivers.fuel_shifts] + [
        s.id for m in scenario.measures for s in m.drivers.fuel_shifts
    ]
    keys += [f"fuel_shift:{s}" for s in shifts]
    return keys


# -- reading, inheritance, validation ---------------------------------------------------------------

_MERGE_KEYS: dict[str, tuple[str, ...]] = {
    "measures": ("id",),
    "fuel_shifts": ("id",),
    "targets": ("indicator", "year", "reference_year"),
    "distributions": ("driver",),
}


def merge(parent: Any, child: Any, key: str = "") -> Any:
    """Child over parent: mappings merge recursively, keyed lists merge by key, anything else replaces."""
    if isinstance(parent, Mapping) and isinstance(child, Mapping):
        out = dict(parent)
        for k, v in child.items():
            out[k] = merge(parent[k], v, str(k)) if k in parent else v
        return out
    keys = _MERGE_KEYS.get(key)
    if keys and isinstance(parent, list) and isinstance(child, list):

        def ident(item: Any) -> tuple[Any, ...] | None:
            return tuple(item.get(k) for k in keys) if isinstance(item, Mapping) else None

        out_list = list(parent)
        index = {ident(item): i for i, item in enumerate(out_list)}
        for item in child:
            ident_item = ident(item)
            if ident_item is not None and ident_item in index:
                out_list[index[ident_item]] = merge(out_list[index[ident_item]], item)
            else:
                out_list.append(item)
        return out_list
    return child


def read_document(path: Path) -> dict[str, Any]:
    """Read one scenario file (YAML or JSON) as a mapping."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PathwayInputError("", f"cannot read: {exc.strerror}", source=str(path)) from exc
    try:
        doc = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise PathwayInputError(
            "", f"not valid {'JSON' if path.suffix == '.json' else 'YAML'}: {exc}", source=str(path)
        ) from exc
    if not isinstance(doc, dict):
        raise PathwayInputError("", "a scenario must be a mapping at the top level", source=str(path))
    return doc


def _packaged_path(name: str) -> Path | None:
    files = reference.packaged_scenarios()
    if name in files:
        return Path(str(resources.files(reference.SCENARIO_PACKAGE).joinpath(files[name])))
    return None


def _find(name: str, folder: Path | None) -> Path | None:
    if folder is not None:
        for candidate in (folder / name, *(folder / f"{name}{ext}" for ext in (".yaml", ".yml", ".json"))):
            if candidate.is_file():
                return candidate
    return _packaged_path(name)


def resolve_document(path: Path, _seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The document at `path` merged over its parents (parents found beside it, then among packaged ones)."""
    path = path.resolve()
    if path in _seen:
        chain = " → ".join(p.name for p in (*_seen, path))
        raise PathwayInputError("parent", f"inheritance loops: {chain}", source=str(_seen[0]))
    doc = read_document(path)
    parent_name = doc.get("parent")
    if parent_name is None:
        return doc
    if not isinstance(parent_name, str):
        raise PathwayInputError("parent", "must be a scenario name or file", source=str(path))
    parent_path = _find(parent_name, path.parent)
    if parent_path is None:
        raise PathwayInputError("parent", f"no scenario {parent_name!r} beside this file or packaged", source=str(path))
    merged = merge(resolve_document(parent_path, (*_seen, path)), {k: v for k, v in doc.items() if k != "name"})
    merged["name"] = doc.get("name", path.stem)
    merged["parent"] = parent_name
    return merged


def _field(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif "[" in str(part) and "," in str(part):  # pydantic's union/function tags, not a field
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


def validate(doc: Mapping[str, Any], source: str | None = None) -> Scenario:
    """Validate a merged document; every problem is reported with its field."""
    try:
        return Scenario.model_validate(dict(doc))
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = _field(tuple(error["loc"]))
            ctx_error = (error.get("ctx") or {}).get("error")
            if isinstance(ctx_error, PathwayInputError):
                for field, message in ctx_error.problems:
                    problems.append((f"{where}.{field}" if where and field else where or field, message))
                continue
            message = error["msg"].removeprefix("Value error, ")
            problems.append((where, message))
        raise PathwayInputError(problems[0][0], problems[0][1], source=source, more=problems[1:]) from None


def load_scenario(ref: str | Path) -> Scenario:
    """A scenario from a file, a packaged scenario name (`jilin-policy`), or a share code."""
    from tanda.pathways import sharecode

    text = str(ref)
    if sharecode.is_code(text):
        return sharecode.decode(text)
    path = Path(text)
    if not path.is_file():
        packaged = _packaged_path(text)
        if packaged is None:
            raise PathwayInputError("", "no such file, packaged scenario or share code", source=text)
        path = packaged
    return validate(resolve_document(path), source=str(path))


# -- documents that are not files (stored scenarios, API bodies) ------------------------------------


def json_keys(value: Any) -> Any:
    """The document with every mapping key a string, as JSON stores it.

    YAML reads `2030:` as an int and JSON as "2030"; merging a parent read from one with a child
    from the other must meet the same key, so both sides are brought to JSON's form first
    (validation turns the keys back into years).
    """
    if isinstance(value, Mapping):
        return {str(k): json_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_keys(v) for v in value]
    return value


def inherit(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """One step of inheritance: `child` over its already-resolved `parent`, as `resolve_document` does for files.

    The child keeps its own name (a missing name stays missing, for validation to report) and
    names its parent.
    """
    merged = merge(json_keys(parent), {k: v for k, v in json_keys(child).items() if k != "name"})
    merged.pop("name", None)
    if "name" in child:
        merged["name"] = child["name"]
    merged["parent"] = child.get("parent") or parent.get("name")
    return merged


def packaged_document(name: str) -> dict[str, Any] | None:
    """A packaged scenario (`jilin-policy`) merged over its parents; None if there is none of that name."""
    path = _packaged_path(name)
    return resolve_document(path) if path is not None else None


def resolve_mapping(
    doc: Mapping[str, Any],
    lookup: Callable[[str], Mapping[str, Any] | None] | None = None,
    source: str | None = None,
    _seen: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A document given as a mapping, merged over its parents.

    A parent is looked up by name with `lookup` (it returns the parent's own document, which may
    name a parent in turn), then among the packaged scenarios. Same merge rules as files.
    """
    parent_name = doc.get("parent")
    if parent_name is None:
        return json_keys(doc)
    if not isinstance(parent_name, str):
        raise PathwayInputError("parent", "must be a scenario name", source=source)
    here = str(doc.get("name", ""))
    if parent_name in (*_seen, here):
        chain = " → ".join((*_seen, here, parent_name))
        raise PathwayInputError("parent", f"inheritance loops: {chain}", source=source)
    found = lookup(parent_name) if lookup is not None else None
    if found is not None:
        parent = resolve_mapping(found, lookup, source, (*_seen, here))
    else:
        parent = packaged_document(parent_name)
        if parent is None:
            raise PathwayInputError("parent", f"no scenario {parent_name!r} stored or packaged", source=source)
    return inherit(parent, doc)
