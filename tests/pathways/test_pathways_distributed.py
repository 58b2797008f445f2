"""A run on a Dask LocalCluster is identical to the single-process run."""

from __future__ import annotations

import numpy as np

from tanda.pathways import compile_model, distributed, load_scenario, montecarlo, run


def test_localcluster_montecarlo_and_scenarios_identical_to_single_process():
    scenario = load_scenario("jilin-baseline")
    model = compile_model(scenario)
    single = montecarlo.run(scenario, model, 600, seed=2026)
    with distributed.client(workers=1, processes=False) as client:
        spread = montecarlo.run(scenario, model, 600, seed=2026, chunk=150, mapper=distributed.mapper(client))
        many = distributed.run_scenarios([scenario, load_scenario("jilin-policy")], client)
    assert np.array_equal(single.total_co2, spread.total_co2)
    assert np.array_equal(single.peak_year, spread.peak_year, equal_nan=True)
    assert np.array_equal(single.target_met, spread.target_met)
    assert montecarlo.summary(model, single, 2026) == montecarlo.summary(model, spread, 2026)
    assert [r.scenario.name for r in many] == ["jilin-baseline", "jilin-policy"]
    assert np.array_equal(many[0].projection.total_co2, run(scenario).projection.total_co2)
