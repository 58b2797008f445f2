"""Where each task of a region stands in a period: its report, deadline and flags.

One query set of tasks with their departments, deadline and reports up to the period's end, turned
into `TaskRow`s with the rules of `tanda.reports.progress`; the board, the notifications and the
snapshot of a dispatch report all read the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, QuerySet

from tanda.reports import Period, as_of, is_overdue
from tanda.web.core.models import Department, Region
from tanda.web.dispatch.models import ProgressReport
from tanda.web.plans.models import Plan, Task, TaskDepartment


@dataclass
class TaskRow:
    task: Task
    lead: Department | None
    cooperating: list[Department]
    deadline: date | None
    reports: list[ProgressReport]  # of this period, the lead's first
    latest: ProgressReport | None  # the latest report up to the period's end
    overdue: bool = False
    not_updated: bool = False
    departments: set[int] = field(default_factory=set)

    @property
    def current(self) -> ProgressReport | None:
        """The report that speaks for the task this period: the lead's, else the latest one sent."""
        return self.reports[0] if self.reports else None

    @property
    def status(self) -> str | None:
        return self.current.status if self.current else None


def region_plans(region: Region, plan_ids: Iterable[int] | None = None) -> QuerySet[Plan]:
    plans = Plan.objects.filter(region=region).defer("source_file", "source_text").order_by("-date", "pk")
    if plan_ids:
        plans = plans.filter(pk__in=list(plan_ids))
    return plans


def tasks_of(plans: QuerySet[Plan], period: Period) -> QuerySet[Task]:
    reports = (
        ProgressReport.objects.filter(period_end__lte=period.end)
        .select_related("department", "created_by")
        .annotate(evidence_count=Count("evidence"))
        .order_by("-period_end", "-updated")
    )
    return (
        Task.objects.filter(plan__in=plans)
        .select_related("plan", "schedule")
        .prefetch_related(
            Prefetch("assignments", queryset=TaskDepartment.objects.select_related("department").order_by("order")),
            Prefetch("progress_reports", queryset=reports, to_attr="reports_to_date"),
        )
        .order_by("plan__date", "plan_id", "order", "id")
    )


def _row(task: Task, period: Period, on: date) -> TaskRow:
    assignments = list(task.assignments.all())
    lead = next((a.department for a in assignments if a.role == TaskDepartment.Role.LEAD), None)
    cooperating = [a.department for a in assignments if a.role != TaskDepartment.Role.LEAD]
    lead_id = lead.pk if lead else None
    to_date = list(task.reports_to_date)  # newest period first, then newest update
    this_period = sorted((r for r in to_date if r.period == period.code), key=lambda r: r.department_id != lead_id)
    latest = this_period[0] if this_period else (to_date[0] if to_date else None)
    schedule = getattr(task, "schedule", None)
    deadline = schedule.deadline if schedule else None
    return TaskRow(
        task=task,
        lead=lead,
        cooperating=cooperating,
        deadline=deadline,
        reports=this_period,
        latest=latest,
        overdue=is_overdue(deadline, latest.status if latest else None, on),
        not_updated=not this_period,
        departments={a.department_id for a in assignments},
    )


def task_rows(
    region: Region,
    period: Period,
    today: date,
    *,
    plan_ids: Iterable[int] | None = None,
) -> list[TaskRow]:
    """Every task of the region's plans (or of `plan_ids`) with its flags as of the period."""
    on = as_of(period, today)
    return [_row(task, period, on) for task in tasks_of(region_plans(region, plan_ids), period)]


def by_lead(rows: Iterable[TaskRow]) -> list[tuple[str, list[TaskRow]]]:
    """Rows grouped by lead department, the groups with most tasks first and tasks without a lead last."""
    groups: dict[str, list[TaskRow]] = {}
    for row in rows:
        groups.setdefault(row.lead.name if row.lead else "", []).append(row)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "", -len(kv[1]), kv[0]))
