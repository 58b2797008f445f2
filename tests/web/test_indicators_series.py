"""The domain helpers the indicator pages add: series with derived years, and the forecast fan (no database)."""

from __future__ import annotations

import pytest

from tanda.indicators import forecast
from tanda.indicators.fan import forecast_path
from tanda.indicators.series import annual_series, inputs_needed


def test_observed_values_win_and_missing_years_are_derived():
    observed = {
        "co2_emissions": {2018: 19624.7, 2019: 20366.2, 2020: 20000.0},
        "gdp_constant_prices": {2018: 6999.9, 2019: 7180.5},
        "co2_intensity": {2019: 2.9},  # a reported value overrides the formula
    }
    series = annual_series("co2_intensity", observed)
    assert series.values == {2018: pytest.approx(19624.7 / 6999.9), 2019: 2.9}
    assert series.derived == {2018}  # 2020 lacks GDP: not derived


def test_per_capita_co2_uses_the_units_of_its_inputs():
    series = annual_series("co2_per_capita", {"co2_emissions": {2019: 19768.3}, "population": {2019: 2691}})
    assert series.values[2019] == pytest.approx(7.346, abs=1e-3)  # 万吨 / 万人 = 吨/人
    assert inputs_needed("co2_per_capita") == {"co2_per_capita", "co2_emissions", "population"}


@pytest.mark.parametrize(
    "history",
    [
        {2020: 12.0, 2021: 12.9, 2022: 13.8, 2023: 14.5, 2024: 15.1},  # short: linear trend
        {y: 100 - 2 * (y - 2000) + (y * 7) % 5 for y in range(2000, 2020)},  # long: chosen out of sample
        {2022: 3.0, 2024: 4.0},  # two points: a line, no interval
    ],
)
def test_the_fan_ends_at_the_target_year_forecast(history):
    target = forecast(history, 2030)
    fan = forecast_path(history, 2030, target.method)
    assert [p.year for p in fan] == list(range(max(history) + 1, 2031))
    assert fan[-1].value == pytest.approx(target.value)
    if target.lower is None:
        assert fan[-1].lower is None
    else:
        assert (fan[-1].lower, fan[-1].upper) == (pytest.approx(target.lower), pytest.approx(target.upper))
        widths = [p.upper - p.lower for p in fan]
        assert widths == sorted(widths)  # the interval widens with the horizon
