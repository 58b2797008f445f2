"""Additive LMDI-I decomposition (Ang 2005, "The LMDI approach to decomposition analysis: a practical guide").

For an aggregate V = Σ_i Π_k x_{k,i}, the effect of factor k between states 0 and T is

    ΔV_k = Σ_i L(V_i^T, V_i^0) · ln(x_{k,i}^T / x_{k,i}^0),   L(a, b) = (a − b) / (ln a − ln b), L(a, a) = a,

and Σ_k ΔV_k = V^T − V^0 exactly (no residual), which the tests check as a property. Zeros are
handled by their analytical limit (Ang & Liu 2007): a term that is zero in one state gives its
whole change to the factor that is zero, so the effects still sum to the change.

Two identities are offered: Kaya (population × GDP per capita × energy intensity × carbon
intensity of energy) for a region's totals, and a sector × fuel identity for two projected states
(two years of one scenario, or one year of two scenarios).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from tanda.pathways.engine import Projection
from tanda.pathways.errors import PathwayInputError

KAYA_FACTORS = ("population", "affluence", "energy_intensity", "carbon_intensity")


def log_mean(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """L(a, b) element-wise, with L(a, a) = a."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    same = np.isclose(a, b, rtol=1e-12, atol=0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (a - b) / (np.log(a) - np.log(b))
    return np.where(same, a, value)


def decompose(factors0: Mapping[str, np.ndarray], factors1: Mapping[str, np.ndarray]) -> dict[str, float]:
    """Effects of each factor on Σ_i Π_k x_k,i between the two states (factor arrays broadcast over i).

    A term that is zero in one state (a fuel that appears or disappears) takes the analytical limit
    of LMDI-I: its whole change goes to the factor(s) that are zero, shared equally.
    """
    names = list(factors0)
    x0 = np.broadcast_arrays(*(np.asarray(factors0[k], dtype=float) for k in names))
    x1 = np.broadcast_arrays(*(np.asarray(factors1[k], dtype=float) for k in names))
    for k, a, b in zip(names, x0, x1, strict=True):
        if np.any(a < 0) or np.any(b < 0) or not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
            raise PathwayInputError(k, "factors must be finite and not negative")
    v0 = np.prod(x0, axis=0)
    v1 = np.prod(x1, axis=0)
    regular = (v0 > 0) & (v1 > 0)
    weight = np.where(regular, log_mean(np.where(regular, v1, 1.0), np.where(regular, v0, 1.0)), 0.0)
    zero = [((a == 0) | (b == 0)) & ~regular for a, b in zip(x0, x1, strict=True)]
    count = np.maximum(np.sum(zero, axis=0), 1)
    change = v1 - v0
    effects = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        for k, a, b, z in zip(names, x0, x1, zero, strict=True):
            ratio = np.where(regular, np.log(np.where(regular, b, 1.0) / np.where(regular, a, 1.0)), 0.0)
            effects[k] = float(np.sum(weight * ratio) + np.sum(np.where(z, change / count, 0.0)))
    return effects


def kaya(state0: Mapping[str, float], state1: Mapping[str, float]) -> dict[str, object]:
    """Kaya decomposition of CO2 between two states given as population, gdp, energy, co2 (any units)."""
    for label, state in (("from", state0), ("to", state1)):
        for key in ("population", "gdp", "energy", "co2"):
            value = state.get(key)
            if value is None or not value > 0:
                raise PathwayInputError(f"{label}.{key}", f"must be a positive number (got {value!r})")

    def factors(s: Mapping[str, float]) -> dict[str, np.ndarray]:
        return {
            "population": np.array(s["population"]),
            "affluence": np.array(s["gdp"] / s["population"]),
            "energy_intensity": np.array(s["energy"] / s["gdp"]),
            "carbon_intensity": np.array(s["co2"] / s["energy"]),
        }

    effects = decompose(factors(state0), factors(state1))
    return {"from": state0["co2"], "to": state1["co2"], "delta": state1["co2"] - state0["co2"], "effects": effects}


