"""Freeze what a dispatch report says: every target with its grade and every task with its progress.

The result is the plain JSON of `tanda.reports.snapshot`; `issue_report` stores it together with the
Word and Excel files built from it, in one transaction, so that a stored report never changes when a
task, a target or a progress report is corrected afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from tanda.reports import SCHEMA, STATUSES, Period, as_of, build_docx, build_xlsx, summarize
from tanda.web.core.models import Region
from tanda.web.dispatch.board import region_plans, task_rows
from tanda.web.dispatch.grades import load_grades
from tanda.web.dispatch.models import DispatchReport
from tanda.web.plans.models import Target


def issuer_of(region: Region) -> str:
    return f"{region.name}碳达峰碳中和工作领导小组办公室"


def _targets(plans: list, grades: dict) -> list[dict[str, Any]]:
    rows = []
    targets = Target.objects.filter(plan__in=plans).order_by("plan__date", "plan_id", "order", "id")
    for t in targets:
        g = grades.get(t.pk)
        graded = g.to_dict() if g else {}
        graded.pop("target_id", None)
        rows.append(
            {
                "id": t.pk,
                "plan_id": t.plan_id,
                "indicator": t.indicator,
                "value": None if t.masked else t.value,
                "unit": t.unit,
                "year": t.year,
                "kind": t.kind,
                "kind_label": str(Target.Kind(t.kind).label) if t.kind in Target.Kind.values else t.kind,
                "masked": t.masked,
                "grade": None,
                "state": None,
                "warning_level": None,
                "progress": None,
                "required_progress": None,
                "actual_pace": None,
                "required_pace": None,
                "pace_unit": None,
                "latest_year": None,
                "latest_value": None,
                "forecast": None,
                "p_meet": None,
                "reason": "",
                **graded,
            }
        )
    return rows


def _tasks(rows: list) -> list[dict[str, Any]]:
    tasks = []
    for number, row in enumerate(rows, 1):
        current = row.current
        tasks.append(
            {
                "id": row.task.pk,
                "plan_id": row.task.plan_id,
                "number": number,
                "title": row.task.title,
                "lead": row.lead.name if row.lead else "",
                "cooperating": [d.name for d in row.cooperating],
                "deadline": row.deadline.isoformat() if row.deadline else None,
                "status": current.status if current else None,
                "status_label": STATUSES[current.status] if current else "",
                "percent": current.percent if current else None,
                "narrative": current.narrative if current else "",
                "reported_by": current.department.name if current else "",
                "reported_period": current.period if current else "",
                "updated": current.updated.isoformat() if current else "",
                "overdue": row.overdue,
                "not_updated": row.not_updated,
                "evidence": current.evidence_count if current else 0,
            }
        )
    return tasks


def build_snapshot(
    region: Region,
    period: Period,
    *,
    today: date,
    plan_ids: Iterable[int] | None = None,
    serial: int = 1,
    grade_service: Callable[..., Iterable[Any]] | None = None,
) -> dict[str, Any]:
    """The plain data of a dispatch report of `region` for `period` (see `tanda.reports.snapshot`)."""
    plans = list(region_plans(region, plan_ids))
    grades = load_grades(region.code, period.year, grade_service)
    targets = _targets(plans, grades.by_target)
    tasks = _tasks(task_rows(region, period, today, plan_ids=[p.pk for p in plans]))
    return {
        "schema": SCHEMA,
        "title": f"关于{period.label}{region.name}碳达峰工作调度情况的通报",
        "serial": f"〔{period.year}〕第{serial}期",
        "issuer": issuer_of(region),
        "issued": today.isoformat(),
        "region": {"code": region.code, "name": region.name, "level": region.level},
        "period": period.to_dict(),
        "as_of": as_of(period, today).isoformat(),
        "plans": [{"id": p.pk, "title": p.title, "doc_number": p.doc_number} for p in plans],
        "grades_source": grades.source,
        "grades_year": period.year,
        "grades_note": grades.note,
        "targets": targets,
        "tasks": tasks,
        "summary": summarize(targets, tasks),
    }


@transaction.atomic
def issue_report(
    region: Region,
    period: Period,
    *,
    user=None,
    plan_ids: Iterable[int] | None = None,
    today: date | None = None,
    grade_service: Callable[..., Iterable[Any]] | None = None,
) -> DispatchReport:
    """Make, build and store a dispatch report: the next issue number of the region's year."""
    today = today or timezone.localdate()
    # lock the region's reports of the year; the unique (region, year, serial) catches the first issue
    serials = DispatchReport.objects.select_for_update().filter(region=region, year=period.year)
    serial = max(serials.values_list("serial", flat=True), default=0) + 1
    snapshot = build_snapshot(
        region, period, today=today, plan_ids=plan_ids, serial=serial, grade_service=grade_service
    )
    return DispatchReport.objects.create(
        region=region,
        period=period.code,
        year=period.year,
        serial=serial,
        title=snapshot["title"],
        plans=[p["id"] for p in snapshot["plans"]],
        snapshot=snapshot,
        docx=build_docx(snapshot),
        xlsx=build_xlsx(snapshot),
        created_by=user if user is not None and user.is_authenticated else None,
    )
