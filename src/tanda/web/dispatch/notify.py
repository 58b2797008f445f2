"""Notifications of a dispatch: overdue tasks, progress not reported, off-track and missing indicator data.

`scan` looks at a region in a period and creates in-app notifications (once per user and alert: the
`key` of each is unique per user, so a second scan adds only what is new), then sends every user
with an e-mail address one message listing their new notifications, through Django's mail backend.

Who is told what: a department user hears about the tasks its department leads (overdue, not
updated); the region's office users get one summary per kind and one notice per red or yellow target.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tanda.reports import Period
from tanda.web.core.models import Profile, Region
from tanda.web.dispatch.board import TaskRow, region_plans, task_rows
from tanda.web.dispatch.grades import load_grades
from tanda.web.dispatch.models import Notification
from tanda.web.plans.models import Target

Kind = Notification.Kind
WARNING = {"red": "红色预警", "yellow": "黄色预警"}


@dataclass
class Alert:
    kind: str
    key: str
    title: str
    body: str = ""
    url: str = ""


@dataclass
class ScanResult:
    created: int
    emailed: int
    recipients: int


def _office_users(region: Region) -> list:
    return list(
        get_user_model().objects.filter(is_active=True, profile__role=Profile.Role.OFFICE, profile__region=region)
    )


def _department_users(region: Region) -> dict[int, list]:
    users = (
        get_user_model()
        .objects.filter(is_active=True, profile__role=Profile.Role.DEPARTMENT, profile__region=region)
        .select_related("profile")
    )
    found: dict[int, list] = defaultdict(list)
    for user in users:
        if user.profile.department_id:
            found[user.profile.department_id].append(user)
    return found


def _task_alerts(row: TaskRow, period: Period) -> list[Alert]:
    task = row.task
    url = f"{reverse('dispatch:report_task', args=[task.pk])}?period={period.code}"
    alerts = []
    if row.overdue:
        alerts.append(
            Alert(
                Kind.OVERDUE,
                f"overdue:{task.pk}:{period.code}",
                f"任务逾期：{task.title}",
                f"完成时限 {row.deadline:%Y-%m-%d} 已过，尚未报送完成。",
                url,
            )
        )
    if row.not_updated:
        alerts.append(
            Alert(
                Kind.NOT_UPDATED,
                f"not_updated:{task.pk}:{period.code}",
                f"请报送{period.label}进展：{task.title}",
                f"{period.label}尚无本任务的进展报送。",
                url,
            )
        )
    return alerts


def _office_alerts(region: Region, period: Period, rows: list[TaskRow], grades: Any) -> list[Alert]:
    board = f"{reverse('dispatch:board')}?region={region.code}&period={period.code}"
    alerts = []
    overdue = sum(r.overdue for r in rows)
    missing = sum(r.not_updated for r in rows)
    if overdue:
        alerts.append(
            Alert(
                Kind.OVERDUE,
                f"overdue:{region.code}:{period.code}",
                f"{period.label}：{overdue}项任务逾期未完成",
                url=f"{board}&flag=overdue",
            )
        )
    if missing:
        alerts.append(
            Alert(
                Kind.NOT_UPDATED,
                f"not_updated:{region.code}:{period.code}",
                f"{period.label}：{missing}项任务未报送进展",
                url=f"{board}&flag=not_updated",
            )
        )
    targets = {t.pk: t for t in Target.objects.filter(plan__in=region_plans(region), pk__in=grades.by_target)}
    no_data = []
    for target_id, g in grades.by_target.items():
        target = targets.get(target_id)
        if target is None:
            continue
        if g.grade in ("red", "yellow"):
            alerts.append(
                Alert(
                    Kind.OFF_TRACK,
                    f"off_track:{target_id}:{period.year}:{g.grade}",
                    f"指标{WARNING[g.grade]}：{target.indicator}（{target.year or ''}年目标）",
                    g.reason,
                    reverse("plans:detail", args=[target.plan_id]) + f"#target-{target_id}",
                )
            )
        elif g.state == "no_data":
            no_data.append(target.indicator)
    if no_data:
        alerts.append(
            Alert(
                Kind.MISSING_DATA,
                f"missing_data:{region.code}:{period.year}",
                f"{len(no_data)}项目标缺少监测数据，无法评估",
                "、".join(no_data),
            )
        )
    return alerts


def _store(user, region: Region, alert: Alert) -> Notification | None:
    """The new notification, or None when the user already has this one."""
    if Notification.objects.filter(user=user, key=alert.key).exists():
        return None
    try:
        with transaction.atomic():  # a scan running at the same time may have just made it
            return Notification.objects.create(
                user=user,
                region=region,
                kind=alert.kind,
                key=alert.key[:120],
                title=alert.title[:300],
                body=alert.body,
                url=alert.url[:300],
            )
    except IntegrityError:
        return None


def _email(user, region: Region, period: Period, notes: list[Notification], base_url: str, connection) -> bool:
    if not user.email or not notes:
        return False
    lines = [
        f"{user.get_full_name() or user.get_username()}：",
        "",
        f"{region.name}{period.label}调度有以下新提醒：",
        "",
    ]
    for n in notes:
        lines.append(f"· {n.title}")
        if n.body:
            lines.append(f"  {n.body}")
        if n.url:
            lines.append(f"  {base_url.rstrip('/')}{n.url}")
    lines += ["", f"全部通知：{base_url.rstrip('/')}{reverse('dispatch:notifications')}", "", "tanda"]
    message = EmailMessage(
        subject=f"[tanda] {region.name}{period.label}调度提醒（{len(notes)}条）",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        connection=connection,
    )
    message.send()
    return True


def scan(
    region: Region,
    period: Period,
    *,
    today: date | None = None,
    base_url: str = "",
    plan_ids: Iterable[int] | None = None,
    grade_service: Callable[..., Iterable[Any]] | None = None,
) -> ScanResult:
    """Create the notifications a region's period calls for and e-mail each recipient's new ones."""
    today = today or timezone.localdate()
    rows = task_rows(region, period, today, plan_ids=plan_ids)
    grades = load_grades(region.code, period.year, grade_service)
    new: dict[Any, list[Notification]] = defaultdict(list)
    by_department = _department_users(region)
    for row in rows:
        if row.lead is None:
            continue
        for user in by_department.get(row.lead.pk, []):
            for alert in _task_alerts(row, period):
                if note := _store(user, region, alert):
                    new[user].append(note)
    office_alerts = _office_alerts(region, period, rows, grades)
    for user in _office_users(region):
        for alert in office_alerts:
            if note := _store(user, region, alert):
                new[user].append(note)
    emailed = 0
    connection = get_connection()
    now = timezone.now()
    for user, notes in new.items():
        if _email(user, region, period, notes, base_url, connection):
            Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=now)
            emailed += 1
    return ScanResult(created=sum(map(len, new.values())), emailed=emailed, recipients=len(new))


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
