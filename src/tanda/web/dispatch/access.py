"""Who may see and do what in the dispatch: the rules, asked through `tanda.web.core.permissions`.

Dispatch data (progress, evidence, notifications, reports) is internal: every page needs an account.
Reporting on a task is `can_report_task`; setting a task's deadline, issuing a dispatch report and
sending reminders is the region office's (`can_edit_region`).
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.utils import timezone

from tanda.reports import Period, PeriodError, containing, parse_period
from tanda.web.core.models import Profile, Region
from tanda.web.core.permissions import can_edit_region, role_of
from tanda.web.dispatch.board import TaskRow


def default_region(user) -> Region | None:
    """The user's own region; for an administrator without one, the first region that has a plan."""
    profile = getattr(user, "profile", None)
    if profile and profile.region_id:
        return profile.region
    return Region.objects.filter(plans__isnull=False).order_by("code").first()


def chosen_region(request: HttpRequest) -> Region | None:
    code = request.GET.get("region") or request.POST.get("region") or ""
    return Region.objects.filter(code=code).first() if code else default_region(request.user)


def chosen_period(request: HttpRequest, today: date | None = None) -> tuple[Period, str]:
    """The ?period= asked for, else the current quarter; and an error message for a bad one."""
    text = request.GET.get("period") or request.POST.get("period") or ""
    current = containing(today or timezone.localdate(), "quarter")
    if not text:
        return current, ""
    try:
        return parse_period(text), ""
    except PeriodError as exc:
        return current, str(exc)


def may_report_row(user, region: Region, row: TaskRow) -> bool:
    """The board's "report" link: `can_report_task` without a query per row (the rows know their departments)."""
    role = role_of(user)
    if role in (Profile.Role.ADMIN, Profile.Role.OFFICE):
        return can_edit_region(user, region)
    if role == Profile.Role.DEPARTMENT:
        profile = user.profile
        return profile.region_id == region.code and profile.department_id in row.departments
    return False
