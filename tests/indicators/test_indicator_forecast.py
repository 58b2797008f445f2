"""Forecasts: model choice on series of known structure, intervals, the probability of meeting a target."""

import itertools
from collections import Counter

import numpy as np
import pytest

from tanda.indicators import Goal, assess, forecast
from tanda.indicators.forecasting import _choose, rolling_origin_errors


def trend_series(seed):
    rng = np.random.default_rng(seed)
    return {2005 + i: 10 + 0.8 * i + rng.normal(0, 0.4) for i in range(16)}


def test_linear_trend_is_recognised_and_its_interval_covers_the_truth():
    truth = 10 + 0.8 * (2030 - 2005)
    results = [forecast(trend_series(seed), 2030) for seed in range(6)]
    methods = Counter(f.method for f in results)
    assert "naive" not in methods  # a trending series never picks "no change"
    assert methods.most_common(1)[0][0] == "linear_trend"
    covered = sum(f.lower <= truth <= f.upper for f in results)
    assert covered >= 4  # an 80 % interval: about 5 of 6
    for f in results:
        assert f.lower < f.value < f.upper and f.errors and "rolling-origin" in f.selection


def test_growth_that_dies_out_is_not_extrapolated_as_a_trend():
    # A build-out completing: yearly additions 5 × 0.8^t, total approaching 125.
    rng = np.random.default_rng(3)
    values = 100 + np.cumsum(5 * 0.8 ** np.arange(16) + rng.normal(0, 0.05, 16))
    f = forecast(dict(zip(range(2008, 2024), values, strict=True)), 2030)
    assert f.method in ("naive", "arima_110")
    assert f.errors["linear_trend"] > 3 * f.errors[f.method]
    assert f.lower <= 125 <= f.upper


def test_random_walk_is_mostly_left_as_it_is():
    picks = Counter()
    for seed in range(5):
        rng = np.random.default_rng(seed)
        picks[
            forecast(dict(zip(range(2003, 2024), 100 + np.cumsum(rng.normal(0, 1, 21)), strict=True)), 2026).method
        ] += 1
    assert picks.most_common(1)[0][0] == "naive"


def test_rolling_origin_errors_prefer_the_true_model():
    years = np.arange(2005, 2017, dtype=float)
    errors = rolling_origin_errors(years, 3.0 + 0.5 * (years - 2005))
    assert errors["linear_trend"] < 1e-6
    assert errors["naive"] > 1.0


def test_the_simplest_near_best_model_wins():
    order = ["naive", "drift", "linear_trend", "holt", "arima_110"]
    assert _choose({"linear_trend": 1.0, "holt": 0.99}, order) == "linear_trend"  # within 2 %
    assert _choose({"linear_trend": 1.0, "holt": 0.9}, order) == "holt"


def test_short_series_fall_back_and_say_so():
    f = forecast({2020: 1.0, 2021: 2.0, 2022: 3.1, 2023: 3.9}, 2025)
    assert f.method == "linear_trend" and "too few" in f.selection
    assert f.lower < f.value < f.upper
    two = forecast({2020: 1.0, 2022: 2.0}, 2024)
    assert two.method == "two_point_line" and two.value == pytest.approx(3.0)
    assert two.lower is None and two.probability(2.5, "above") is None
    assert forecast({2020: 1.0}, 2025) is None
    inside = forecast({2020: 1.0, 2021: 2.0, 2022: 3.0}, 2021)
    assert inside.method == "observed" and inside.value == 2.0


def test_gaps_are_interpolated_and_said():
    history = {y: 2.0 * (y - 2010) for y in range(2010, 2021) if y not in (2013, 2016)}
    f = forecast(history, 2025)
    assert "2 missing year(s) interpolated" in f.selection
    assert f.value == pytest.approx(30.0, abs=0.5)


def test_probability_is_a_probability_and_monotone():
    f = forecast({2020: 10.0, 2021: 11.0, 2022: 12.2, 2023: 12.9, 2024: 14.1}, 2027)
    thresholds = np.linspace(f.value - 5, f.value + 5, 21)
    above = [f.probability(t, "above") for t in thresholds]
    below = [f.probability(t, "below") for t in thresholds]
    assert all(0.0 <= p <= 1.0 for p in above + below)
    assert all(a >= b for a, b in itertools.pairwise(above))
    assert above[0] > 0.95 and above[-1] < 0.05
    assert f.probability(f.value, "above") == pytest.approx(0.5)
    assert above[5] + below[5] == pytest.approx(1.0)


def test_p_meet_falls_as_the_goal_gets_harder():
    observed = {2020: 10.0, 2021: 11.0, 2022: 12.1, 2023: 12.9}
    easy, hard = (assess(Goal("level", 2025, value, direction="up"), observed).p_meet for value in (13.0, 16.0))
    assert 0 <= hard < easy <= 1
    assert easy > 0.9 and hard < 0.1
    # A falling goal: the same series meets "at most 13" almost never.
    cap = assess(Goal("level", 2025, 13.0, direction="down"), {2020: 15.0, 2021: 14.9, 2022: 14.85}).p_meet
    assert cap < 0.5


def test_complex_models_wait_for_enough_history():
    """With eight values Holt and ARIMA could be judged on two origins only: they do not take part."""
    history = {2016: 1.2, 2017: 1.15, 2018: 1.1, 2019: 1.06, 2020: 1.0, 2021: 0.97, 2022: 0.95, 2023: 0.93}
    f = forecast(history, 2030)
    assert set(f.errors) == {"naive", "drift", "linear_trend"}
    assert f.method != "naive" and f.value < 0.93  # a steady fall is not forecast to stop


def test_closed_form_means_are_the_statsmodels_forecasts():
    """The contest's cheap point forecasts must be the fitted models' own means, or the choice would change."""
    from tanda.indicators.forecasting import MODELS

    rng = np.random.default_rng(11)
    for n, h in ((4, 1), (7, 3), (12, 6)):
        years = np.arange(2010, 2010 + n, dtype=float)
        y = 50 + np.cumsum(rng.normal(0.7, 2.0, n))
        for model in MODELS:
            if model.point is None:
                continue
            expected = model.fit(years, y)(h)[0]
            assert model.point(years, y, h) == pytest.approx(expected, rel=1e-7), model.name
