"""Monte Carlo: reproducible for a seed, correlations honoured, summaries as documented."""

from __future__ import annotations

import numpy as np
import pytest
from pathway_samples import TWO_SECTORS, doc

from tanda.pathways import PathwayInputError, compile_model, montecarlo, project, run, validate


def _rank(x: np.ndarray) -> np.ndarray:
    return np.argsort(np.argsort(x)).astype(float)


def test_same_seed_same_result_other_seed_other_result():
    scenario = validate(TWO_SECTORS)
    model = compile_model(scenario)
    a = montecarlo.run(scenario, model, 500, seed=42)
    b = montecarlo.run(scenario, model, 500, seed=42, chunk=64)
    c = montecarlo.run(scenario, model, 500, seed=43)
    assert np.array_equal(a.total_co2, b.total_co2)
    assert np.array_equal(a.peak_year, b.peak_year, equal_nan=True)
    assert not np.array_equal(a.total_co2, c.total_co2)
    assert montecarlo.summary(model, a, 42) == montecarlo.summary(model, b, 42)


def test_correlation_is_honoured():
    scenario = validate(TWO_SECTORS)
    draws = montecarlo.sample(scenario, 20000, seed=1)
    g, e = draws["gdp_growth"], draws["energy_intensity:*"]
    # normal × triangular through a Gaussian copula: the rank correlation is 6/π·asin(ρ/2)
    expected = 6 / np.pi * np.arcsin(-0.6 / 2)
    assert np.corrcoef(_rank(g), _rank(e))[0, 1] == pytest.approx(expected, abs=0.02)
    # uncorrelated pairs stay uncorrelated
    assert abs(np.corrcoef(g, draws["fuel_shift:coal-gas"])[0, 1]) < 0.03
    # marginals as stated
    assert g.std() == pytest.approx(1.0, abs=0.02) and abs(g.mean()) < 0.03
    assert e.min() >= -1.0 and e.max() <= 0.5
    assert np.mean(e) == pytest.approx((-1.0 + 0.0 + 0.5) / 3, abs=0.01)
    u = draws["fuel_shift:coal-gas"]
    assert u.min() >= -10 and u.max() <= 10 and np.mean(u) == pytest.approx(0, abs=0.15)


def test_pearson_correlation_for_normal_marginals_and_its_effect():
    base = doc(TWO_SECTORS)
    base["uncertainty"] = {
        "distributions": [
            {"driver": "gdp_growth", "dist": "normal", "sd": 1.0},
            {"driver": "energy_intensity:*", "dist": "normal", "sd": 1.0},
        ],
        "correlations": [{"drivers": ["gdp_growth", "energy_intensity:*"], "rho": -0.8}],
    }
    offsetting = validate(base)
    draws = montecarlo.sample(offsetting, 20000, seed=5)
    assert np.corrcoef(draws["gdp_growth"], draws["energy_intensity:*"])[0, 1] == pytest.approx(-0.8, abs=0.01)
    base["uncertainty"]["correlations"] = []
    independent = validate(base)
    # faster growth with faster intensity decline offset each other: less spread in 2040 emissions
    m1, m2 = compile_model(offsetting), compile_model(independent)
    s1 = montecarlo.run(offsetting, m1, 4000, seed=5).total_co2[:, 20].std()
    s2 = montecarlo.run(independent, m2, 4000, seed=5).total_co2[:, 20].std()
    assert s1 < 0.6 * s2


def test_inconsistent_correlations_are_named():
    bad = doc(TWO_SECTORS)
    bad["uncertainty"]["correlations"] = [
        {"drivers": ["gdp_growth", "energy_intensity:*"], "rho": 0.9},
        {"drivers": ["gdp_growth", "fuel_shift:coal-gas"], "rho": 0.9},
        {"drivers": ["energy_intensity:*", "fuel_shift:coal-gas"], "rho": -0.9},
    ]
    with pytest.raises(PathwayInputError, match=r"uncertainty\.correlations"):
        montecarlo.sample(validate(bad), 10, seed=0)


def test_unknown_uncertain_driver_is_named():
    bad = doc(TWO_SECTORS)
    bad["uncertainty"]["distributions"][0]["driver"] = "gdp"
    with pytest.raises(PathwayInputError, match=r"uncertainty.distributions\[0\].driver: unknown driver 'gdp'"):
        validate(bad)


def test_summary_quantiles_and_probability():
    scenario = validate(TWO_SECTORS)
    model = compile_model(scenario)
    paths = montecarlo.run(scenario, model, 1000, seed=9)
    s = montecarlo.summary(model, paths, 9)
    years = np.nan_to_num(paths.peak_year, nan=np.inf)
    assert s["p_peak_by_2030"] == pytest.approx(float((years <= 2030).mean()))
    q = s["peak_year_quantiles"]
    assert list(q) == ["p05", "p25", "p50", "p75", "p95"]
    finite = [v for v in q.values() if v is not None]
    assert finite == sorted(finite)
    assert len(s["targets"]) == len(scenario.targets)
    assert all(0.0 <= t["p_met"] <= 1.0 for t in s["targets"])


def test_uncertainty_on_a_measure_shift_and_on_unit_paths():
    d = doc(TWO_SECTORS)
    d["drivers"]["sinks"] = {"unit": "Mt CO2", "path": {2020: 1, 2060: 11}}
    d["uncertainty"]["distributions"] += [
        {"driver": "fuel_shift:power-gas", "dist": "uniform", "low": -5, "high": 5},
        {"driver": "sinks", "dist": "normal", "sd": 0.5},
    ]
    scenario = validate(d)
    model = compile_model(scenario)
    paths = montecarlo.run(scenario, model, 200, seed=4)
    assert paths.total_co2.std(axis=0)[-1] > 0
    draws = montecarlo.sample(scenario, 200, seed=4)
    sinks = project(model, draws).sinks
    assert np.allclose(sinks[:, -1] - 11e6, draws["sinks"] * 1e6)  # the deviation is in the path's unit
    assert run(scenario).wedges  # wedges compile the scenario without the measure whose shift is uncertain
    d["drivers"].pop("sinks")
    with pytest.raises(PathwayInputError, match=r"drivers\.sinks is not set"):
        validate(d)
