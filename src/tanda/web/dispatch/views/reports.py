"""Dispatch reports: the list, issuing a new one, one report's frozen content, and its files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tanda.reports import containing, parse_period
from tanda.web.core.permissions import can_edit_region, editable_regions
from tanda.web.dispatch.access import chosen_region
from tanda.web.dispatch.board import region_plans
from tanda.web.dispatch.forms import DispatchReportForm
from tanda.web.dispatch.models import DispatchReport
from tanda.web.dispatch.notify import scan
from tanda.web.dispatch.snapshot import issue_report

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    reports = DispatchReport.objects.select_related("region", "created_by").defer("snapshot", "docx", "xlsx")
    code = request.GET.get("region", "")
    if code:
        reports = reports.filter(region__code=code)
    return render(
        request,
        "dispatch/report_list.html",
        {"reports": reports, "region_code": code, "can_create": editable_regions(request.user).exists()},
    )


@login_required
def report_create(request: HttpRequest) -> HttpResponse:
    region = chosen_region(request)
    if region is None or not can_edit_region(request.user, region):
        raise PermissionDenied
    plans = list(region_plans(region))
    form = DispatchReportForm(
        request.POST or None,
        plans=plans,
        initial={"period": request.GET.get("period") or containing(timezone.localdate(), "quarter").previous().code},
    )
    if request.method == "POST" and form.is_valid():
        period = parse_period(form.cleaned_data["period"])
        plan_ids = [int(p) for p in form.cleaned_data["plans"]]
        report = issue_report(region, period, user=request.user, plan_ids=plan_ids)
        result = scan(region, period, plan_ids=plan_ids, base_url=request.build_absolute_uri("/"))
        messages.success(
            request,
            _("已生成调度通报 %(serial)s；新增提醒 %(created)d 条。")
            % {"serial": report.snapshot["serial"], "created": result.created},
        )
        return redirect(report)
    return render(request, "dispatch/report_create.html", {"form": form, "region": region})


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(DispatchReport.objects.select_related("region").defer("docx", "xlsx"), pk=report_id)
    s = report.snapshot
    return render(
        request,
        "dispatch/report_detail.html",
        {
            "report": report,
            "s": s,
            "summary": s["summary"],
            "overdue": [t for t in s["tasks"] if t["overdue"]],
        },
    )


@login_required
def report_download(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    report = get_object_or_404(DispatchReport.objects.only("pk", "region", "period", "serial", fmt), pk=report_id)
    data = bytes(getattr(report, fmt))
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"dispatch-{report.region_id}-{report.period}-{report.serial}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
