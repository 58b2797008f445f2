"""Overdue and not-updated rules, and the counts of a dispatch."""

from datetime import date

from tanda.reports import as_of, is_not_updated, is_overdue, parse_period, summarize


def test_overdue_means_past_the_deadline_and_not_completed():
    on = date(2025, 1, 1)
    assert is_overdue(date(2024, 11, 30), "behind", on)
    assert is_overdue(date(2024, 11, 30), None, on)  # never reported
    assert not is_overdue(date(2024, 11, 30), "completed", on)
    assert not is_overdue(date(2025, 1, 1), "on_track", on)  # due today: not yet overdue
    assert not is_overdue(None, "behind", on)  # no deadline, never overdue


def test_flags_are_judged_the_day_after_a_finished_period_or_today():
    q4 = parse_period("2024Q4")
    assert as_of(q4, date(2025, 3, 1)) == date(2025, 1, 1)
    assert as_of(q4, date(2024, 11, 15)) == date(2024, 11, 15)
    assert is_not_updated(["2024Q3", "2024-12"], q4)
    assert not is_not_updated(["2024Q4"], q4)


def test_summary_counts_by_status_grade_and_lead(snapshot):
    s = summarize(snapshot["targets"], snapshot["tasks"])
    assert s["tasks"] == 4 and s["targets"] == 3
    assert s["by_status"] == {"not_started": 0, "on_track": 1, "behind": 1, "completed": 1, "unreported": 1}
    assert (s["overdue"], s["not_updated"]) == (1, 1)
    assert s["grades"] == {"red": 1, "yellow": 0, "green": 1, "ungraded": 1}
    first = s["departments"][0]
    assert first == {"name": "省能源局", "tasks": 2, "reported": 2, "completed": 0, "overdue": 1, "not_updated": 0}
