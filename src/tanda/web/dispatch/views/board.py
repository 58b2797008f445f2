"""The region's task board: every task's state in a period, flags, grouped by lead department."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tanda.reports import as_of, recent
from tanda.web.core.models import Region
from tanda.web.core.permissions import can_edit_region, department_of
from tanda.web.dispatch.access import chosen_period, chosen_region, may_report_row
from tanda.web.dispatch.board import by_lead, task_rows
from tanda.web.dispatch.forms import DeadlineForm
from tanda.web.dispatch.models import TaskSchedule
from tanda.web.dispatch.notify import scan
from tanda.web.plans.models import Task

FLAGS = {"overdue", "not_updated", "mine"}


@login_required
def board(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    region = chosen_region(request)
    period, period_error = chosen_period(request, today)
    if period_error:
        messages.error(request, _("调度周期有误：%(error)s") % {"error": period_error})
    rows = task_rows(region, period, today) if region else []
    counts = {
        "tasks": len(rows),
        "reported": sum(not r.not_updated for r in rows),
        "not_updated": sum(r.not_updated for r in rows),
        "overdue": sum(r.overdue for r in rows),
        "completed": sum(r.status == "completed" for r in rows),
    }
    my_department = department_of(request.user)
    flag = request.GET.get("flag", "")
    if flag not in FLAGS:
        flag = "mine" if my_department and "flag" not in request.GET else ""
    if flag == "overdue":
        rows = [r for r in rows if r.overdue]
    elif flag == "not_updated":
        rows = [r for r in rows if r.not_updated]
    elif flag == "mine":
        rows = [r for r in rows if my_department in r.departments]
    for row in rows:
        row.may_report = may_report_row(request.user, region, row)
    regions = Region.objects.filter(plans__isnull=False).distinct().order_by("code")
    return render(
        request,
        "dispatch/board.html",
        {
            "region": region,
            "regions": regions,
            "period": period,
            "periods": recent(today),
            "as_of": as_of(period, today),
            "groups": by_lead(rows),
            "shown": len(rows),
            "counts": counts,
            "flag": flag,
            "my_department": my_department,
            "can_manage": region is not None and can_edit_region(request.user, region),
        },
    )


@login_required
def task_deadline(request: HttpRequest, task_id: int) -> HttpResponse:
    """The office sets or clears a task's completion deadline."""
    task = get_object_or_404(Task.objects.select_related("plan__region"), pk=task_id)
    if not can_edit_region(request.user, task.plan.region):
        raise PermissionDenied
    schedule, _created = TaskSchedule.objects.get_or_create(task=task)
    form = DeadlineForm(request.POST or None, instance=schedule)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存完成时限。"))
        return redirect(f"{reverse('dispatch:board')}?region={task.plan.region_id}")
    return render(request, "dispatch/deadline.html", {"task": task, "form": form})


@login_required
@require_POST
def send_reminders(request: HttpRequest) -> HttpResponse:
    """Create the period's notifications for the region and e-mail them (the office's button)."""
    region = get_object_or_404(Region, code=request.POST.get("region", ""))
    if not can_edit_region(request.user, region):
        raise PermissionDenied
    period, error = chosen_period(request)
    if error:
        messages.error(request, _("调度周期有误：%(error)s") % {"error": error})
    else:
        result = scan(region, period, base_url=request.build_absolute_uri("/"))
        messages.success(
            request,
            _("已生成 %(created)d 条提醒，发送邮件 %(emailed)d 封。")
            % {"created": result.created, "emailed": result.emailed},
        )
    return redirect(f"{reverse('dispatch:board')}?region={region.code}&period={period.code}")
