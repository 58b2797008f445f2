"""Grades per the dual-control barometer, for rising and falling goals, caps, floors, reductions and 左右."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tanda.indicators import ABOUT_TOLERANCE, Goal, GoalError, assess, resolve


def grade(goal, observed, baseline=None):
    return assess(goal, observed, baseline=baseline, with_forecast=False)


# Rising level: 10 (2020) → 20 (2025): the path asks +2 a year.
UP = Goal("level", 2025, 20.0, direction="up")
# Falling level: 62 (2020) → 55 (2025), e.g. coal share: −1.4 a year.
DOWN = Goal("level", 2025, 55.0, direction="down")


@pytest.mark.parametrize(
    ("goal", "observed", "expected"),
    [
        (UP, {2020: 10, 2021: 12, 2022: 14.5}, "green"),  # ahead of the path (14)
        (UP, {2020: 10, 2021: 11, 2022: 12}, "yellow"),  # right way, slower than +2/yr
        (UP, {2020: 10, 2021: 15, 2022: 14.5}, "red"),  # still ahead of the path, but fell year on year
        (DOWN, {2020: 62, 2021: 60.5, 2022: 59}, "green"),  # path 59.2
        (DOWN, {2020: 62, 2021: 61.5, 2022: 61}, "yellow"),
        (DOWN, {2020: 62, 2021: 59, 2022: 59.1}, "red"),  # ahead, but rose
    ],
)
def test_barometer_rules_for_rising_and_falling_levels(goal, observed, expected):
    result = grade(goal, observed)
    assert result.grade == expected, result.reason
    assert result.warning_level == {"red": "一级预警", "yellow": "二级预警", "green": "三级"}[expected]


def test_progress_and_paces_of_a_linear_goal():
    result = grade(UP, {2020: 10, 2021: 12, 2022: 14.5})
    assert result.progress == pytest.approx(45.0)  # 4.5 of the 10 to cover
    assert result.required_progress == pytest.approx(40.0)  # 2 of 5 years
    assert result.required_pace == pytest.approx(2.0)
    assert result.actual_pace == pytest.approx(2.25)
    assert result.pace_unit == "unit/year"


def test_met_level_that_slips_is_yellow_not_red():
    assert grade(UP, {2020: 10, 2021: 21, 2022: 20.5}).grade == "yellow"
    assert grade(UP, {2020: 10, 2021: 21, 2022: 21.5}).grade == "green"
    assert grade(DOWN, {2020: 62, 2021: 54, 2022: 54.5}).grade == "yellow"


def test_level_already_reached_at_the_origin():
    # Forest cover 47 % in 2020 against a goal of 46 %: nothing to cover, only to keep.
    goal = Goal("level", 2030, 46.0, direction="up")
    kept = grade(goal, {2020: 47.0, 2021: 47.2})
    assert (kept.grade, kept.progress, kept.required_progress) == ("green", 100.0, 100.0)
    slipping = grade(goal, {2020: 47.0, 2021: 46.5})
    assert (slipping.grade, slipping.progress) == ("yellow", 100.0)
    lost = grade(goal, {2020: 47.0, 2021: 45.5})
    assert (lost.grade, lost.progress) == ("red", 0.0)


def test_target_year_reached_counts_only_the_outcome():
    assert grade(UP, {2020: 10, 2024: 19, 2025: 20}).grade == "green"
    missed = grade(UP, {2020: 10, 2024: 19, 2025: 19.9})
    assert missed.grade == "red" and "missed" in missed.reason
    assert grade(DOWN, {2020: 62, 2025: 56}).grade == "red"


# Relative reduction of an intensity: −13.5 % over 2020–2025, compounding: 0.865^(1/5) − 1 = −2.86 %/yr.
REDUCTION = Goal("reduction", 2025, 13.5, direction="down")


def test_reduction_path_compounds():
    req = resolve(REDUCTION, (2020, 1.0))
    assert req.shape == "compound" and req.threshold == pytest.approx(0.865)
    assert req.required_pace == pytest.approx((0.865 ** (1 / 5) - 1) * 100)
    assert req.path(2021) == pytest.approx(0.865**0.2)  # 0.97141, not the linear 0.973
    assert req.path(2023) == pytest.approx(0.865**0.6)


@pytest.mark.parametrize(
    ("value_2021", "expected"),
    [
        (0.970, "green"),  # fell 3.0 % ≥ 2.86 %
        (0.972, "yellow"),  # fell 2.8 %: green on a linear path (0.973), behind the compound one (0.9714)
        (0.990, "yellow"),
        (1.010, "red"),  # rose: the barometer's 一级预警
    ],
)
def test_reduction_grades(value_2021, expected):
    assert grade(REDUCTION, {2020: 1.0, 2021: value_2021}).grade == expected


def test_reduction_against_an_old_baseline_runs_from_the_plan_base_year():
    # CO2 intensity 65 % below 2005 by 2030: 2.0 in 2005 → 0.7; the path starts at the 2020 value.
    goal = Goal("reduction", 2030, 65, direction="down", baseline_year=2005)
    result = grade(goal, {2020: 1.0, 2021: 0.96}, baseline=(2005, 2.0))
    req = result.requirement
    assert req.reference == (2005, 2.0) and req.origin == (2020, 1.0)
    assert req.threshold == pytest.approx(0.7)
    assert result.required_pace == pytest.approx((0.7 ** (1 / 10) - 1) * 100)  # −3.5 %/yr
    assert result.grade == "green"  # −4 % in the first year
    assert result.progress == pytest.approx(4 / 30 * 100)


def test_relative_increase_is_a_rising_compound_goal():
    goal = Goal("increase", 2030, 100, direction="up")  # 翻一番
    req = resolve(goal, (2020, 50.0))
    assert req.threshold == 100 and req.sense == 1 and req.shape == "compound"
    assert grade(goal, {2020: 50, 2021: 54}).grade == "green"  # +8 % ≥ +7.18 %/yr
    assert grade(goal, {2020: 50, 2021: 52}).grade == "yellow"
    assert grade(goal, {2020: 50, 2021: 49}).grade == "red"


def test_absolute_increase_is_linear():
    goal = Goal("increase", 2030, 1.0, direction="up", relative=False)  # 耕地质量提升1个等级
    req = resolve(goal, (2020, 0.0))
    assert req.shape == "linear" and req.threshold == 1.0 and req.required_pace == pytest.approx(0.1)


# A cap that holds at the origin: coal consumption 8000 (2020), cap 9000 by 2025: 200 a year allowed.
CAP = Goal("cap", 2025, 9000, direction="down", qualifier="以内")


@pytest.mark.parametrize(
    ("observed", "expected", "why"),
    [
        ({2020: 8000, 2021: 8100}, "green", "within"),
        ({2020: 8000, 2021: 7900}, "green", "within"),  # moving away from the cap
        ({2020: 8000, 2021: 9100}, "red", "broken"),
        ({2020: 8000, 2021: 8300}, "red", "faster than allowed"),  # allowed path is 8200
        ({2020: 8000, 2021: 8100, 2022: 8390}, "yellow", "would break"),  # under the path (8400) but +290 > 225 left
    ],
)
def test_cap_within_its_bound(observed, expected, why):
    result = grade(CAP, observed)
    assert result.requirement.mode == "keep"
    assert result.grade == expected and why in result.reason
    assert result.progress == (0.0 if expected == "red" and why == "broken" else 100.0)


def test_cap_above_its_bound_is_a_falling_goal():
    cap = Goal("cap", 2025, 55, direction="down", qualifier="以下")  # coal share 60 → at most 55
    assert grade(cap, {2020: 60, 2021: 58.5}).grade == "green"
    assert grade(cap, {2020: 60, 2021: 59.5}).grade == "yellow"
    assert grade(cap, {2020: 60, 2021: 60.5}).grade == "red"
    assert grade(cap, {2020: 60, 2021: 58, 2022: 54}).grade == "green"  # now within the cap


# A floor that holds: forest cover 40 % (2020), at least 38 % in 2025: may fall 0.4 a year at most.
FLOOR = Goal("floor", 2025, 38, direction="up")


@pytest.mark.parametrize(
    ("observed", "expected"),
    [
        ({2020: 40, 2021: 40.5}, "green"),
        ({2020: 40, 2021: 39.8}, "green"),  # falls, but within the allowed path (39.6)
        ({2020: 40, 2021: 39.5}, "red"),  # below the allowed path
        ({2020: 40, 2021: 37.9}, "red"),  # broken
        ({2020: 40, 2021: 39.9, 2022: 39.3}, "yellow"),  # above the path (39.2), but −0.6 > −0.475 allowed
    ],
)
def test_floor_within_its_bound(observed, expected):
    assert grade(FLOOR, observed).grade == expected


def test_floor_below_its_bound_is_a_rising_goal():
    floor = Goal("floor", 2025, 70, direction="up")  # green travel share 60 → at least 70
    assert resolve(floor, (2020, 60.0)).mode == "approach"
    assert grade(floor, {2020: 60, 2021: 62.5}).grade == "green"
    assert grade(floor, {2020: 60, 2021: 61}).grade == "yellow"
    assert grade(floor, {2020: 60, 2021: 59}).grade == "red"


def test_about_widens_the_threshold():
    about = Goal("level", 2030, 20.0, direction="up", qualifier="左右")
    exact = Goal("level", 2030, 20.0, direction="up")
    req = resolve(about, (2020, 16.0))
    assert req.band == pytest.approx((20 * (1 - ABOUT_TOLERANCE), 20 * (1 + ABOUT_TOLERANCE)))
    assert req.threshold == pytest.approx(19.6) and req.required_pace == pytest.approx(0.36)
    observed = {2020: 16.0, 2030: 19.7}
    assert grade(about, observed).grade == "green"
    assert grade(exact, observed).grade == "red"
    # Mid-way: 2021 at +0.37 is on the 左右 path (+0.36/yr) but behind the exact one (+0.4/yr).
    assert grade(about, {2020: 16.0, 2021: 16.37}).grade == "green"
    assert grade(exact, {2020: 16.0, 2021: 16.37}).grade == "yellow"


def test_about_on_a_falling_reduction_and_an_explicit_tolerance():
    goal = Goal("reduction", 2025, 8.5, direction="down", qualifier="左右")
    assert resolve(goal, (2020, 100.0)).threshold == pytest.approx(100 * (1 - 0.085 * 0.98))
    wide = Goal("reduction", 2025, 8.5, direction="down", qualifier="左右", tolerance=0.1)
    assert resolve(wide, (2020, 100.0)).threshold == pytest.approx(100 * (1 - 0.085 * 0.9))
    # Qualifiers other than 左右 (here 力争, "strive for") widen nothing.
    assert resolve(Goal("level", 2025, 50, direction="up", qualifier="力争"), (2020, 40.0)).threshold == 50


def test_level_without_direction_follows_the_goal():
    assert resolve(Goal("level", 2025, 30), (2020, 40.0)).sense == -1
    assert resolve(Goal("level", 2025, 50), (2020, 40.0)).sense == 1


def test_errors_that_a_user_can_cause():
    with pytest.raises(GoalError, match="no observation after 2020"):
        grade(UP, {2020: 10})
    with pytest.raises(GoalError, match="no value for the baseline year 2020"):
        grade(UP, {2021: 10, 2022: 11})
    with pytest.raises(GoalError, match="not after the baseline"):
        grade(Goal("level", 2020, 5, direction="up"), {2020: 1, 2021: 2})
    with pytest.raises(GoalError, match="positive baseline"):
        grade(REDUCTION, {2020: 0.0, 2021: 0.0})


@settings(max_examples=60, deadline=None)
@given(
    start=st.floats(1, 100),
    goal_delta=st.floats(0.5, 50),
    changes=st.lists(st.floats(-10, 10), min_size=1, max_size=4),
    kind=st.sampled_from(["level", "cap", "floor"]),
)
def test_a_falling_goal_grades_as_the_mirror_of_a_rising_one(start, goal_delta, changes, kind):
    """Negating every value turns a rising goal into a falling one (and a floor into a cap): same grade."""
    mirror_kind = {"level": "level", "cap": "floor", "floor": "cap"}[kind]
    years = range(2020, 2021 + len(changes))
    values = [start]
    for c in changes:
        values.append(values[-1] + c)
    if any(math.isclose(v, values[0] + goal_delta, abs_tol=1e-6) for v in values):
        return  # exactly on the threshold: float rounding may differ between the two sides
    observed = dict(zip(years, values, strict=True))
    mirrored = {y: -v for y, v in observed.items()}
    rising = Goal(kind, 2030, start + goal_delta, direction="up")
    falling = Goal(mirror_kind, 2030, -(start + goal_delta), direction="down")
    assert grade(rising, observed).grade == grade(falling, mirrored).grade
