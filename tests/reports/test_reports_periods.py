"""Dispatch periods: parsing, labels, bounds and order."""

from datetime import date

import pytest

from tanda.reports import PeriodError, containing, parse_period, recent


@pytest.mark.parametrize(
    ("text", "code", "start", "end", "label"),
    [
        ("2024Q4", "2024Q4", date(2024, 10, 1), date(2024, 12, 31), "2024年第四季度"),
        ("2024q1", "2024Q1", date(2024, 1, 1), date(2024, 3, 31), "2024年第一季度"),
        ("2024-02", "2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024年2月"),  # leap year
        ("2023M2", "2023-02", date(2023, 2, 1), date(2023, 2, 28), "2023年2月"),
        (" 2025 ", "2025", date(2025, 1, 1), date(2025, 12, 31), "2025年"),
    ],
)
def test_periods_parse_to_their_bounds_and_label(text, code, start, end, label):
    p = parse_period(text)
    assert (p.code, p.start, p.end, p.label) == (code, start, end, label)


@pytest.mark.parametrize("text", ["2024Q5", "2024Q0", "2024-13", "24Q4", "Q4 2024", "", "2024/11", "3024"])
def test_malformed_periods_say_what_was_expected(text):
    with pytest.raises(PeriodError) as err:
        parse_period(text)
    assert "2024Q4" in str(err.value) or "out of range" in str(err.value)


def test_periods_order_by_end_and_step_back():
    q4, dec, year = parse_period("2024Q4"), parse_period("2024-12"), parse_period("2024")
    assert sorted([year, q4, dec, parse_period("2024-11")])[0].code == "2024-11"
    assert year < q4 < dec  # same end: the longest period first
    assert q4.previous().code == "2024Q3"
    assert parse_period("2024Q1").previous().code == "2023Q4"
    assert parse_period("2024-01").previous().code == "2023-12"
    assert containing(date(2024, 11, 5)).code == "2024Q4"
    assert containing(date(2024, 11, 5), "month").code == "2024-11"
    codes = [p.code for p in recent(date(2025, 1, 10))]
    assert codes[:2] == ["2025Q1", "2024Q4"]
    assert "2024" in codes and "2024-12" in codes
