"""JSON API of the dispatch: a region's task board for a period, dispatch reports, my notifications.

Like the pages, everything needs a signed-in user (session authentication); a report is returned as
its frozen snapshot (the shape of `tanda.reports.snapshot`).
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from tanda.reports import PeriodError, as_of, containing, parse_period
from tanda.web.core.models import Region
from tanda.web.dispatch.board import task_rows
from tanda.web.dispatch.models import DispatchReport, Notification

router = Router(tags=["dispatch"])


def _signed_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise HttpError(401, "sign in to read dispatch data")


class TaskState(Schema):
    id: int
    plan: int
    title: str
    lead: str | None
    cooperating: list[str]
    deadline: date | None
    status: str | None
    percent: int | None
    narrative: str
    reported_by: str | None
    overdue: bool
    not_updated: bool


class Board(Schema):
    region: str
    period: str
    as_of: date
    tasks: list[TaskState]


class ReportSummary(Schema):
    id: int
    region: str
    period: str
    serial: int
    title: str
    created: datetime


class NotificationOut(Schema):
    id: int
    kind: str
    region: str
    title: str
    body: str
    url: str
    created: datetime
    read: bool


@router.get("/board", response=Board, summary="Every task of a region in a period, with its report and flags")
def board(request: HttpRequest, region: str, period: str | None = None):
    _signed_in(request)
    place = get_object_or_404(Region, code=region)
    today = timezone.localdate()
    try:
        p = parse_period(period) if period else containing(today, "quarter")
    except PeriodError as exc:
        raise HttpError(422, f"period {exc}") from exc
    tasks = []
    for row in task_rows(place, p, today):
        current = row.current
        tasks.append(
            {
                "id": row.task.pk,
                "plan": row.task.plan_id,
                "title": row.task.title,
                "lead": row.lead.name if row.lead else None,
                "cooperating": [d.name for d in row.cooperating],
                "deadline": row.deadline,
                "status": current.status if current else None,
                "percent": current.percent if current else None,
                "narrative": current.narrative if current else "",
                "reported_by": current.department.name if current else None,
                "overdue": row.overdue,
                "not_updated": row.not_updated,
            }
        )
    return {"region": place.code, "period": p.code, "as_of": as_of(p, today), "tasks": tasks}


@router.get("/reports", response=list[ReportSummary], summary="Dispatch reports, newest first")
def reports(request: HttpRequest, region: str | None = None):
    _signed_in(request)
    rows = DispatchReport.objects.defer("snapshot", "docx", "xlsx")
    if region:
        rows = rows.filter(region_id=region)
    return [
        {
            "id": r.pk,
            "region": r.region_id,
            "period": r.period,
            "serial": r.serial,
            "title": r.title,
            "created": r.created,
        }
        for r in rows
    ]


@router.get("/reports/{int:report_id}", summary="One dispatch report's frozen snapshot")
def report(request: HttpRequest, report_id: int):
    _signed_in(request)
    return get_object_or_404(DispatchReport.objects.defer("docx", "xlsx"), pk=report_id).snapshot


@router.get("/notifications", response=list[NotificationOut], summary="The caller's notifications, newest first")
def notifications(request: HttpRequest, unread: bool = False):
    _signed_in(request)
    rows = Notification.objects.filter(user=request.user)
    if unread:
        rows = rows.filter(read_at__isnull=True)
    return [
        {
            "id": n.pk,
            "kind": n.kind,
            "region": n.region_id,
            "title": n.title,
            "body": n.body,
            "url": n.url,
            "created": n.created,
            "read": n.read_at is not None,
        }
        for n in rows[:200]
    ]