def read_kaya_csv(path: Path) -> dict[int, dict[str, float | None]]:
    """Rows of a `year,population,gdp,energy,co2` CSV; blank cells are missing, bad cells are errors."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise PathwayInputError("", f"cannot read: {exc.strerror}", source=str(path)) from exc
    reader = csv.DictReader(io.StringIO(text))
    needed = ("year", "population", "gdp", "energy", "co2")
    missing = [c for c in needed if c not in (reader.fieldnames or [])]
    if missing:
        raise PathwayInputError(
            "columns", f"missing {', '.join(missing)} (expected {','.join(needed)})", source=str(path)
        )
    out: dict[int, dict[str, float | None]] = {}
    for n, row in enumerate(reader, start=2):
        try:
            year = int(row["year"])
        except (TypeError, ValueError):
            raise PathwayInputError(f"row {n}, column year", f"not a year: {row['year']!r}", source=str(path)) from None
        if year in out:
            raise PathwayInputError(f"row {n}, column year", f"{year} appears twice", source=str(path))
        values: dict[str, float | None] = {}
        for col in needed[1:]:
            cell = (row.get(col) or "").strip()
            try:
                values[col] = float(cell) if cell else None
            except ValueError:
                raise PathwayInputError(f"row {n}, column {col}", f"not a number: {cell!r}", source=str(path)) from None
        out[year] = values
    return out


def kaya_between(rows: Mapping[int, Mapping[str, float | None]], year0: int, year1: int) -> dict[str, object]:
    for label, year in (("--from", year0), ("--to", year1)):
        if year not in rows:
            raise PathwayInputError(label, f"no row for {year}")
        for key, value in rows[year].items():
            if value is None:
                raise PathwayInputError(f"{year}.{key}", "missing")
    result = kaya(rows[year0], rows[year1])  # type: ignore[arg-type]
    return {"from_year": year0, "to_year": year1, **result}


SECTOR_FACTORS = (
    "population",
    "affluence",
    "structure",
    "energy_intensity",
    "non_fossil",
    "fuel_mix",
    "emission_factor",
)


def _sector_state(p: Projection, member: int, t: int) -> tuple[dict[str, np.ndarray], float, float]:
    """Factors of the sector × fuel identity for one state, and the CO2 outside it (process, imports).

    CO2_sf = P · (G/P) · (A_s/G) · (D_s/A_s) · (F_s/D_s) · (E_sf/F_s) · (C_sf/E_sf), with A_s the
    sector's activity in yuan (industry value added; population-driven sectors use P and leave
    affluence and structure at 1), D_s its gross demand, F_s its fossil part (less than D only for
    the power sector, where non-fossil supply displaces fuel).
    """
    m = p.model
    S, F = len(m.sectors), len(m.fuels)
    pop = p.population[member, t]
    gdp = p.gdp[member, t]
    fossil = p.demand[member, t]  # (S,)
    gross = fossil.copy()
    if m.power is not None:
        gross[m.power] += p.non_fossil_energy[member, t]
    shares = p.fuel_shares(member)[t]  # (S, F)
    structure = np.ones(S)
    affluence = np.full(S, gdp / pop)
    for s, kind in enumerate(m.activity):
        if kind < 3:
            structure[s] = p.industry_shares[member, t, kind]
        elif kind == 3:
            affluence[s] = 1.0
    activity = np.where(m.activity == 3, pop, gdp * structure)
    intensity = np.divide(gross, activity, out=np.zeros(S), where=activity > 0)
    non_fossil = np.divide(fossil, gross, out=np.ones(S), where=gross > 0)
    factors = {
        "population": np.full((S, F), pop),
        "affluence": np.repeat(affluence[:, None], F, axis=1),
        "structure": np.repeat(structure[:, None], F, axis=1),
        "energy_intensity": np.repeat(intensity[:, None], F, axis=1),
        "non_fossil": np.repeat(non_fossil[:, None], F, axis=1),
        "fuel_mix": shares,
        "emission_factor": np.broadcast_to(m.ef, (S, F)).copy(),
    }
    return factors, float(p.process_co2[member, t]), float(p.import_co2[member, t])


def decompose_projections(a: Projection, year_a: int, b: Projection, year_b: int, member: int = 0) -> dict[str, object]:
    """Sector × fuel LMDI of total CO2 from (a, year_a) to (b, year_b); process and imports are their own effects."""
    fa, proc_a, imp_a = _sector_state(a, member, a.model.year_index(year_a))
    fb, proc_b, imp_b = _sector_state(b, member, b.model.year_index(year_b))
    if a.model.sectors != b.model.sectors:
        raise PathwayInputError("sectors", "the two scenarios have different sectors")
    effects = decompose(fa, fb)
    effects["process"] = proc_b - proc_a
    effects["imported_electricity"] = imp_b - imp_a
    total_a = float(a.total_co2[member, a.model.year_index(year_a)])
    total_b = float(b.total_co2[member, b.model.year_index(year_b)])
    return {"from": total_a, "to": total_b, "delta": total_b - total_a, "effects": effects}
