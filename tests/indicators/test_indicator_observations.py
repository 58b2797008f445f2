"""Observation checks: each mistake is rejected with a message naming the row and the field."""

import pytest

from tanda.indicators import ObservationError, check_observations, validate_observations
from tanda.indicators.observations import parse_period


def row(**kw):
    base = {"indicator": "wind_capacity", "year": 2022, "value": 1000, "unit": "万千瓦", "region": "220000"}
    return {**base, **kw}


def only_error(rows, first_row=1):
    _, errors = check_observations(rows, first_row=first_row)
    assert len(errors) == 1, errors
    return errors[0]


def test_valid_rows_are_converted_to_the_catalogue_unit():
    rows = [
        row(indicator="充电桩", value="1.2", unit="万个"),
        row(indicator="forest_cover", value=45.2, unit="%", status="verified"),
        row(value="1,050", unit="万千瓦"),
        row(value=10.5, unit="吉瓦", year="2023"),
    ]
    obs = validate_observations(rows)
    assert [(o.indicator, o.value, o.unit) for o in obs] == [
        ("charging_piles", 12000.0, "个"),
        ("forest_cover", 45.2, "%"),
        ("wind_capacity", 1050.0, "万千瓦"),
        ("wind_capacity", 1050.0, "万千瓦"),
    ]
    assert obs[1].status == "verified" and obs[0].row == 1


@pytest.mark.parametrize(
    ("bad", "field", "words"),
    [
        ({"unit": "万吨"}, "unit", "'万吨' (a mass) cannot be converted to '万千瓦' (a power)"),
        ({"unit": ""}, "unit", "missing; expected 万千瓦"),
        ({"value": -5}, "value", "-5 万千瓦 is impossible for 风电装机容量: it cannot be below 0"),
        ({"indicator": "forest_cover", "unit": "%", "value": 120}, "value", "cannot exceed 100"),
        ({"indicator": "光刻机国产化率"}, "indicator", "unknown indicator '光刻机国产化率'"),
        ({"indicator": ""}, "indicator", "missing"),
        ({"value": "abc"}, "value", "'abc' is not a number"),
        ({"value": None}, "value", "missing"),
        ({"value": "nan"}, "value", "not a finite number"),
        ({"year": "20x2"}, "year", "is not a year"),
        ({"year": 1800}, "year", "out of range"),
        ({"year": None}, "year", "missing"),
        ({"status": "guessed"}, "status", "'guessed' is not one of reported, verified"),
    ],
)
def test_each_mistake_names_row_and_field(bad, field, words):
    error = only_error([row(year=2020), row(**bad)], first_row=2)
    assert (error.row, error.field) == (3, field)
    assert words in error.message
    assert str(error).startswith(f"row 3, {field}: ")


def test_duplicate_periods_name_both_rows():
    rows = [row(year=2021), row(year=2022), row(year=2022, value=1100)]
    error = only_error(rows)
    assert (error.row, error.field) == (3, "year")
    assert "duplicate of row 2" in error.message
    # Another region, or another indicator, in the same year is no duplicate; the same quarter
    # written another way is.
    assert check_observations([row(), row(region="220100"), row(indicator="solar_capacity")])[1] == []
    dup = only_error([row(period="2022Q1"), row(year=None, period="2022年第一季度")])
    assert dup.field == "period" and "duplicate of row 1" in dup.message


def test_validation_is_all_or_nothing():
    with pytest.raises(ObservationError) as info:
        validate_observations([row(), row(year=2023, unit="万吨"), row(year=2024, value=-1)])
    assert [(e.row, e.field) for e in info.value.errors] == [(2, "unit"), (3, "value")]
    assert "row 2, unit" in str(info.value) and "row 3, value" in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (2023, (2023, "2023")),
        ("2023年", (2023, "2023")),
        ("2023Q2", (2023, "2023Q2")),
        ("2023年第三季度", (2023, "2023Q3")),
        ("2023-6", (2023, "2023-06")),
        ("2023年6月", (2023, "2023-06")),
    ],
)
def test_periods(text, expected):
    assert parse_period(text) == expected


def test_impossible_month():
    with pytest.raises(ValueError, match="month 13"):
        parse_period("2023-13")
