"""Two-high projects: the list by screening class, one project, the form, the xlsx export; caps.

Every screening is against the level that applies to the project's region (`levels.LevelBook`), read
once per request, and is shown with where that level came from.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tanda.enterprises.benchmarks import CLASS_LABELS_ZH
from tanda.web.enterprises.access import can_edit_region_data, own_enterprise_id
from tanda.web.enterprises.common import signed_in
from tanda.web.enterprises.forms import CapForm, ProjectForm
from tanda.web.enterprises.models import Project, RegionCap
from tanda.web.enterprises.project_records import projects_workbook
from tanda.web.enterprises.services import SCREENING_TABS, ProjectView, project_view, project_views
from tanda.web.enterprises.views.units import _regions_with_units, editable_region_queryset, projects_of


def _views(request: HttpRequest) -> list[ProjectView]:
    return project_views(
        projects_of(request.user), region=request.GET.get("region") or "", status=request.GET.get("status") or ""
    )


@signed_in
def project_list(request: HttpRequest) -> HttpResponse:
    views = _views(request)
    chosen = request.GET.get("class") or ""
    counts = {c: sum(1 for v in views if v.screening_class == c) for c in SCREENING_TABS}
    shown = [v for v in views if not chosen or v.screening_class == chosen]
    return render(
        request,
        "enterprises/project_list.html",
        {
            "views": shown,
            "chosen": chosen,
            "counts": counts,
            "tabs": SCREENING_TABS,
            "labels": {**CLASS_LABELS_ZH, "unscreened": _("未作能效分类")},
            "regions": _regions_with_units(),
            "region": request.GET.get("region") or "",
            "status": request.GET.get("status") or "",
            "statuses": Project.Status.choices,
            "can_add": editable_region_queryset(request.user).exists(),
            "query": request.GET.urlencode(),
        },
    )


@signed_in
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(projects_of(request.user), pk=pk)
    view = project_view(project)
    return render(
        request,
        "enterprises/project_detail.html",
        {
            "view": view,
            "project": project,
            "reference": view.level.ref if view.level else None,
            "labels": CLASS_LABELS_ZH,
            "may_edit": can_edit_region_data(request.user, project.region_id),
        },
    )


@signed_in
def project_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk) if pk else None
    if project is not None and not can_edit_region_data(request.user, project.region_id):
        raise PermissionDenied
    regions = editable_region_queryset(request.user)
    if not regions.exists():
        raise PermissionDenied
    form = ProjectForm(request.POST or None, instance=project, regions=regions)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("已保存：%(name)s") % {"name": saved.name})
        return redirect(saved)
    return render(request, "enterprises/project_form.html", {"form": form, "project": project})


@signed_in
def project_export(request: HttpRequest) -> HttpResponse:
    """The list as it is filtered, one sheet, with class, levels, deadline and budget shares."""
    views = _views(request)
    chosen = request.GET.get("class") or ""
    if chosen:
        views = [v for v in views if v.screening_class == chosen]
    response = HttpResponse(
        projects_workbook(views), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="two-high-projects.xlsx"'
    return response


@signed_in
def caps(request: HttpRequest) -> HttpResponse:
    if own_enterprise_id(request.user) is not None:
        raise PermissionDenied
    regions = editable_region_queryset(request.user)
    form = None
    if regions.exists():
        instance = None
        if request.method == "POST":
            instance = RegionCap.objects.filter(
                region_id=request.POST.get("region"), year=request.POST.get("year") or 0
            ).first()
        form = CapForm(request.POST or None, instance=instance, regions=regions)
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("额度已保存"))
            return redirect("enterprises:caps")
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "enterprises/caps.html",
        {"caps": RegionCap.objects.select_related("region"), "form": form},
    )
