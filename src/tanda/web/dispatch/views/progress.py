"""A department reports progress on a task for a period, with evidence files; evidence downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tanda.reports import containing, parse_period, recent
from tanda.web.core.models import Department
from tanda.web.core.permissions import can_report_task, department_of
from tanda.web.dispatch.forms import ProgressReportForm
from tanda.web.dispatch.models import Evidence, ProgressReport
from tanda.web.plans.models import Task, TaskDepartment


def _departments(task: Task) -> list[Department]:
    """The task's departments in the plan's order: the lead first."""
    return [a.department for a in task.assignments.select_related("department").order_by("order")]


def _save(form: ProgressReportForm, task: Task, user) -> ProgressReport:
    data = form.cleaned_data
    report = ProgressReport.objects.filter(task=task, department=data["department"], period=data["period"]).first()
    report = report or ProgressReport(task=task, department=data["department"], period=data["period"])
    report.status, report.percent, report.narrative = data["status"], data["percent"], data["narrative"]
    report.created_by = report.created_by or user
    report.save()
    for f in data["files"]:
        Evidence.objects.create(report=report, file=f, name=f.name[:255], size=f.size, uploaded_by=user)
    return report


@login_required
def report_task(request: HttpRequest, task_id: int) -> HttpResponse:
    """The progress form: a department user reports for its own department; the office for any assigned one."""
    task = get_object_or_404(Task.objects.select_related("plan__region"), pk=task_id)
    if not can_report_task(request.user, task):
        raise PermissionDenied
    departments = _departments(task)
    own = department_of(request.user)
    fixed = next((d for d in departments if d.pk == own), None) if own else None
    today = timezone.localdate()
    period_text = request.GET.get("period") or containing(today, "quarter").code
    if request.method == "POST":
        form = ProgressReportForm(request.POST, request.FILES, departments=departments, fixed_department=fixed)
        if form.is_valid():
            with transaction.atomic():
                report = _save(form, task, request.user)
            messages.success(
                request,
                _("已保存 %(department)s %(period)s 的进展。")
                % {"department": report.department, "period": report.period},
            )
            return redirect(f"{reverse('dispatch:report_task', args=[task.pk])}?period={report.period}")
    else:
        initial = {"period": period_text}
        try:
            code = parse_period(period_text).code
        except ValueError:
            code = None
        dept = fixed or (departments[0] if departments else None)
        existing = (
            ProgressReport.objects.filter(task=task, department=dept, period=code).first() if dept and code else None
        )
        if existing:
            initial.update(status=existing.status, percent=existing.percent, narrative=existing.narrative)
        form = ProgressReportForm(initial=initial, departments=departments, fixed_department=fixed)
    reports = (
        ProgressReport.objects.filter(task=task)
        .select_related("department", "created_by")
        .prefetch_related("evidence")
        .order_by("-period_end", "department__name")
    )
    roles = dict(TaskDepartment.objects.filter(task=task).values_list("department_id", "role"))
    return render(
        request,
        "dispatch/report_form.html",
        {
            "task": task,
            "form": form,
            "reports": reports,
            "departments": departments,
            "roles": roles,
            "periods": recent(today),
            "deadline": getattr(getattr(task, "schedule", None), "deadline", None),
        },
    )


@login_required
def evidence(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """An evidence file, as an attachment (never rendered inline: it is a user's upload)."""
    item = get_object_or_404(Evidence, pk=evidence_id)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("文件已不存在。")) from exc
    return FileResponse(handle, as_attachment=True, filename=item.name)
