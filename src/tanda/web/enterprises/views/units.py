"""Unit pages: the list with flags, one unit's months, its register entry, its submissions and output."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tanda.enterprises import FLAG_KINDS, resolve_industry
from tanda.enterprises.industries import divisions
from tanda.enterprises.reference import settings
from tanda.enterprises.rollup import rollup_industries, rollup_regions
from tanda.enterprises.submissions import key_of
from tanda.inventory.fuels import all_fuels
from tanda.regions import codes_within
from tanda.web.core.models import Profile, Region
from tanda.web.core.permissions import role_of
from tanda.web.enterprises.access import (
    can_edit_region_data,
    can_import,
    can_submit_for,
    own_enterprise_id,
    visible_projects,
    visible_units,
)
from tanda.web.enterprises.balance import balance_rows
from tanda.web.enterprises.common import chosen_year, signed_in, unit_view
from tanda.web.enterprises.forms import EnterpriseForm, OutputForm, SubmissionForm
from tanda.web.enterprises.levels import LevelBook
from tanda.web.enterprises.models import Enterprise, Output, Project, Submission
from tanda.web.enterprises.services import energy_of, flags_for, intensities, jump_threshold, project_view

FLAG_LABELS = {
    "missing": gettext_lazy("缺报月份"),
    "jump": gettext_lazy("环比突变"),
    "crossed": gettext_lazy("超过1万吨标准煤"),
    "data_centre": gettext_lazy("数据中心未接入在线监测"),
}


def _regions_with_units():
    return Region.objects.filter(enterprises__isnull=False).distinct().order_by("code")


def editable_region_queryset(user):
    """Regions whose units, projects and caps the user may change."""
    if not user.is_authenticated or own_enterprise_id(user) is not None:
        return Region.objects.none()
    if role_of(user) == Profile.Role.ADMIN:
        return Region.objects.all()
    if role_of(user) == Profile.Role.OFFICE and user.profile.region_id:
        return Region.objects.filter(code__in=codes_within(user.profile.region_id))
    return Region.objects.none()


@signed_in
def unit_list(request: HttpRequest) -> HttpResponse:
    own = own_enterprise_id(request.user)
    if own is not None:
        return redirect(Enterprise.objects.get(pk=own))
    year = chosen_year(request)
    threshold = jump_threshold(request.GET.get("jump"))
    units = visible_units(request.user, Enterprise.objects.select_related("region"))
    region = request.GET.get("region") or ""
    if region:
        units = units.filter(region_id__in=codes_within(region))
    division = request.GET.get("division") or ""
    if division:
        units = units.filter(industry__startswith=division)
    query = (request.GET.get("q") or "").strip()
    if query:
        units = units.filter(name__icontains=query) | units.filter(credit_code__icontains=query.upper())
    units = list(units.order_by("region_id", "credit_code"))
    energy = energy_of([u.pk for u in units], [year] if year else None) if year else None
    annual = (
        {row.unit: row for row in energy.annual().itertuples(index=False)}
        if energy is not None and not energy.frame.empty
        else {}
    )
    flags = flags_for(energy, units, threshold) if energy is not None else []
    by_unit = defaultdict(list)
    for f in flags:
        by_unit[f.unit].append(f)
    kind = request.GET.get("flag") or ""
    if kind:
        units = [u for u in units if any(f.kind == kind for f in by_unit[u.pk])]
    counts = {k: len({f.unit for f in flags if f.kind == k}) for k in FLAG_KINDS}
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    page.object_list = [  # only the page's rows are built
        {"unit": u, "annual": annual.get(u.pk), "flags": by_unit[u.pk], "industry": resolve_industry(u.industry)}
        for u in page.object_list
    ]
    return render(
        request,
        "enterprises/unit_list.html",
        {
            "page": page,
            "year": year,
            "threshold_pct": round(threshold * 100),
            "regions": _regions_with_units(),
            "region": region,
            "divisions": sorted(divisions().items()),
            "division": division,
            "flag": kind,
            "q": query,
            "flag_labels": FLAG_LABELS,
            "counts": counts,
            "total": len(units),
            "warnings": energy.warnings if energy is not None else [],
            "can_import": can_import(request.user),
            "can_add": editable_region_queryset(request.user).exists(),
            "key_line": settings()["key_unit_tce"],
        },
    )


@unit_view
def unit_detail(request: HttpRequest, unit: Enterprise) -> HttpResponse:
    year = chosen_year(request)
    threshold = jump_threshold(request.GET.get("jump"))
    energy = energy_of([unit.pk], [year]) if year else None
    months = energy.frame.to_dict("records") if energy is not None else []
    annual = energy.annual() if energy is not None else None
    annual_row = annual.iloc[0] if annual is not None and not annual.empty else None
    flags = flags_for(energy, [unit], threshold) if energy is not None else []
    flagged_months = defaultdict(list)
    for f in flags:
        if f.month is not None:
            flagged_months[f.month].append(f)
    fuels = all_fuels()
    matrix: dict[tuple[str, str], dict[int, Submission]] = defaultdict(dict)
    for s in Submission.objects.of_unit(unit.pk, year).order_by("fuel", "direction", "month"):
        matrix[(s.fuel, s.direction)][s.month] = s
    table = [
        {
            "fuel": fuels[fuel].name_zh if fuel in fuels else fuel,
            "direction": direction,
            "cells": [by_month.get(m) for m in range(1, 13)],
        }
        for (fuel, direction), by_month in sorted(matrix.items())
    ]
    book = LevelBook.load()
    projects = [
        project_view(p, with_budget=False, book=book) for p in visible_projects(request.user, unit.projects.all())
    ]
    may_submit = can_submit_for(request.user, unit)
    return render(
        request,
        "enterprises/unit_detail.html",
        {
            "unit": unit,
            "industry": resolve_industry(unit.industry),
            "year": year,
            "years": sorted(set(Submission.objects.of_unit(unit.pk).values_list("year", flat=True)), reverse=True),
            "months": months,
            "flagged_months": dict(flagged_months),
            "annual": annual_row,
            "flags": flags,
            "flag_labels": FLAG_LABELS,
            "threshold_pct": round(threshold * 100),
            "table": table,
            "month_numbers": range(1, 13),
            "outputs": Output.objects.filter(enterprise=unit, year=year),
            "intensities": intensities(unit, year, annual_row) if year else [],
            "projects": projects,
            "warnings": energy.warnings if energy is not None else [],
            "may_submit": may_submit,
            "may_edit": can_edit_region_data(request.user, unit.region_id),
            "submission_form": SubmissionForm(initial={"year": year}) if may_submit else None,
            "output_form": OutputForm(initial={"year": year}) if may_submit else None,
            "key_line": settings()["key_unit_tce"],
        },
    )


@require_POST
@unit_view
def submit(request: HttpRequest, unit: Enterprise) -> HttpResponse:
    """Enter or correct one month's quantity of one fuel (the change log keeps the old value)."""
    if not can_submit_for(request.user, unit):
        raise PermissionDenied
    form = SubmissionForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label if field in form.fields else field}: {' '.join(errors)}"
            )
        return redirect(f"{unit.get_absolute_url()}?year={request.POST.get('year', '')}")
    data = form.cleaned_data
    with transaction.atomic():
        row, created = Submission.objects.select_for_update().get_or_create(
            key=key_of(unit.pk, data["year"], data["month"], data["fuel"], data["direction"]),
            defaults={
                "enterprise": unit,
                "year": data["year"],
                "month": data["month"],
                "fuel": data["fuel"],
                "direction": data["direction"],
                "quantity": data["quantity"],
                "unit": data["unit"],
                "canonical": data["canonical"],
                "source": Submission.Source.FORM,
            },
        )
        if not created:
            row.quantity, row.unit, row.canonical = data["quantity"], data["unit"], data["canonical"]
            row.source = Submission.Source.FORM
            row.save()
    messages.success(request, _("已保存 %(year)s年%(month)s月") % {"year": data["year"], "month": data["month"]})
    return redirect(f"{unit.get_absolute_url()}?year={data['year']}")


