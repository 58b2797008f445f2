"""Allocation of a parent target among child regions and the checks that the children add up."""

from __future__ import annotations

import pytest

from tanda.plan.allocation import AllocationError, allocate, check_aggregate, stated_against_allocated

CITIES = ["A", "B", "C"]


def test_equal_split_sums_to_the_parent():
    shares = allocate(9000.0, CITIES, "equal")
    assert shares == {"A": 3000.0, "B": 3000.0, "C": 3000.0}


def test_weights_such_as_gdp_are_normalised():
    shares = allocate(1000.0, CITIES, "weights", {"A": 6000.0, "B": 3000.0, "C": 1000.0})
    assert shares == pytest.approx({"A": 600.0, "B": 300.0, "C": 100.0})
    assert sum(shares.values()) == pytest.approx(1000.0)


def test_shares_in_percent_must_sum_to_100():
    assert allocate(200.0, CITIES, "shares", {"A": 50, "B": 30, "C": 20}) == pytest.approx({"A": 100, "B": 60, "C": 40})
    with pytest.raises(AllocationError, match="sum to 90 %"):
        allocate(200.0, CITIES, "shares", {"A": 50, "B": 30, "C": 10})


def test_a_missing_weight_is_refused_naming_the_region_not_taken_as_zero():
    with pytest.raises(AllocationError, match=r"^B: no weight"):
        allocate(100.0, CITIES, "weights", {"A": 1.0, "B": None, "C": 2.0})
    with pytest.raises(AllocationError, match="C: weight -1"):
        allocate(100.0, CITIES, "weights", {"A": 1.0, "B": 1.0, "C": -1})


def test_sum_of_child_caps_must_not_exceed_the_parent_cap():
    ok = check_aggregate("sum", 9000.0, "down", {"A": 4000.0, "B": 3000.0, "C": 2000.0})
    assert (ok.aggregate, ok.ok, ok.gap) == (9000.0, True, 0.0)
    over = check_aggregate("sum", 9000.0, "down", {"A": 4000.0, "B": 3500.0, "C": 2000.0})
    assert (over.ok, over.gap) == (False, 500.0)
    floor = check_aggregate("sum", 25.0, "up", {"A": 10.0, "B": 10.0, "C": 4.0})  # 新型储能 ≥ 25万千瓦
    assert (floor.ok, floor.gap) == (False, 1.0)


def test_missing_child_value_makes_the_check_incomplete():
    check = check_aggregate("sum", 9000.0, "down", {"A": 4000.0, "B": None, "C": 2000.0})
    assert (check.aggregate, check.ok, check.missing) == (None, None, ["B"])


def test_intensity_levels_aggregate_with_gdp_weights():
    # I = ΣE/ΣG: A uses 1.0 t/万元 on GDP 300, B 0.5 on GDP 100 → (300 + 50) / 400 = 0.875
    check = check_aggregate("gdp_weighted", 0.9, "down", {"A": 1.0, "B": 0.5}, {"A": 300.0, "B": 100.0})
    assert check.aggregate == pytest.approx(0.875)
    assert check.ok is True
    unweighted_mean = (1.0 + 0.5) / 2
    assert check.aggregate != pytest.approx(unweighted_mean)


def test_shares_aggregate_with_energy_weights():
    # non-fossil share: A 10 % of 800 万tce, B 30 % of 200 → (80 + 60) / 1000 = 14 %
    check = check_aggregate("energy_weighted", 15.0, "up", {"A": 10.0, "B": 30.0}, {"A": 800.0, "B": 200.0})
    assert check.aggregate == pytest.approx(14.0)
    assert (check.ok, check.gap) == (False, pytest.approx(1.0))


def test_intensity_reductions_aggregate_with_base_energy_and_exactly_with_gdp():
    reductions = {"A": 10.0, "B": 20.0}
    energy = {"A": 300.0, "B": 100.0}
    check = check_aggregate("intensity_reduction", 12.0, "up", reductions, energy)
    assert check.aggregate == pytest.approx(12.5)  # (300·10 + 100·20) / 400
    # exact form: base intensities 1.0 and 0.5 on GDP 300 and 200 (energy 300 and 100), GDP grows alike
    exact = check_aggregate(
        "intensity_reduction", 12.0, "up", reductions, {"A": 300.0, "B": 200.0}, base_intensity={"A": 1.0, "B": 0.5}
    )
    assert exact.aggregate == pytest.approx(12.5)
    # growth concentrated in the cleaner city B lowers the provincial intensity more than either alone
    shifted = check_aggregate(
        "intensity_reduction",
        12.0,
        "up",
        reductions,
        {"A": 300.0, "B": 200.0},
        base_intensity={"A": 1.0, "B": 0.5},
        target_weights={"A": 300.0, "B": 600.0},
    )
    assert shifted.aggregate > 20.0


def test_child_plans_against_their_allocation():
    rows = stated_against_allocated({"A": 3000.0, "B": 3000.0, "C": None}, {"A": 2500.0, "B": 3500.0}, "down")
    assert [(r.region, r.status) for r in rows] == [("A", "within"), ("B", "short"), ("C", "not allocated")]
    rows = stated_against_allocated({"A": 1200.0, "B": 1200.0}, {"A": 300.0}, "up")  # 充电桩: more is better
    assert [r.status for r in rows] == ["short", "not stated"]
