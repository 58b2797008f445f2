"""Meter readings: 15-minute intervals summed into months (China Standard Time), checked first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tanda.enterprises import Reading, aggregate_readings, validate_readings
from tanda.enterprises.metering import CHINA


def quarter_hours(start: datetime, count: int, kwh: float = 25.0):
    return [Reading(start + timedelta(minutes=15 * i), kwh, "电力", "kWh") for i in range(count)]


def test_a_month_of_15_minute_readings_is_one_monthly_total():
    readings = quarter_hours(datetime(2024, 2, 1, tzinfo=CHINA), 29 * 96)  # all of February 2024
    valid, errors = validate_readings(readings, 15)
    assert errors == []
    (total,) = aggregate_readings(valid)
    assert (total.year, total.month, total.fuel, total.readings) == (2024, 2, "electricity", 29 * 96)
    assert total.canonical == pytest.approx(29 * 96 * 25.0)


def test_months_are_cut_in_china_standard_time():
    # 15:45 UTC on 31 January is 23:45 in Beijing; 16:00 UTC is already 1 February
    utc = UTC
    readings = [
        Reading(datetime(2024, 1, 31, 15, 45, tzinfo=utc), 1.0, "电力", "kWh"),
        Reading(datetime(2024, 1, 31, 16, 0, tzinfo=utc), 2.0, "电力", "kWh"),
    ]
    valid, _ = validate_readings(readings, 15)
    assert [(t.month, t.canonical) for t in aggregate_readings(valid)] == [(1, 1.0), (2, 2.0)]


def test_off_grid_duplicate_and_bad_readings_are_errors():
    start = datetime(2024, 3, 1, tzinfo=CHINA)
    readings = [
        Reading(start, 1.0, "电力", "kWh"),
        Reading(start, 1.0, "电力", "kWh"),  # same interval twice
        Reading(start + timedelta(minutes=10), 1.0, "电力", "kWh"),  # not on the 15-minute grid
        Reading(start, -1.0, "天然气", "m3"),
        Reading(start, 1.0, "电力", "t"),
    ]
    _, errors = validate_readings(readings, 15)
    assert [(e.row, e.column) for e in errors] == [(2, "start"), (3, "start"), (4, "quantity"), (5, "unit")]
    assert validate_readings(readings[:1], 5)[1][0].column == "interval"
