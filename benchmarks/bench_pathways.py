"""Benchmark: 10,000 Monte Carlo members of the Jilin policy scenario (16 sectors × 17 fuels × 2019–2060).

Timings of the same arithmetic on the same draws:

- tanda: `montecarlo.run` + `summary` (draws, projection, plateau peaks, target checks, summary);
- bare numpy: the same arithmetic written out by hand on the compiled model's arrays, with no
  engine abstractions, all members at once and in blocks of the engine's chunk size; the ratio is
  to the faster of the two (goal: tanda within 2× of it);
- Python loop: the model member by member in plain Python (goal: tanda ≥ 100× faster), once with
  the fuel detail the model is defined by and once with the engine's factorised fuel sum; timed
  on a sample of members and scaled linearly, which the output says.

Each variant's totals are checked against tanda's before any time is reported.

    python benchmarks/bench_pathways.py [--members 10000] [--loop-members 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Callable

import numpy as np

from tanda.pathways import compile_model, load_scenario, montecarlo
from tanda.pathways.drivers import Model
from tanda.pathways.montecarlo import _marginal, correlation_matrix
from tanda.pathways.reference import FUEL_GROUPS
from tanda.pathways.scenario import Scenario

SCENARIO = "jilin-policy"


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def draws_by_hand(scenario: Scenario, members: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.Generator(np.random.PCG64(seed))
    dists = scenario.uncertainty.distributions
    z = rng.standard_normal((members, len(dists))) @ np.linalg.cholesky(correlation_matrix(scenario)).T
    return {d.driver: _marginal(d, z[:, i]) for i, d in enumerate(dists)}


def bare_numpy(model: Model, scenario: Scenario, members: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Totals and peak years of every member, the engine's arithmetic spelled out for this scenario's drivers."""
    d = draws_by_hand(scenario, members, seed)
    on = np.ones(len(model.years))
    on[0] = 0.0
    g = model.gdp_growth[None] + (d["gdp_growth"] * 0.01)[:, None] * on
    p = model.population_growth[None] + (d["population_growth"] * 0.01)[:, None] * on
    ic = model.intensity_change[None] + (d["energy_intensity:*"] * 0.01)[:, None, None] * on[None, :, None]
    gdp = np.cumprod(1 + g, axis=1)
    pop = np.cumprod(1 + p, axis=1)
    kinds = np.concatenate(
        [gdp[:, :, None] * (model.structure / model.structure0)[None], pop[:, :, None], gdp[:, :, None]], axis=2
    )
    demand = kinds[:, :, model.activity] * model.demand0 * np.cumprod(1 + ic, axis=1)
    total_energy = demand.sum(axis=-1)
    gross = demand[:, :, model.power].copy()
    non_fossil = np.minimum(np.clip(model.non_fossil, 0, 0.99)[None] * total_energy, gross)
    demand[:, :, model.power] = gross - non_fossil
    weight = model.shift_fraction[:, None] * model.shift_ramp  # (K, T): no draws on the shifts
    carbon = model.share0 @ model.ef + weight.T @ (model.shift_pattern @ model.ef)  # (T, S)
    co2 = (demand * carbon[None]).sum(axis=-1)
    process = (model.process0[:, None] * np.cumprod(1 + model.process_growth, axis=1)).sum(axis=0)
    total = co2 + process[None]
    # plateau peak
    top = total.argmax(axis=1)
    value = total.max(axis=1)
    within = total >= value[:, None] * (1 - model.peak_tolerance)
    idx = np.arange(len(model.years))[None]
    start = np.where(~within & (idx < top[:, None]), idx, -1).max(axis=1) + 1
    peak_year = np.where(top < len(model.years) - 1, model.years[0] + start, np.nan)
    # target indicators in their years
    groups = model.group_matrix()
    coal_share0 = (model.share0 @ groups)[:, FUEL_GROUPS.index("coal")]
    coal_moved = (model.shift_pattern @ groups)[:, :, FUEL_GROUPS.index("coal")]
    for target in model.targets:
        if target.year is None or target.indicator == "peak_year":
            continue
        t = model.year_index(target.year)
        coal = demand[:, t] @ (coal_share0 + weight[:, t] @ coal_moved)
        _ = (non_fossil[:, t] / total_energy[:, t], coal / total_energy[:, t], co2[:, t] / gdp[:, t])
    return total, peak_year


