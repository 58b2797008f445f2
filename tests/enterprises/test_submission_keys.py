"""The submission key: one integer per (unit, year, month, fuel, direction), and unit-year key ranges."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tanda.enterprises.submissions import (
    DIRECTIONS,
    ENERGY_CATEGORIES,
    KEY_FUEL_BITS,
    YEARS,
    fuel_codes,
    key_of,
    key_range,
    submission_key,
)
from tanda.inventory.fuels import all_fuels

FUELS = sorted(fuel_codes())
submissions = st.tuples(
    st.integers(1, 2**40),
    st.integers(*YEARS),
    st.integers(1, 12),
    st.sampled_from(FUELS),
    st.sampled_from(DIRECTIONS),
)


def test_every_energy_carrier_of_the_catalogue_has_its_own_permanent_code():
    codes = fuel_codes()
    energy = {f.id for f in all_fuels().values() if f.category in ENERGY_CATEGORIES}
    assert energy <= set(codes), energy - set(codes)
    assert set(codes) <= set(all_fuels())
    assert len(set(codes.values())) == len(codes)
    assert all(1 <= code < 2**KEY_FUEL_BITS for code in codes.values())


@given(submissions, submissions)
def test_different_submissions_have_different_keys(a, b):
    assert (key_of(*a) == key_of(*b)) == (a == b)


@given(submissions, st.integers(1, 2**40))
def test_a_units_keys_are_exactly_its_key_range_and_a_years_lie_within_it(row, other_unit):
    unit, year = row[0], row[1]
    key = key_of(*row)
    first, past = key_range(unit)
    assert first <= key < past
    year_first, year_past = key_range(unit, year)
    assert first <= year_first <= key < year_past <= past
    other_first, other_past = key_range(other_unit)
    assert (other_first <= key < other_past) == (other_unit == unit)
    assert not (year_first <= key_of(unit, year + 1, 1, FUELS[0], "in") < year_past) or year == YEARS[1]


def test_vectorised_and_scalar_keys_agree():
    codes = fuel_codes()
    unit = np.array([1, 7, 20_000])
    year = np.array([2024, 2000, 2100])
    month = np.array([1, 12, 6])
    fuel = np.array([codes["raw_coal"], codes["electricity"], codes["heat"]])
    direction = np.array([0, 1, 0])
    keys = submission_key(unit, year, month, fuel, direction)
    assert keys.dtype == np.int64
    assert keys.tolist() == [
        key_of(1, 2024, 1, "raw_coal", "in"),
        key_of(7, 2000, 12, "electricity", "out"),
        key_of(20_000, 2100, 6, "heat", "in"),
    ]
