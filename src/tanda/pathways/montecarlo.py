"""Monte Carlo: draws on drivers (normal, uniform, triangular), correlated through a Gaussian copula.

All draws are made up front from one seeded generator (PCG64), in the order of the scenario's
distributions, so a run is reproducible for a seed and does not depend on how the members are then
split across processes. Correlations are those of the underlying standard normals; for normal
marginals that is the Pearson correlation of the draws, for the others the rank correlation is
6/π·asin(ρ/2).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tanda.pathways.drivers import Model
from tanda.pathways.engine import project
from tanda.pathways.errors import PathwayInputError
from tanda.pathways.peak import path_peaks
from tanda.pathways.scenario import Distribution, Scenario
from tanda.pathways.targets import check_targets

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
CHUNK = 256  # members projected together: arrays stay in cache, measured fastest on 2 cores
_erf = np.frompyfunc(math.erf, 1, 1)


def normal_cdf(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + _erf(z / math.sqrt(2.0)).astype(float))


def _marginal(dist: Distribution, z: np.ndarray) -> np.ndarray:
    if dist.dist == "normal":
        assert dist.sd is not None
        return dist.mean + dist.sd * z
    u = normal_cdf(z)
    lo, hi = float(dist.low), float(dist.high)  # type: ignore[arg-type]
    if dist.dist == "uniform":
        return dist.mean + lo + (hi - lo) * u
    mode = float(dist.mode)  # type: ignore[arg-type]
    cut = (mode - lo) / (hi - lo)
    left = lo + np.sqrt(u * (hi - lo) * (mode - lo))
    right = hi - np.sqrt((1.0 - u) * (hi - lo) * (hi - mode))
    return dist.mean + np.where(u < cut, left, right)


def correlation_matrix(scenario: Scenario) -> np.ndarray:
    names = [d.driver for d in scenario.uncertainty.distributions]
    corr = np.eye(len(names))
    for c in scenario.uncertainty.correlations:
        i, j = names.index(c.drivers[0]), names.index(c.drivers[1])
        corr[i, j] = corr[j, i] = c.rho
    return corr


def sample(scenario: Scenario, members: int, seed: int) -> dict[str, np.ndarray]:
    """Draws per driver, (members,) each, in the drivers' own units (deviations from the scenario)."""
    if members < 1:
        raise PathwayInputError("members", f"must be at least 1 (got {members})")
    dists = scenario.uncertainty.distributions
    rng = np.random.Generator(np.random.PCG64(seed))
    z = rng.standard_normal((members, len(dists)))
    if not dists:
        return {}
    corr = correlation_matrix(scenario)
    try:
        chol = np.linalg.cholesky(corr)
    except np.linalg.LinAlgError:
        raise PathwayInputError(
            "uncertainty.correlations", "the correlations are not consistent (the matrix is not positive definite)"
        ) from None
    z = z @ chol.T
    return {d.driver: _marginal(d, z[:, i]) for i, d in enumerate(dists)}


@dataclass(frozen=True)
class MemberPaths:
    """What the summary needs of every member: (M, T) paths and per-member peaks and target checks."""

    total_co2: np.ndarray
    peak_year: np.ndarray
    peak_value: np.ndarray
    target_met: np.ndarray  # (M, n_targets) bool


def project_members(model: Model, draws: dict[str, np.ndarray]) -> MemberPaths:
    """Project the members of `draws` (one chunk or all) and reduce them to what the summary needs."""
    members = len(next(iter(draws.values()))) if draws else 1
    projection = project(model, draws, members)
    peaks = path_peaks(projection.total_co2, model.years, model.peak_tolerance)
    checks = check_targets(model, projection, peaks)
    met = np.stack([c.met for c in checks], axis=1) if checks else np.zeros((members, 0), dtype=bool)
    return MemberPaths(projection.total_co2, peaks.peak_year, peaks.peak_value, met)


def concat(parts: Sequence[MemberPaths]) -> MemberPaths:
    return MemberPaths(
        np.concatenate([p.total_co2 for p in parts]),
        np.concatenate([p.peak_year for p in parts]),
        np.concatenate([p.peak_value for p in parts]),
        np.concatenate([p.target_met for p in parts]),
    )


def split(draws: dict[str, np.ndarray], chunk: int) -> list[dict[str, np.ndarray]]:
    members = len(next(iter(draws.values())))
    return [{k: v[i : i + chunk] for k, v in draws.items()} for i in range(0, members, chunk)]


Mapper = Callable[[Callable[..., MemberPaths], Model, list[dict[str, np.ndarray]]], list[MemberPaths]]


def run(
    scenario: Scenario,
    model: Model,
    members: int,
    seed: int,
    *,
    chunk: int | None = None,
    mapper: Mapper | None = None,
) -> MemberPaths:
    """Draw, then project in chunks; `mapper` runs the chunks elsewhere (Dask), the result is the same."""
    draws = sample(scenario, members, seed)
    if not draws:  # no uncertainty: every member is the scenario itself
        one = project_members(model, {})
        return concat([one] * members)
    chunks = split(draws, chunk or CHUNK)
    parts = [project_members(model, c) for c in chunks] if mapper is None else mapper(project_members, model, chunks)
    return concat(parts)


def _quantile_years(values: np.ndarray) -> dict[str, int | None]:
    """Quantiles of peak years; a member not peaked within the horizon counts as later than every year."""
    ordered = np.where(np.isnan(values), np.inf, values)
    out: dict[str, int | None] = {}
    for q in QUANTILES:
        v = float(np.quantile(ordered, q, method="inverted_cdf"))
        out[f"p{round(q * 100):02d}"] = None if math.isinf(v) else int(v)
    return out


def summary(model: Model, paths: MemberPaths, seed: int, by_year: int = 2030) -> dict[str, Any]:
    """The JSON the CLI prints: probability of peaking by `by_year`, peak-year quantiles, target odds."""
    peaked_by = np.nan_to_num(paths.peak_year, nan=np.inf) <= by_year
    totals = paths.total_co2
    return {
        "scenario": model.name,
        "members": int(totals.shape[0]),
        "seed": seed,
        "by_year": by_year,
        f"p_peak_by_{by_year}": float(peaked_by.mean()),
        "p_peak_by_2030": float((np.nan_to_num(paths.peak_year, nan=np.inf) <= 2030).mean()),
        "p_not_peaked_by_end": float(np.isnan(paths.peak_year).mean()),
        "peak_year_quantiles": _quantile_years(paths.peak_year),
        "peak_tco2_quantiles": {f"p{round(q * 100):02d}": float(np.quantile(paths.peak_value, q)) for q in QUANTILES},
        "total_tco2_quantiles": {
            "years": model.years.tolist(),
            **{f"p{round(q * 100):02d}": np.quantile(totals, q, axis=0).round(1).tolist() for q in (0.05, 0.5, 0.95)},
        },
        "targets": [
            {
                "indicator": t.indicator,
                "year": t.year,
                "value": t.value,
                "p_met": float(paths.target_met[:, i].mean()),
            }
            for i, t in enumerate(model.targets)
        ],
    }


def peak_year_distribution(paths: MemberPaths) -> dict[str, Any]:
    """Share of members peaking in each year (for a histogram), and the share not peaked within the horizon."""
    peaked = paths.peak_year[~np.isnan(paths.peak_year)]
    years, counts = np.unique(peaked.astype(int), return_counts=True)
    members = len(paths.peak_year)
    return {
        "members": members,
        "years": years.tolist(),
        "share": (counts / members).tolist(),
        "not_peaked": float(np.isnan(paths.peak_year).mean()),
    }
