"""Compile a validated scenario into yearly numpy arrays (a `Model`) the engine projects.

Rates given per period become one value per year: a period's rate applies in each of its years,
and after the last period the last rate continues (LEAP's habit); years before the first period do
not change. Values at anchor years (shares, sinks, grid factor) are linear between anchors and held
outside them; the base year's own value, where the base states one, is the first anchor. Measures
then take over the drivers they set from their start year on, in their listed order.

Every quantity is converted to internal units here (t CO2, tce, yuan, person, kWh; rates and
shares as fractions), so the engine does arithmetic only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from tanda.pathways import reference
from tanda.pathways.errors import PathwayInputError
from tanda.pathways.quantities import factor
from tanda.pathways.reference import FUEL_GROUPS, HistoryPoint
from tanda.pathways.scenario import ACTIVITIES, ALL_SECTORS, INDUSTRIES, Drivers, Measure, RatePeriod, Scenario, Target


@dataclass(frozen=True)
class Lever:
    """Where a sampled deviation lands: `array` (a Model attribute) += draw × scale × mask."""

    array: str
    mask: np.ndarray  # (T,) or (T, S), 0/1
    scale: float
    index: int | None = None  # the industry, shift or process concerned


@dataclass(frozen=True)
class Model:
    """A scenario as arrays: index 0 of every yearly array is the base year; rates there are 0."""

    name: str
    years: np.ndarray
    sectors: tuple[str, ...]
    fuels: tuple[str, ...]
    activity: np.ndarray  # (S,) index into ACTIVITIES
    power: int | None
    share0: np.ndarray  # (S, F) base-year fuel shares of each sector's fossil energy
    demand0: np.ndarray  # (S,) tce; for the power sector its gross supply (fossil + non-fossil)
    ef: np.ndarray  # (F,) t CO2 / tce
    fuel_group: np.ndarray  # (F,) index into FUEL_GROUPS
    population0: float
    gdp0: float
    structure0: np.ndarray  # (3,)
    population_growth: np.ndarray  # (T,)
    gdp_growth: np.ndarray  # (T,)
    structure: np.ndarray  # (T, 3)
    intensity_change: np.ndarray  # (T, S)
    non_fossil: np.ndarray  # (T,)
    shift_ids: tuple[str, ...]
    shift_fraction: np.ndarray  # (K,)
    shift_ramp: np.ndarray  # (K, T)
    shift_pattern: np.ndarray  # (K, S, F): change of fuel shares when the shift is complete
    process_names: tuple[str, ...]
    process0: np.ndarray  # (J,) t CO2
    process_growth: np.ndarray  # (J, T)
    sinks: np.ndarray  # (T,) t CO2
    net_import: np.ndarray  # (T,) kWh
    grid_factor: np.ndarray  # (T,) t CO2 / kWh
    history: dict[int, HistoryPoint]
    factor_set: tuple[str, str]  # name and digest of the factor set the energy basis comes from
    targets: tuple[Target, ...]
    peak_tolerance: float
    levers: dict[str, Lever] = field(default_factory=dict)
    coal_tce_per_t: float = float("nan")

    @property
    def c0(self) -> np.ndarray:
        """(S,) t CO2 per tce of each sector's base fuel mix."""
        return self.share0 @ self.ef

    @property
    def shift_carbon(self) -> np.ndarray:
        """(K, S) change of a sector's t CO2/tce when shift k is complete."""
        return self.shift_pattern @ self.ef

    def group_matrix(self) -> np.ndarray:
        """(F, G) 1 where fuel f belongs to group g."""
        return (self.fuel_group[:, None] == np.arange(len(FUEL_GROUPS))[None, :]).astype(float)

    def year_index(self, year: int) -> int:
        return int(year - self.years[0])


