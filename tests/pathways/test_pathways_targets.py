"""Plan targets against the path: intensity chaining to history, caps in their units, margins."""

from __future__ import annotations

import pytest
from pathway_samples import TWO_SECTORS, doc

from tanda.pathways import load_scenario, run, validate
from tanda.pathways.reference import fuels, jilin_history


def _checks(scenario):
    result = run(scenario)
    return result, {(c.target.indicator, c.target.year): c for c in result.targets}


def test_co2_intensity_against_a_year_before_the_base_chains_history():
    result, checks = _checks(validate(TWO_SECTORS))
    p = result.projection
    t = 2030 - 2020
    model_ratio = (p.energy_co2[0, t] / p.gdp[0, t]) / (p.energy_co2[0, 0] / p.gdp[0, 0])
    history_ratio = (150 / 12000) / (100 / 4000)  # the sample's inline history, base year over 2005
    check = checks[("co2_intensity_change", 2030)]
    assert check.projected[0] == pytest.approx((model_ratio * history_ratio - 1) * 100, rel=1e-12)
    assert check.met[0] == (check.projected[0] <= -65)
    assert check.margin[0] == pytest.approx(-65 - check.projected[0])


def test_jilin_co2_intensity_2005_uses_ceads_and_gdp_at_2005_prices():
    result, checks = _checks(load_scenario("jilin-baseline"))
    p = result.projection
    h = jilin_history()
    t = 2030 - 2019
    expected = (p.energy_co2[0, t] / p.gdp[0, t]) / (h[2005].co2 / h[2005].gdp) - 1
    # equal up to the rounding of the totals file (197.683 Mt) against the sectoral matrix it summarises
    assert checks[("co2_intensity_change", 2030)].projected[0] == pytest.approx(expected * 100, rel=1e-5)


def test_coal_cap_in_tonnes_of_raw_coal():
    result, checks = _checks(validate(TWO_SECTORS))
    check = checks[("coal_consumption", 2025)]
    coal_tce = result.projection.coal_energy_at(5)[0]
    assert check.projected[0] == pytest.approx(coal_tce / fuels().tce_per_t["Raw Coal"] / 1e4, rel=1e-12)
    assert check.met[0] == (check.projected[0] <= 6000)


def test_floor_and_peak_targets():
    scenario = validate(
        doc(
            TWO_SECTORS,
            targets=[
                {"indicator": "non_fossil_share", "year": 2030, "value": 25},
                {"indicator": "peak_year", "value": 2019},
                {"indicator": "energy_intensity_change", "year": 2030, "reference_year": 2025, "value": -10},
                {"indicator": "co2_total", "year": 2040, "value": 100, "unit": "Mt CO2"},
            ],
        )
    )
    result, checks = _checks(scenario)
    nf = checks[("non_fossil_share", 2030)]
    assert nf.projected[0] == pytest.approx(20.0) and not nf.met[0] and nf.margin[0] == pytest.approx(-5.0)
    peak = checks[("peak_year", 2019)]
    assert peak.projected[0] == result.peaks.peak_year[0] and peak.met[0] == (result.peaks.peak_year[0] <= 2019)
    p = result.projection
    ei = (p.total_energy[0, 10] / p.gdp[0, 10]) / (p.total_energy[0, 5] / p.gdp[0, 5]) - 1
    assert checks[("energy_intensity_change", 2030)].projected[0] == pytest.approx(ei * 100, rel=1e-12)
    cap = checks[("co2_total", 2040)]
    assert cap.projected[0] == pytest.approx(p.total_co2[0, 20] / 1e6, rel=1e-12)


def test_target_unit_that_does_not_fit_is_named():
    from tanda.pathways import PathwayInputError

    bad = doc(TWO_SECTORS, targets=[{"indicator": "coal_consumption", "year": 2025, "value": 1, "unit": "kWh/yuan"}])
    with pytest.raises(PathwayInputError, match=r"targets\[0\]\.unit"):
        validate(bad)
