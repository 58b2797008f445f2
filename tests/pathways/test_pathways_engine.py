"""The engine: closed-form peaks, CEADs base reproduced, fuel detail consistent, chunking exact."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from pathway_samples import ONE_SECTOR, TWO_SECTORS, doc

from tanda.pathways import compile_model, load_scenario, project, run, validate
from tanda.pathways.montecarlo import sample, split
from tanda.pathways.reference import ceads_base, fuels


def test_peak_year_of_declining_growth_is_known_in_closed_form():
    # GDP growth falls by `step` each year from g0; energy intensity falls by d a year, so emissions
    # E_k = E_0 Π_{i≤k} (1 + g_i)(1 − d) rise while (1 + g_k)(1 − d) > 1, i.e. while g_k > d / (1 − d).
    g0, step, d = 0.06, 0.0025, 0.03
    k_star = math.floor((g0 - d / (1 - d)) / step) + 1  # the last year that still rises
    periods = [{"from": 2020 + k, "to": 2020 + k, "pct": (g0 - step * (k - 1)) * 100} for k in range(1, 41)]
    scenario = validate(
        doc(
            ONE_SECTOR,
            drivers={
                "gdp_growth": periods,
                "energy_intensity": {"*": [{"from": 2021, "to": 2060, "pct": -d * 100}]},
            },
        )
    )
    result = run(scenario)
    assert result.peaks.peak_year[0] == 2020 + k_star == 2032
    e0 = 100e6 * fuels().ef_tco2_per_tce[fuels().index("Raw Coal")]
    expected = [e0 * math.prod((1 + g0 - step * (i - 1)) * (1 - d) for i in range(1, k + 1)) for k in range(41)]
    assert np.allclose(result.projection.total_co2[0], expected, rtol=1e-12)


def test_plateau_start_is_known_in_closed_form():
    # a·(g·d1)^t up to 2030, then a·(g·d1)^10·(g2·d2)^(t−10): maximum in 2030; with a 5 % tolerance
    # the plateau starts at 2030 + ceil(ln 0.95 / ln(g·d1)) and ends at 2030 + floor(ln 0.95 / ln(g2·d2)).
    up, down = 1.05 * 0.98, 1.02 * 0.96
    scenario = validate(
        doc(
            ONE_SECTOR,
            peak_tolerance_pct=5,
            drivers={
                "gdp_growth": [{"from": 2021, "to": 2030, "pct": 5}, {"from": 2031, "to": 2060, "pct": 2}],
                "energy_intensity": {
                    "*": [{"from": 2021, "to": 2030, "pct": -2}, {"from": 2031, "to": 2060, "pct": -4}]
                },
            },
        )
    )
    peaks = run(scenario).peaks
    assert peaks.max_year[0] == 2030
    assert peaks.peak_year[0] == 2030 + math.ceil(math.log(0.95) / math.log(up)) == 2029
    assert peaks.plateau_end[0] == 2030 + math.floor(math.log(0.95) / math.log(down)) == 2032


def test_ceads_base_year_reproduces_published_jilin_totals_exactly():
    scenario = load_scenario("jilin-baseline")
    p = project(compile_model(scenario))
    data = ceads_base("Jilin", 2019)
    assert math.isclose(p.total_co2[0, 0], data.scope1_total, rel_tol=1e-12)
    assert math.isclose(p.total_co2[0, 0] / 1e6, 203.66, abs_tol=0.005)
    by_fuel = p.co2_by_fuel(0)[0]
    assert np.allclose(by_fuel, data.co2, rtol=1e-12, atol=1e-6)
    assert math.isclose(p.process_co2[0, 0], data.process_co2, rel_tol=1e-12)
    assert len(p.model.sectors) >= 10 and len(p.model.fuels) == 17


def test_fuel_detail_adds_up_to_the_factorised_totals():
    scenario = validate(TWO_SECTORS)
    model = compile_model(scenario)
    draws = sample(scenario, 50, seed=3)
    p = project(model, draws)
    for member in (0, 17, 49):
        detail = p.co2_by_fuel(member)
        assert detail.shape == (len(model.years), len(model.sectors), len(model.fuels))
        assert np.allclose(detail.sum(axis=(1, 2)), p.energy_co2[member], rtol=1e-12)
        shares = p.fuel_shares(member)
        assert np.all(shares >= -1e-12) and np.allclose(shares.sum(axis=2)[:, :], 1.0)
        coal = p.energy_by_fuel(member)[:, :, [i for i, g in enumerate(fuels().groups) if g == "coal"]].sum(axis=(1, 2))
        assert np.allclose([p.coal_energy_at(t)[member] for t in range(len(model.years))], coal, rtol=1e-12)


def test_non_fossil_energy_displaces_power_fuel():
    scenario = validate(TWO_SECTORS)
    p = project(compile_model(scenario))
    share = p.non_fossil_share[0]
    assert math.isclose(share[0], 0.10, rel_tol=1e-12)
    assert math.isclose(share[10], 0.20, rel_tol=1e-12)  # anchor 2030
    assert math.isclose(share[5], 0.15, rel_tol=1e-12)  # linear between the base year and 2030
    # total energy does not depend on the non-fossil share; the power sector's fuel does
    lower = validate(doc(TWO_SECTORS, drivers={**TWO_SECTORS["drivers"], "non_fossil_share": {2030: 10, 2060: 10}}))
    q = project(compile_model(lower))
    assert np.allclose(p.total_energy, q.total_energy)
    power = p.model.sectors.index("power")
    assert np.allclose(q.demand[0, :, power] - p.demand[0, :, power], p.non_fossil_energy[0] - q.non_fossil_energy[0])


def test_members_do_not_depend_on_chunking():
    scenario = validate(TWO_SECTORS)
    model = compile_model(scenario)
    draws = sample(scenario, 300, seed=11)
    whole = project(model, draws)
    parts = [project(model, c) for c in split(draws, 77)]
    assert np.array_equal(whole.total_co2, np.concatenate([p.total_co2 for p in parts]))
    assert np.array_equal(whole.total_energy, np.concatenate([p.total_energy for p in parts]))


def test_deterministic_run_is_member_zero_of_a_zero_draw():
    scenario = validate(TWO_SECTORS)
    model = compile_model(scenario)
    zero = {k: np.zeros(3) for k in sample(scenario, 3, seed=0)}
    assert np.array_equal(project(model, zero).total_co2[1], project(model).total_co2[0])


def test_factor_set_changes_energy_not_base_co2():
    from tanda.pathways import PathwayInputError
    from tanda.pathways.scenario import merge
    from tanda.pathways.sharecode import canonical

    doc_ = json.loads(canonical(load_scenario("jilin-baseline")))
    ceads = project(compile_model(validate(doc_)))
    guideline = project(compile_model(validate(merge(doc_, {"base": {"factor_set": "guideline"}}))))
    assert np.isclose(ceads.total_co2[0, 0], guideline.total_co2[0, 0], rtol=1e-12)
    assert not np.isclose(ceads.total_energy[0, 0], guideline.total_energy[0, 0], rtol=1e-3)
    assert ceads.model.factor_set[0] == "ceads" and guideline.model.factor_set[0] == "guideline"
    # the IPCC table has no factor for briquettes or blast-furnace gas, which Jilin burns
    with pytest.raises(PathwayInputError, match=r"base\.factor_set: the 'ipcc2006' factor set has no CO2 factor for"):
        compile_model(validate(merge(doc_, {"base": {"factor_set": "ipcc2006"}})))
    with pytest.raises(PathwayInputError, match=r"base\.factor_set: unknown factor set 'mine'"):
        validate(merge(doc_, {"base": {"factor_set": "mine"}}))
