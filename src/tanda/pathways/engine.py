"""The projection engine: members × years × sectors (× fuels), vectorised with numpy.

Per member m, year t, sector s:

    activity[m,t,s]  = GDP index × industry share / base share   (industries)
                     = population index                          (households)
                     = GDP index                                 (the power and heat sector)
    demand[m,t,s]    = base demand[s] × activity × Π(1 + intensity change)
    CO2[m,t,s]       = fossil demand × Σ_f share[m,t,s,f] × EF[f]

Non-fossil energy is `non-fossil share × total energy`; it displaces the power sector's fossil
input (never below zero), or, without a power sector, adds to total energy. Fuel shifts are linear
in their fraction, so the carbon factor of a sector is its base factor plus Σ_k fraction × ramp ×
(the shift's change of factor): the (M, T, S, F) tensor is never formed for totals, only on demand
for one member's detail. That is what makes 10,000 members of a 16-sector × 17-fuel × 42-year
model take a fraction of a second.

All arithmetic is element-wise or a reduction over the last axis, so a member's result does not
depend on how many members are computed together (the Dask run relies on that to be identical).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from tanda.pathways.drivers import Model
from tanda.pathways.reference import FUEL_GROUPS

Deviations = Mapping[str, np.ndarray]


@dataclass
class Projection:
    """Projected paths of `members` members; arrays are (M, T) unless stated."""

    model: Model
    members: int
    gdp: np.ndarray  # yuan
    population: np.ndarray  # persons
    industry_shares: np.ndarray  # (M, T, 3) primary, secondary, tertiary shares of GDP
    demand: np.ndarray  # (M, T, S) fossil energy, tce
    shift_weight: np.ndarray  # (M, K, T) completed fraction of each fuel shift
    carbon: np.ndarray  # (1 or M, T, S) t CO2 per tce of each sector's fuel mix
    energy_co2: np.ndarray
    process_co2: np.ndarray
    import_co2: np.ndarray
    total_co2: np.ndarray
    sinks: np.ndarray
    total_energy: np.ndarray  # tce, fossil + non-fossil
    non_fossil_energy: np.ndarray  # tce

    @property
    def years(self) -> np.ndarray:
        return self.model.years

    @property
    def sector_co2(self) -> np.ndarray:
        """(M, T, S) energy CO2 by sector, t (formed on demand: Monte Carlo needs only the totals)."""
        return self.demand * self.carbon

    @property
    def net_co2(self) -> np.ndarray:
        return self.total_co2 - self.sinks

    @property
    def fossil_energy(self) -> np.ndarray:
        return self.demand.sum(axis=-1)

    def group_energy_at(self, t: int) -> np.ndarray:
        """(M, G) fossil energy by fuel group (coal, oil, gas) in year index `t`, tce."""
        m = self.model
        groups = m.group_matrix()
        share = np.broadcast_to(m.share0 @ groups, (self.members, len(m.sectors), groups.shape[1])).copy()
        moved = np.einsum("ksf,fg->ksg", m.shift_pattern, groups)  # (K, S, G)
        for k in range(len(m.shift_ids)):
            share += self.shift_weight[:, k, t, None, None] * moved[k][None]
        return (self.demand[:, t, :, None] * share).sum(axis=1)

    def coal_energy_at(self, t: int) -> np.ndarray:
        """(M,) coal (all coal-group fuels) in year index `t`, tce."""
        return self.group_energy_at(t)[:, FUEL_GROUPS.index("coal")]

    def group_energy(self, member: int = 0) -> np.ndarray:
        """(T, G) fossil energy of one member by fuel group, tce."""
        return self.energy_by_fuel(member).sum(axis=1) @ self.model.group_matrix()

    @property
    def non_fossil_share(self) -> np.ndarray:
        return self.non_fossil_energy / self.total_energy

    def fuel_shares(self, member: int = 0) -> np.ndarray:
        """(T, S, F) fuel shares of one member."""
        m = self.model
        share = np.broadcast_to(m.share0, (len(m.years), *m.share0.shape)).copy()
        for k in range(len(m.shift_ids)):
            share += self.shift_weight[member, k, :, None, None] * m.shift_pattern[k][None]
        return share

    def energy_by_fuel(self, member: int = 0) -> np.ndarray:
        """(T, S, F) fossil energy of one member, tce."""
        return self.demand[member][:, :, None] * self.fuel_shares(member)

    def co2_by_fuel(self, member: int = 0) -> np.ndarray:
        """(T, S, F) energy CO2 of one member, t."""
        return self.energy_by_fuel(member) * self.model.ef[None, None, :]


def _path(model: Model, name: str, deviations: Deviations, members: int, plus: float = 0.0) -> np.ndarray:
    """A yearly driver (+ `plus`) with every sampled deviation that lands on it: a new (1 or M, T[, S]) array."""
    central = getattr(model, name)
    out = None
    for key, lever in model.levers.items():
        if lever.array == name and key in deviations and lever.index is None:
            draw = (deviations[key] * lever.scale).reshape((members,) + (1,) * central.ndim)
            if out is None:
                out = draw * lever.mask[None]
            else:
                out += draw * lever.mask[None]
    if out is None:
        return central[None] + plus
    out += central + plus if plus else central
    return out


def _indexed(model: Model, name: str, deviations: Deviations, index: int, members: int) -> np.ndarray | None:
    """The summed deviation of the levers on component `index` of `name`: (M, T) or None."""
    out = None
    for key, lever in model.levers.items():
        if lever.array == name and lever.index == index and key in deviations:
            draw = (deviations[key] * lever.scale)[:, None] * lever.mask[None]
            out = draw if out is None else out + draw
    return out


def _structure(model: Model, deviations: Deviations, members: int) -> np.ndarray:
    """(1 or M, T, 3) industry shares; a deviation of one industry is taken from the others pro rata."""
    shares = model.structure[None]
    for i in range(3):
        delta = _indexed(model, "structure", deviations, i, members)
        if delta is None:
            continue
        shares = np.broadcast_to(shares, (members, *model.structure.shape)).copy()
        new = np.clip(shares[:, :, i] + delta, 0.0, 1.0)
        rest = 1.0 - shares[:, :, i]
        scale = np.divide(1.0 - new, rest, out=np.zeros_like(rest), where=rest > 0)
        for j in range(3):
            if j != i:
                shares[:, :, j] *= scale
        shares[:, :, i] = new
    return shares


def _shift_fractions(model: Model, deviations: Deviations, members: int) -> np.ndarray:
    """(1 or M, K) shift fractions in [0, 1]; where draws overfill a fuel, the shifts touching it are scaled down."""
    K = len(model.shift_ids)
    fractions = model.shift_fraction[None, :]
    drawn = False
    for k in range(K):
        delta = _indexed(model, "shift_fraction", deviations, k, members)
        if delta is not None:
            if not drawn:
                fractions = np.broadcast_to(fractions, (members, K)).copy()
                drawn = True
            fractions[:, k] = np.clip(fractions[:, k] + delta[:, 0], 0.0, 1.0)
    if drawn and K > 1:
        touched = model.shift_pattern < 0  # (K, S, F): cells a shift takes from
        load = np.einsum("mk,ksf->msf", fractions, touched.astype(float))
        over = np.maximum(load, 1.0)
        for k in range(K):
            cells = touched[k]
            if cells.any():
                fractions[:, k] /= over[:, cells].max(axis=1)
    return fractions


def project(model: Model, deviations: Deviations | None = None, members: int | None = None) -> Projection:
    """Project every member; without deviations, the scenario's own path as one member."""
    dev: Deviations = deviations or {}
    M = members if members is not None else (len(next(iter(dev.values()))) if dev else 1)
    T, S = len(model.years), len(model.sectors)

    gdp_index = np.cumprod(_path(model, "gdp_growth", dev, M, plus=1.0), axis=1)
    pop_index = np.cumprod(_path(model, "population_growth", dev, M, plus=1.0), axis=1)
    shares = _structure(model, dev, M)
    # activity index by kind, in the order of ACTIVITIES: primary, secondary, tertiary, population, gdp
    kinds = np.empty((max(gdp_index.shape[0], pop_index.shape[0], shares.shape[0]), T, 5))
    kinds[:, :, 0:3] = gdp_index[:, :, None] * (shares / model.structure0[None, None, :])
    kinds[:, :, 3] = pop_index
    kinds[:, :, 4] = gdp_index
    growth = _path(model, "intensity_change", dev, M, plus=1.0)
    growth[:, 0, :] = model.demand0  # the base year does not change: start the product from base demand
    demand = np.cumprod(growth, axis=1, out=growth)
    activity = kinds[:, :, model.activity]
    if activity.shape[0] == demand.shape[0]:
        demand *= activity
    else:
        demand = demand * activity
    if demand.shape[0] != M:
        demand = np.broadcast_to(demand, (M, T, S)).copy()

    nf = np.clip(_path(model, "non_fossil", dev, M), 0.0, 0.99)
    gross_all = demand.sum(axis=-1)  # with the power sector's gross supply: total energy
    if model.power is not None:
        gross = demand[:, :, model.power].copy()
        total_energy = gross_all
        non_fossil = np.minimum(nf * total_energy, gross)
        demand[:, :, model.power] = gross - non_fossil
    else:
        total_energy = gross_all / (1.0 - nf)
        non_fossil = total_energy - gross_all
    total_energy = np.broadcast_to(total_energy, (M, T))
    non_fossil = np.broadcast_to(non_fossil, (M, T))

    fractions = _shift_fractions(model, dev, M)
    weight = fractions[:, :, None] * model.shift_ramp[None, :, :]  # (1 or M, K, T)
    carbon = np.broadcast_to(model.c0, (weight.shape[0] if len(model.shift_ids) else 1, T, S)).copy()
    shift_carbon = model.shift_carbon
    for k in range(len(model.shift_ids)):
        carbon += weight[:, k, :, None] * shift_carbon[k][None, None, :]
    weight = np.broadcast_to(weight, (M, *model.shift_ramp.shape))
    if carbon.shape[0] == M:
        energy_co2 = np.einsum("mts,mts->mt", demand, carbon)
    else:
        energy_co2 = np.einsum("mts,ts->mt", demand, carbon[0])

    process = np.zeros((1, T))
    for j in range(len(model.process_names)):
        growth_j = model.process_growth[j][None, :] + 1.0
        delta = _indexed(model, "process_growth", dev, j, M)
        if delta is not None:
            growth_j = growth_j + delta
        process = process + model.process0[j] * np.cumprod(growth_j, axis=1)
    imports = _path(model, "net_import", dev, M) * _path(model, "grid_factor", dev, M)
    total = energy_co2 + process + imports
    sinks = _path(model, "sinks", dev, M)
    return Projection(
        model=model,
        members=M,
        gdp=np.broadcast_to(model.gdp0 * gdp_index, (M, T)),
        population=np.broadcast_to(model.population0 * pop_index, (M, T)),
        industry_shares=np.broadcast_to(shares, (M, T, 3)),
        demand=demand,
        shift_weight=weight,
        carbon=carbon,
        energy_co2=energy_co2,
        process_co2=np.broadcast_to(process, (M, T)),
        import_co2=np.broadcast_to(imports, (M, T)),
        total_co2=total,
        sinks=np.broadcast_to(sinks, (M, T)),
        total_energy=total_energy,
        non_fossil_energy=non_fossil,
    )