def python_loop(
    model: Model, draws: dict[str, np.ndarray], members: range, fuel_detail: bool = True
) -> list[list[float]]:
    """The same model member by member, year by year, sector by sector in plain Python.

    With `fuel_detail` (the loop a modeller writes from the model's definition) every sector's
    energy is split into its 17 fuels and each fuel's CO2 summed; without it the loop uses the
    engine's factorisation (a sector's carbon factor is its base factor plus the shifts' changes).
    """
    T, S = len(model.years), len(model.sectors)
    ef = model.ef.tolist()
    share0 = model.share0.tolist()
    pattern = model.shift_pattern.tolist()
    carbon0 = (model.share0 @ model.ef).tolist()
    shift_carbon = (model.shift_pattern @ model.ef).tolist()
    weight = (model.shift_fraction[:, None] * model.shift_ramp).tolist()
    K, F = len(weight), len(ef)
    activity = model.activity.tolist()
    demand0 = model.demand0.tolist()
    structure = (model.structure / model.structure0).tolist()
    ic = model.intensity_change.tolist()
    out = []
    for m in members:
        dg, dp, di = (float(draws[k][m]) * 0.01 for k in ("gdp_growth", "population_growth", "energy_intensity:*"))
        gdp = pop = 1.0
        intensity = [1.0] * S
        process = [float(v) for v in model.process0]
        totals = []
        for t in range(T):
            if t > 0:
                gdp *= 1 + float(model.gdp_growth[t]) + dg
                pop *= 1 + float(model.population_growth[t]) + dp
                for s in range(S):
                    intensity[s] *= 1 + ic[t][s] + di
                for j in range(len(process)):
                    process[j] *= 1 + float(model.process_growth[j][t])
            kinds = [gdp * structure[t][0], gdp * structure[t][1], gdp * structure[t][2], pop, gdp]
            demand = [kinds[activity[s]] * demand0[s] * intensity[s] for s in range(S)]
            total_energy = sum(demand)
            gross = demand[model.power]
            demand[model.power] = gross - min(float(model.non_fossil[t]) * total_energy, gross)
            co2 = 0.0
            for s in range(S):
                if fuel_detail:
                    for f in range(F):
                        share = share0[s][f]
                        for k in range(K):
                            share += weight[k][t] * pattern[k][s][f]
                        co2 += demand[s] * share * ef[f]
                else:
                    c = carbon0[s]
                    for k in range(K):
                        c += weight[k][t] * shift_carbon[k][s]
                    co2 += demand[s] * c
            totals.append(co2 + sum(process))
        out.append(totals)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--loop-members", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    scenario = load_scenario(SCENARIO)
    model = compile_model(scenario)
    names = {d.driver for d in scenario.uncertainty.distributions}
    assert names == {"gdp_growth", "population_growth", "energy_intensity:*"}, "the bare kernels assume these draws"

    paths = montecarlo.run(scenario, model, args.members, args.seed)
    total, peak_year = bare_numpy(model, scenario, args.members, args.seed)
    assert np.allclose(total, paths.total_co2, rtol=1e-10), "bare numpy kernel differs from tanda"
    assert np.array_equal(np.nan_to_num(peak_year), np.nan_to_num(paths.peak_year))
    draws = montecarlo.sample(scenario, args.members, args.seed)
    loop_members = range(min(args.loop_members, args.members))
    for detail in (True, False):
        looped = python_loop(model, draws, loop_members, fuel_detail=detail)
        assert np.allclose(looped, paths.total_co2[: len(loop_members)], rtol=1e-10), "Python loop differs from tanda"

    def tanda_run() -> None:
        montecarlo.summary(model, montecarlo.run(scenario, model, args.members, args.seed), args.seed)

    t_tanda = best_of(tanda_run, args.repeat)
    t_bare_whole = best_of(lambda: bare_numpy(model, scenario, args.members, args.seed), args.repeat)

    def bare_chunked() -> None:  # the same kernel on blocks of the engine's chunk size, to be fair to it
        for start in range(0, args.members, montecarlo.CHUNK):
            bare_numpy(model, scenario, min(montecarlo.CHUNK, args.members - start), args.seed + start)

    t_bare_chunked = best_of(bare_chunked, args.repeat)
    t_bare = min(t_bare_whole, t_bare_chunked)
    scale = args.members / len(loop_members)
    loops = max(1, args.repeat // 2)
    t_loop = scale * best_of(lambda: python_loop(model, draws, loop_members), loops)
    t_loop_factorised = scale * best_of(lambda: python_loop(model, draws, loop_members, fuel_detail=False), loops)
    print(
        json.dumps(
            {
                "scenario": SCENARIO,
                "members": args.members,
                "shape": {"years": len(model.years), "sectors": len(model.sectors), "fuels": len(model.fuels)},
                "tanda_s": round(t_tanda, 4),
                "bare_numpy_s": round(t_bare, 4),
                "bare_numpy_all_at_once_s": round(t_bare_whole, 4),
                "bare_numpy_chunked_s": round(t_bare_chunked, 4),
                "python_loop_s": round(t_loop, 2),
                "python_loop_factorised_s": round(t_loop_factorised, 2),
                "python_loop_note": (
                    f"timed on {len(loop_members)} members, scaled linearly; the first loop splits every sector into "
                    "its fuels as the model is defined, the second uses the engine's factorised fuel sum"
                ),
                "ratio_to_bare_numpy": round(t_tanda / t_bare, 2),
                "speedup_over_python_loop": round(t_loop / t_tanda, 1),
                "speedup_over_factorised_python_loop": round(t_loop_factorised / t_tanda, 1),
                "goals": {"tanda_s": "<= 1", "ratio_to_bare_numpy": "<= 2", "speedup_over_python_loop": ">= 100"},
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "numpy": np.__version__},
                "repeat": args.repeat,
                "load_average_1min": round(os.getloadavg()[0], 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
