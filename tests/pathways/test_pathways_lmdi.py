"""LMDI-I: effects sum exactly to the change (a property), and the Jilin Kaya decomposition."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tanda.pathways import lmdi
from tanda.pathways.reference import jilin_kaya_rows

positive = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False, allow_infinity=False)
state = st.fixed_dictionaries({"population": positive, "gdp": positive, "energy": positive, "co2": positive})


@settings(max_examples=200, deadline=None)
@given(state, state)
def test_kaya_effects_sum_exactly_to_the_change(a, b):
    result = lmdi.kaya(a, b)
    total = sum(result["effects"].values())
    assert math.isclose(total, b["co2"] - a["co2"], rel_tol=1e-9, abs_tol=1e-9 * max(a["co2"], b["co2"]))
    assert set(result["effects"]) == set(lmdi.KAYA_FACTORS)


def _factor_arrays(shape):
    # values with exact zeros in them: fuels that appear or disappear between the two states
    return arrays(np.float64, shape, elements=st.one_of(st.just(0.0), st.floats(min_value=1e-2, max_value=1e4)))


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_sector_fuel_effects_sum_exactly_even_with_zeros(data):
    S, F = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 4))
    names = ("activity", "intensity", "mix", "factor")
    f0 = {k: data.draw(_factor_arrays((S, F))) for k in names}
    f1 = {k: data.draw(_factor_arrays((S, F))) for k in names}
    effects = lmdi.decompose(f0, f1)
    delta = float(np.prod(list(f1.values()), axis=0).sum() - np.prod(list(f0.values()), axis=0).sum())
    scale = max(
        1.0, float(np.abs(np.prod(list(f1.values()), axis=0)).sum()), float(np.prod(list(f0.values()), axis=0).sum())
    )
    assert abs(sum(effects.values()) - delta) <= 1e-9 * scale


def test_a_single_changed_factor_takes_the_whole_change():
    f0 = {"a": np.array([2.0, 3.0]), "b": np.array([5.0, 1.0])}
    f1 = {"a": np.array([2.0, 3.0]), "b": np.array([7.0, 0.5])}
    effects = lmdi.decompose(f0, f1)
    assert effects["a"] == 0.0
    assert math.isclose(effects["b"], (14 + 1.5) - (10 + 3), rel_tol=1e-12)


def test_a_fuel_that_appears_goes_to_the_factor_that_was_zero():
    f0 = {"activity": np.array([10.0]), "share": np.array([0.0])}
    f1 = {"activity": np.array([20.0]), "share": np.array([0.5])}
    effects = lmdi.decompose(f0, f1)
    assert effects == {"activity": 0.0, "share": 10.0}


def test_jilin_2005_2019_kaya_from_packaged_history():
    rows = {r["year"]: r for r in jilin_kaya_rows()}
    result = lmdi.kaya_between(rows, 2005, 2019)
    effects = result["effects"]
    assert math.isclose(sum(effects.values()), result["delta"], rel_tol=1e-12)
    # CEADs energy-related CO2 138.448 Mt (2005) → 197.683 Mt (2019)
    assert math.isclose(result["delta"], (197.683 - 138.448) * 1e6, rel_tol=1e-9)
    # growth in GDP per head drove emissions up; the fall in energy intensity pulled them down
    assert effects["affluence"] > 0 > effects["energy_intensity"]
    assert effects["population"] < 0  # Jilin's population shrank (2716 → 2691 ten thousand)