def rates(periods: Sequence[RatePeriod], years: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Yearly fractions from % periods, and the mask of years the periods define (incl. continuation)."""
    out = np.zeros(len(years))
    defined = np.zeros(len(years), dtype=bool)
    if not periods:
        return out, defined
    ordered = sorted(periods, key=lambda p: p.start)
    for period in ordered:
        sel = (years >= period.start) & (years <= period.end)
        out[sel] = period.pct / 100.0
        defined |= sel
    last = ordered[-1]
    after = years > last.end
    out[after] = last.pct / 100.0
    defined |= after
    out[0] = 0.0
    defined[0] = False
    return out, defined


def levels(anchors: dict[int, float], years: np.ndarray, first: tuple[int, float] | None = None) -> np.ndarray:
    """Linear between anchor years, held before the first and after the last."""
    points = dict(anchors)
    if first is not None and first[0] not in points:
        points[first[0]] = first[1]
    xs = np.array(sorted(points), dtype=float)
    ys = np.array([points[int(x)] for x in xs], dtype=float)
    return np.interp(years.astype(float), xs, ys)


def _overlay(base: np.ndarray, new: np.ndarray, defined: np.ndarray) -> np.ndarray:
    return np.where(defined, new, base)


@dataclass
class _Paths:
    """Mutable yearly paths while measures are laid over the scenario."""

    population_growth: np.ndarray
    gdp_growth: np.ndarray
    structure: np.ndarray
    intensity_change: np.ndarray
    non_fossil: np.ndarray
    process_growth: np.ndarray
    sinks: np.ndarray
    net_import: np.ndarray
    grid_factor: np.ndarray
    shifts: list[tuple[str, list[int], list[int], int, float, int, int]]  # id, sectors, from, to, frac, start, end


def _apply(
    paths: _Paths,
    drivers: Drivers,
    years: np.ndarray,
    sectors: tuple[str, ...],
    processes: tuple[str, ...],
    start: int | None,
    where: str,
) -> None:
    """Lay `drivers` over `paths`; with `start`, only from that year on (a measure)."""
    after = np.ones(len(years), dtype=bool) if start is None else years >= start
    table = reference.fuels()

    def level_path(anchors: dict[int, float], current: np.ndarray) -> np.ndarray:
        if start is None:
            return levels(anchors, years, first=(int(years[0]), float(current[0])))
        i = int(start - years[0])
        later = {y: v for y, v in anchors.items() if y > start}
        new = levels(later or anchors, years, first=(start, float(current[min(i, len(years) - 1)])))
        return _overlay(current, new, after)

    for name in ("population_growth", "gdp_growth"):
        if drivers.is_set(name):
            new, defined = rates(getattr(drivers, name), years)
            setattr(paths, name, _overlay(getattr(paths, name), new, defined & after))
    if drivers.industry_structure:
        anchors = {y: s.fractions() for y, s in drivers.industry_structure.items()}
        paths.structure = np.stack(
            [level_path({y: v[k] for y, v in anchors.items()}, paths.structure[:, k]) for k in range(3)], axis=1
        )
        paths.structure /= paths.structure.sum(axis=1, keepdims=True)
    if drivers.energy_intensity:
        default = drivers.energy_intensity.get(ALL_SECTORS)
        for s, sector in enumerate(sectors):
            periods = drivers.energy_intensity.get(sector, default)
            if periods is not None:
                new, defined = rates(periods, years)
                paths.intensity_change[:, s] = _overlay(paths.intensity_change[:, s], new, defined & after)
    if drivers.non_fossil_share:
        paths.non_fossil = level_path({y: v / 100.0 for y, v in drivers.non_fossil_share.items()}, paths.non_fossil)
    for j, name in enumerate(processes):
        if name in drivers.process:
            new, defined = rates(drivers.process[name], years)
            paths.process_growth[j] = _overlay(paths.process_growth[j], new, defined & after)
    for attr, kind in (
        ("sinks", "co2"),
        ("grid_factor", "co2_per_electricity"),
        ("electricity_net_import", "electricity"),
    ):
        spec = getattr(drivers, attr)
        if spec is None:
            continue
        scale = factor(spec.unit, kind, f"{where}.{attr}.unit")
        anchors = {y: v * scale for y, v in spec.path.items()}
        target = "net_import" if attr == "electricity_net_import" else attr
        current = getattr(paths, target)
        if start is None:
            setattr(paths, target, levels(anchors, years))
        else:
            setattr(paths, target, level_path(anchors, current))
    for shift in drivers.fuel_shifts:
        chosen = (
            list(range(len(sectors))) if ALL_SECTORS in shift.sectors else [sectors.index(s) for s in shift.sectors]
        )
        begin = shift.start if start is None else max(shift.start, start)
        paths.shifts.append(
            (
                shift.id,
                chosen,
                table.members(shift.source),
                table.index(shift.to),
                shift.fraction_pct / 100.0,
                begin,
                max(shift.end, begin),
            )
        )


def _base_arrays(
    scenario: Scenario,
) -> tuple[
    list[str], list[str], list[str | None], np.ndarray, list[str], np.ndarray, float, float, dict[int, HistoryPoint]
]:
    """Sectors, activities, roles, fossil energy (S, F) in tce, process names and CO2, population, GDP, history."""
    base = scenario.base
    table = reference.fuels(base.factor_set)
    if base.source == "ceads":
        assert base.province is not None
        data = reference.ceads_base(base.province, base.year)
        ef = np.broadcast_to(table.ef_tco2_per_tce, data.co2.shape)
        # CO2 with no factor stays NaN (an error below); a fuel the base does not burn is just 0
        energy = np.divide(data.co2, ef, out=np.where(data.co2 != 0, np.nan, 0.0), where=data.co2 != 0)
        sectors = [g.sector for g in data.sectors]
        activities = [g.activity for g in data.sectors]
        roles = [g.role for g in data.sectors]
        history = dict(reference.province_history(base.province))
        point = history.get(base.year)
        population = (
            base.population.value * factor(base.population.unit, "population", "base.population.unit")
            if base.population
            else point.population
        )  # type: ignore[union-attr]
        gdp = base.gdp.value * factor(base.gdp.unit, "currency", "base.gdp.unit") if base.gdp else point.gdp  # type: ignore[union-attr]
        return (
            sectors,
            activities,
            roles,
            energy,
            ["cement"],
            np.array([data.process_co2]),
            float(population),
            float(gdp),
            history,
        )  # type: ignore[arg-type]
    unit = factor(base.energy_unit, "energy", "base.energy_unit")
    sectors = list(base.sectors)
    energy = np.zeros((len(sectors), len(table.names)))
    for s, spec in enumerate(base.sectors.values()):
        for fuel, value in spec.energy.items():
            energy[s, table.index(fuel)] = value * unit
    processes = list(base.process)
    process = np.array([a.value * factor(a.unit, "co2", f"base.process.{k}.unit") for k, a in base.process.items()])
    assert base.population is not None and base.gdp is not None
    population = base.population.value * factor(base.population.unit, "population", "base.population.unit")
    gdp = base.gdp.value * factor(base.gdp.unit, "currency", "base.gdp.unit")
    history = {y: HistoryPoint(co2=h.co2, gdp=h.gdp, energy=h.energy) for y, h in base.history.items()}
    return (
        sectors,
        [s.activity for s in base.sectors.values()],
        [s.role for s in base.sectors.values()],
        energy,
        processes,
        process,
        population,
        gdp,
        history,
    )


def compile_model(scenario: Scenario, measures: Sequence[Measure] | None = None) -> Model:
    """Arrays for `scenario` with `measures` (default: all of the scenario's) laid over its drivers."""
    base = scenario.base
    years = np.arange(base.year, scenario.end_year + 1)
    T = len(years)
    table = reference.fuels(base.factor_set)
    sectors, activities, roles, energy, processes, process0, population0, gdp0, history = _base_arrays(scenario)
    S, F = energy.shape
    _check_factors(scenario, table, energy)
    fossil = energy.sum(axis=1)
    share0 = np.divide(energy, fossil[:, None], out=np.zeros_like(energy), where=fossil[:, None] > 0)
    power = roles.index("power") if "power" in roles else None
    nf0 = base.non_fossil_share / 100.0
    if nf0 >= 1:
        raise PathwayInputError("base.non_fossil_share", "must be below 100 %")
    demand0 = fossil.copy()
    if power is not None:
        demand0[power] += nf0 / (1 - nf0) * fossil.sum()
    structure0 = np.array(base.industry_structure.fractions() if base.industry_structure else (1 / 3, 1 / 3, 1 / 3))
    paths = _Paths(
        population_growth=np.zeros(T),
        gdp_growth=np.zeros(T),
        structure=np.tile(structure0, (T, 1)),
        intensity_change=np.zeros((T, S)),
        non_fossil=np.full(T, nf0),
        process_growth=np.zeros((len(processes), T)),
        sinks=np.zeros(T),
        net_import=np.zeros(T),
        grid_factor=np.zeros(T),
        shifts=[],
    )
    sector_names = tuple(sectors)
    _apply(paths, scenario.drivers, years, sector_names, tuple(processes), None, "drivers")
    chosen = scenario.measures if measures is None else measures
    for i, measure in enumerate(chosen):
        _apply(paths, measure.drivers, years, sector_names, tuple(processes), measure.start, f"measures[{i}].drivers")

    K = len(paths.shifts)
    fraction = np.array([s[4] for s in paths.shifts])
    ramp = np.zeros((K, T))
    pattern = np.zeros((K, S, F))
    for k, (_, chosen_sectors, sources, to, _, begin, end) in enumerate(paths.shifts):
        span = max(end - begin + 1, 1)
        ramp[k] = np.clip((years - begin + 1) / span, 0.0, 1.0)
        for s in chosen_sectors:
            moved = share0[s, sources]
            pattern[k, s, sources] -= moved
            pattern[k, s, to] += moved.sum()
    _check_shift_capacity(paths.shifts, fraction, S, F)

    group_index = {g: i for i, g in enumerate(FUEL_GROUPS)}
    model = Model(
        name=scenario.name,
        years=years,
        sectors=sector_names,
        fuels=table.names,
        activity=np.array([ACTIVITIES.index(a) for a in activities]),
        power=power,
        share0=share0,
        demand0=demand0,
        ef=table.ef_tco2_per_tce,
        fuel_group=np.array([group_index[g] for g in table.groups]),
        population0=population0,
        gdp0=gdp0,
        structure0=structure0,
        population_growth=paths.population_growth,
        gdp_growth=paths.gdp_growth,
        structure=paths.structure,
        intensity_change=paths.intensity_change,
        non_fossil=paths.non_fossil,
        shift_ids=tuple(s[0] for s in paths.shifts),
        shift_fraction=fraction,
        shift_ramp=ramp,
        shift_pattern=pattern,
        process_names=tuple(processes),
        process0=process0,
        process_growth=paths.process_growth,
        sinks=paths.sinks,
        net_import=paths.net_import,
        grid_factor=paths.grid_factor,
        history=history,
        factor_set=(table.factor_set, table.digest),
        targets=tuple(scenario.targets),
        peak_tolerance=scenario.peak_tolerance_pct / 100.0,
        coal_tce_per_t=table.tce_per_t.get("Raw Coal", float("nan")),
    )
    _check_history(model)
    object.__setattr__(model, "levers", _levers(scenario, model))
    return model


def _check_factors(scenario: Scenario, table: reference.FuelTable, energy: np.ndarray) -> None:
    """Every fuel the base burns or a shift moves to needs a factor in the chosen set."""
    missing = np.isnan(table.ef_tco2_per_tce)
    used = missing & ((energy > 0) | np.isnan(energy)).any(axis=0)
    targets = {s.to for d in [scenario.drivers, *(m.drivers for m in scenario.measures)] for s in d.fuel_shifts}
    names = [n for i, n in enumerate(table.names) if used[i] or (missing[i] and n in targets)]
    if names:
        raise PathwayInputError(
            "base.factor_set",
            f"the {table.factor_set!r} factor set has no CO2 factor for {', '.join(names)}; choose another set "
            f"({', '.join(reference.factor_sets())})",
        )


def _check_shift_capacity(shifts: list, fraction: np.ndarray, S: int, F: int) -> None:
    load = np.zeros((S, F))
    for k, (shift_id, chosen, sources, *_rest) in enumerate(shifts):
        for s in chosen:
            load[s, sources] += fraction[k]
            if np.any(load[s, sources] > 1 + 1e-9):
                raise PathwayInputError(
                    "drivers.fuel_shifts",
                    f"shift {shift_id!r} moves more than 100 % of a fuel's base share in total with earlier shifts",
                )


def _check_history(model: Model) -> None:
    base_year = int(model.years[0])
    for i, target in enumerate(model.targets):
        ref = target.reference_year
        if ref is None or ref >= base_year:
            continue
        needed = "co2" if target.indicator == "co2_intensity_change" else "energy"
        for year in (ref, base_year):
            point = model.history.get(year)
            if point is None or getattr(point, needed) is None or point.gdp is None:
                known = sorted(y for y, p in model.history.items() if getattr(p, needed) is not None and p.gdp)
                span = f"{known[0]}–{known[-1]}" if known else "none"
                raise PathwayInputError(
                    f"targets[{i}].reference_year", f"no history of {needed} and GDP for {year} (history: {span})"
                )


def _levers(scenario: Scenario, model: Model) -> dict[str, Lever]:
    """How each driver a distribution may name turns a draw into a change of the model's arrays."""
    T, S = len(model.years), len(model.sectors)
    projected = np.ones(T)
    projected[0] = 0.0
    levers: dict[str, Lever] = {
        "gdp_growth": Lever("gdp_growth", projected, 0.01),
        "population_growth": Lever("population_growth", projected, 0.01),
        "non_fossil_share": Lever("non_fossil", projected, 0.01),
    }
    for i, name in enumerate(INDUSTRIES):
        levers[f"industry_structure:{name}"] = Lever("structure", projected, 0.01, i)
    everywhere = np.ones((T, S))
    everywhere[0] = 0.0
    levers[f"energy_intensity:{ALL_SECTORS}"] = Lever("intensity_change", everywhere, 0.01)
    for s, sector in enumerate(model.sectors):
        mask = np.zeros((T, S))
        mask[1:, s] = 1.0
        levers[f"energy_intensity:{sector}"] = Lever("intensity_change", mask, 0.01)
    for j, name in enumerate(model.process_names):
        levers[f"process:{name}"] = Lever("process_growth", projected, 0.01, j)
    for k, shift_id in enumerate(model.shift_ids):
        levers[f"fuel_shift:{shift_id}"] = Lever("shift_fraction", np.ones(1), 0.01, k)
    d = scenario.drivers
    for key, spec, kind, array in (
        ("sinks", d.sinks, "co2", "sinks"),
        ("grid_factor", d.grid_factor, "co2_per_electricity", "grid_factor"),
        ("electricity_net_import", d.electricity_net_import, "electricity", "net_import"),
    ):
        if spec is not None:  # without a path there is no unit to deviate in (refused by validation)
            levers[key] = Lever(array, projected, factor(spec.unit, kind, key))
    chosen: dict[str, Lever] = {}
    for dist in scenario.uncertainty.distributions:
        if dist.driver not in levers:  # a fuel shift of a measure left out of this compilation
            continue
        lever = levers[dist.driver]
        if dist.start is not None or dist.end is not None:
            lo = dist.start if dist.start is not None else int(model.years[0])
            hi = dist.end if dist.end is not None else int(model.years[-1])
            window = ((model.years >= lo) & (model.years <= hi)).astype(float)
            mask = lever.mask * (window if lever.mask.ndim == 1 else window[:, None])
            if lever.array == "shift_fraction":
                mask = lever.mask
            lever = Lever(lever.array, mask, lever.scale, lever.index)
        chosen[dist.driver] = lever
    return chosen
