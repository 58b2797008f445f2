"""Flags: missing months, jumps beyond a threshold, crossing 10,000 tce, data centres."""

from __future__ import annotations

import pandas as pd

from tanda.enterprises import compute_flags


def monthly(rows):
    return pd.DataFrame(rows, columns=["unit", "year", "month", "tce_equivalent"])


def kinds(flags, unit=None):
    return sorted((f.kind, f.month) for f in flags if unit is None or f.unit == unit)


def test_missing_months_up_to_the_reporting_horizon():
    rows = [["a", 2024, m, 100.0] for m in (1, 2, 4)] + [["b", 2024, m, 100.0] for m in (1, 2, 3, 4)]
    flags = compute_flags(monthly(rows))
    assert kinds(flags, "a") == [("missing", 3)]
    assert kinds(flags, "b") == []  # month 5 onwards is not yet due: nobody reported it
    assert kinds(compute_flags(monthly(rows), through={2024: 6}), "b") == [("missing", 5)]


def test_jumps_beyond_the_threshold_only():
    rows = [["a", 2024, 1, 100.0], ["a", 2024, 2, 150.0], ["a", 2024, 3, 226.0], ["a", 2024, 4, 0.0]]
    flags = compute_flags(monthly(rows), threshold=0.5)
    # +50 % exactly is not beyond the threshold; +50.7 % is; a drop to zero is −100 %
    assert [(f.kind, f.month) for f in flags if f.kind == "jump"] == [("jump", 3), ("jump", 4)]
    assert not [f for f in compute_flags(monthly(rows), threshold=1.5) if f.kind == "jump"]


def test_jumps_only_between_consecutive_months():
    rows = [["a", 2024, 1, 100.0], ["a", 2024, 3, 500.0]]
    assert not [f for f in compute_flags(monthly(rows)) if f.kind == "jump"]


def test_crossing_the_key_unit_line():
    rows = [["a", 2023, m, 800.0] for m in range(1, 13)] + [["a", 2024, m, 900.0] for m in range(1, 13)]
    rows += [["b", 2024, m, 900.0] for m in range(1, 13)]  # no 2023, registered below the line
    rows += [["c", 2024, m, 900.0] for m in range(1, 13)]  # no 2023, registered above it
    flags = compute_flags(monthly(rows), registered_below={"b"})
    crossed = sorted((f.unit, f.year) for f in flags if f.kind == "crossed")
    assert crossed == [("a", 2024), ("b", 2024)]  # 9,600 → 10,800 tce


def test_data_centre_above_the_line_without_monitoring():
    rows = [["dc", 2024, m, 1000.0] for m in range(1, 13)] + [["dc2", 2024, m, 1000.0] for m in range(1, 13)]
    flags = compute_flags(monthly(rows), data_centres={"dc": False, "dc2": True})
    assert [(f.unit, f.kind) for f in flags if f.kind == "data_centre"] == [("dc", "data_centre")]


def test_a_month_missing_before_the_horizon_is_flagged_even_when_later_months_are_reported():
    frame = pd.DataFrame(
        {"unit": [1] * 6, "year": [2024] * 6, "month": [1, 2, 3, 4, 5, 8], "tce_equivalent": [10.0] * 6}
    )
    missing = [f for f in compute_flags(frame, through={2024: 6}) if f.kind == "missing"]
    assert [(f.unit, f.month, f.value) for f in missing] == [(1, 6, 1.0)]
