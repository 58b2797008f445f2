"""Task progress rules of the dispatch (调度): statuses, overdue and not-updated flags, summaries.

Plain data in, plain data out, so the web app, the snapshot of a dispatch report and the Word and
Excel builders all count the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from tanda.reports.periods import Period

# status code → label; the order is the order of tables and charts
STATUSES: dict[str, str] = {
    "not_started": "未启动",
    "on_track": "正常推进",
    "behind": "进度滞后",
    "completed": "已完成",
}
COMPLETED = "completed"
GRADES: dict[str, str] = {"red": "红色（一级预警）", "yellow": "黄色（二级预警）", "green": "绿色（三级）"}
UNGRADED = "ungraded"


def as_of(period: Period, today: date) -> date:
    """The day flags are judged on: today within the period, the day after its end once it is over."""
    return min(today, period.end + timedelta(days=1))


def is_overdue(deadline: date | None, status: str | None, on: date) -> bool:
    """A task with a deadline before `on` that has not been reported completed is overdue."""
    return deadline is not None and deadline < on and status != COMPLETED


def is_not_updated(reported_periods: Iterable[str], period: Period) -> bool:
    """No progress report for the period itself: the task was "not updated" in it."""
    return period.code not in set(reported_periods)


def summarize(targets: Iterable[Mapping[str, Any]], tasks: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Counts of a dispatch: tasks by status and flag, targets by grade, and one row per lead department.

    Tasks need `status` (None when never reported), `lead`, `overdue` and `not_updated`; targets
    need `grade` (red/yellow/green or None).
    """
    tasks = list(tasks)
    targets = list(targets)
    by_status = Counter(t.get("status") or "unreported" for t in tasks)
    grades = Counter(t.get("grade") or UNGRADED for t in targets)
    departments: dict[str, dict[str, Any]] = {}
    for task in tasks:
        name = task.get("lead") or "（未明确牵头单位）"
        row = departments.setdefault(
            name, {"name": name, "tasks": 0, "reported": 0, "completed": 0, "overdue": 0, "not_updated": 0}
        )
        row["tasks"] += 1
        row["reported"] += not task.get("not_updated")
        row["completed"] += task.get("status") == COMPLETED
        row["overdue"] += bool(task.get("overdue"))
        row["not_updated"] += bool(task.get("not_updated"))
    return {
        "tasks": len(tasks),
        "by_status": {code: by_status.get(code, 0) for code in [*STATUSES, "unreported"]},
        "overdue": sum(bool(t.get("overdue")) for t in tasks),
        "not_updated": sum(bool(t.get("not_updated")) for t in tasks),
        "targets": len(targets),
        "grades": {g: grades.get(g, 0) for g in [*GRADES, UNGRADED]},
        "departments": sorted(departments.values(), key=lambda r: (-r["tasks"], r["name"])),
    }