@require_POST
@unit_view
def add_output(request: HttpRequest, unit: Enterprise) -> HttpResponse:
    if not can_submit_for(request.user, unit):
        raise PermissionDenied
    form = OutputForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        Output.objects.update_or_create(
            enterprise=unit,
            year=data["year"],
            month=data["month"],
            product=data["product"],
            defaults={"quantity": data["quantity"], "unit": data["unit"]},
        )
        messages.success(request, _("产量已保存"))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
    return redirect(f"{unit.get_absolute_url()}?year={request.POST.get('year', '')}")


@signed_in
def unit_edit(request: HttpRequest, credit_code: str | None = None) -> HttpResponse:
    """Add a unit to the register, or change its entry (office of its region, administrators)."""
    unit = Enterprise.objects.filter(credit_code=credit_code).first() if credit_code else None
    if credit_code and unit is None:
        raise Http404
    if unit is not None and not can_edit_region_data(request.user, unit.region_id):
        raise PermissionDenied
    regions = editable_region_queryset(request.user)
    if not regions.exists():
        raise PermissionDenied
    form = EnterpriseForm(request.POST or None, instance=unit, regions=regions)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("已保存：%(name)s") % {"name": saved.name})
        return redirect(saved)
    return render(request, "enterprises/unit_form.html", {"form": form, "unit": unit})


@signed_in
def rollup(request: HttpRequest) -> HttpResponse:
    """Totals by region (every level) and by industry for a year, and against the year's stored balances."""
    if own_enterprise_id(request.user) is not None:
        raise PermissionDenied
    year = chosen_year(request)
    region = request.GET.get("region") or ""
    units = Enterprise.objects.all()
    keys = {u.pk: (u.region_id, u.industry) for u in units.only("pk", "region_id", "industry")}
    energy = energy_of(None, [year]) if year else None
    regions_table, industries_table = [], []
    if energy is not None and not energy.frame.empty:
        annual = energy.annual()
        regions_table = rollup_regions(annual, keys)
        if region:
            inside = codes_within(region)
            regions_table = regions_table[regions_table["region"].isin(inside)]
        regions_table = regions_table.to_dict("records")
        industries_table = rollup_industries(annual, keys, region=region or None).to_dict("records")
    checks, balances = balance_rows(year, region) if regions_table else ([], [])
    return render(
        request,
        "enterprises/rollup.html",
        {
            "year": year,
            "region": region,
            "regions": _regions_with_units(),
            "regions_table": regions_table,
            "industries_table": industries_table,
            "warnings": energy.warnings if energy is not None else [],
            "checks": checks,
            "balances": balances,
        },
    )


def projects_of(user):
    return visible_projects(user, Project.objects.select_related("region", "enterprise"))
