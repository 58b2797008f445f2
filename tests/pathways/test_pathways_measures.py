"""Measures change drivers from their start year on; wedges add up to all measures minus none."""

from __future__ import annotations

import numpy as np
from pathway_samples import TWO_SECTORS

from tanda.pathways import compile_model, load_scenario, project, run, validate
from tanda.pathways.measures import wedges, without_measures_path


def test_wedges_sum_to_with_minus_without():
    for scenario in (validate(TWO_SECTORS), load_scenario("jilin-enhanced")):
        result = run(scenario)
        total = sum(w.delta_tco2 for w in result.wedges)
        assert np.allclose(total, result.projection.total_co2[0] - without_measures_path(scenario), rtol=0, atol=1e-3)
        assert len(result.wedges) == len(scenario.measures)


def test_a_measure_changes_nothing_before_its_start():
    scenario = validate(TWO_SECTORS)
    for w in wedges(scenario):
        before = scenario.base.year <= np.arange(scenario.base.year, scenario.end_year + 1)
        years = np.arange(scenario.base.year, scenario.end_year + 1)
        assert np.all(w.delta_tco2[(years < w.start) & before] == 0.0)
        assert np.all(w.delta_tco2[years > w.start + 1] < 0)  # both sample measures cut emissions


def test_measure_takes_over_a_rate_from_its_start_year():
    scenario = validate(TWO_SECTORS)
    model = compile_model(scenario)
    industry = model.sectors.index("industry")
    years = model.years
    assert np.all(model.intensity_change[(years >= 2025), industry] == -0.05)
    assert np.all(model.intensity_change[(years > 2020) & (years < 2025), industry] == -0.03)
    homes = model.sectors.index("homes")
    assert np.all(model.intensity_change[years > 2020, homes] == -0.03)


def test_level_measure_starts_from_the_path_it_replaces():
    policy = load_scenario("jilin-policy")
    with_all = compile_model(policy)
    without = compile_model(policy, measures=[])
    start = 2021 - 2019
    assert with_all.non_fossil[start - 1] == without.non_fossil[start - 1]
    assert np.isclose(with_all.non_fossil[2025 - 2019], 0.177)
    p = project(with_all)
    assert np.isclose(p.non_fossil_share[0, 2025 - 2019], 0.177)
