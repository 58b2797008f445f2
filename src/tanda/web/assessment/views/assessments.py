"""Assessments: list, create, results (ranking, grades, map, contributions), data entry, exports."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tanda.assessment.export import build_report, build_workbook
from tanda.assessment.scheme import RULE_LABELS, SchemeError
from tanda.assessment.scoring import MISSING_LABELS
from tanda.web.assessment.forms import AssessmentForm
from tanda.web.assessment.models import Assessment, Scheme, Value
from tanda.web.assessment.services import can_edit, can_view, chart_data, create_subjects, evaluate, inputs, map_data
from tanda.web.core.permissions import can_upload
from tanda.web.review.access import refuse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIELDS = ("value", "previous", "target")


def index(request: HttpRequest) -> HttpResponse:
    assessments = Assessment.objects.select_related("scheme", "region")
    if not request.user.is_authenticated:
        assessments = assessments.filter(published=True)
    return render(
        request,
        "assessment/index.html",
        {"assessments": assessments, "schemes": Scheme.objects.all()[:20], "can_create": can_upload(request.user)},
    )


def assessment_new(request: HttpRequest) -> HttpResponse:
    if not can_upload(request.user):
        return refuse(request)
    form = AssessmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            assessment = form.save(commit=False)
            assessment.created_by = request.user
            assessment.save()
            count = create_subjects(assessment)
        messages.success(request, _("已创建，评价对象%(n)d个；请录入数据。") % {"n": count})
        return redirect("assessment:data", assessment.pk)
    return render(request, "assessment/assessment_form.html", {"form": form})


def _load(request: HttpRequest, pk: int) -> Assessment:
    return get_object_or_404(Assessment.objects.select_related("scheme", "region"), pk=pk)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _load(request, pk)
    if not can_view(request.user, assessment):
        return refuse(request)
    result, error = evaluate(assessment)
    context = {
        "assessment": assessment,
        "result": result,
        "error": error,
        "can_edit": can_edit(request.user, assessment),
    }
    if result is not None:
        context.update(
            {
                "scheme": result.scheme,
                "map": map_data(assessment, result),
                "chart": chart_data(result),
                "missing": [
                    (who, result.scheme.indicator(code).name, MISSING_LABELS[why]) for who, code, why in result.missing
                ],
                "grade_counts": result.grade_counts(),
            }
        )
    return render(request, "assessment/detail.html", context)


def _parse(text: str) -> float | None:
    text = text.strip().replace(",", "")
    if not text:
        return None
    value = float(text)
    if value != value:
        raise ValueError(text)
    return value


def data_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """One grid of every subject × indicator; a save stores all of it or, with one bad number, nothing."""
    assessment = _load(request, pk)
    if not can_view(request.user, assessment):
        return refuse(request)
    editable = can_edit(request.user, assessment)
    try:
        scheme = assessment.scheme.parsed()
    except SchemeError as exc:
        messages.error(request, str(exc))
        return redirect(assessment)
    found = inputs(assessment, scheme)
    stored = {(v.subject_id, v.indicator): v for v in Value.objects.filter(subject__assessment=assessment)}
    errors: list[str] = []
    if request.method == "POST":
        if not editable:
            return refuse(request)
        source = request.POST.get("source", "").strip()[:200]
        planned = []
        for subject in found.subjects:
            for ind in scheme.indicators:
                numbers = {}
                for field in FIELDS:
                    raw = request.POST.get(f"{field}-{subject.pk}-{ind.code}", "")
                    try:
                        numbers[field] = _parse(raw)
                    except ValueError:
                        errors.append(
                            _("%(subject)s，%(indicator)s，%(column)s：“%(text)s”不是数字")
                            % {
                                "subject": subject.name,
                                "indicator": ind.name,
                                "column": _field_labels()[field],
                                "text": raw,
                            }
                        )
                planned.append((subject, ind, numbers))
        if not errors:
            changed = 0
            with transaction.atomic():
                for subject, ind, numbers in planned:
                    row = stored.get((subject.pk, ind.code))
                    if all(v is None for v in numbers.values()):
                        if row is not None:
                            row.delete()
                            changed += 1
                        continue
                    if row is None:
                        Value.objects.create(subject=subject, indicator=ind.code, source=source, **numbers)
                        changed += 1
                    elif any(getattr(row, f) != numbers[f] for f in FIELDS):
                        for f in FIELDS:
                            setattr(row, f, numbers[f])
                        row.source = source or row.source
                        row.save()
                        changed += 1
            messages.success(request, _("已保存，%(n)d处修改。") % {"n": changed})
            return redirect(assessment)
    grid = []
    for subject in found.subjects:
        cells = []
        for ind in scheme.indicators:
            row = stored.get((subject.pk, ind.code))
            datum = found.data[subject.key].get(ind.code)
            cells.append(
                {
                    "indicator": ind,
                    "row": row,
                    "observed": datum if (datum and (row is None or row.value is None)) else None,
                    "post": {f: request.POST.get(f"{f}-{subject.pk}-{ind.code}") for f in FIELDS} if errors else None,
                }
            )
        grid.append({"subject": subject, "cells": cells})
    return render(
        request,
        "assessment/data.html",
        {
            "assessment": assessment,
            "scheme": scheme,
            "grid": grid,
            "errors": errors,
            "can_edit": editable,
            "rules": RULE_LABELS,
        },
    )


def _field_labels() -> dict[str, str]:
    """Column names, translated when the request is answered."""
    return {"value": _("数值"), "previous": _("上年数值"), "target": _("目标值")}


def _filename(assessment: Assessment, ext: str) -> str:
    name = quote(f"{assessment.title}.{ext}")
    return f"attachment; filename=\"assessment-{assessment.pk}.{ext}\"; filename*=UTF-8''{name}"


def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _load(request, pk)
    if not can_view(request.user, assessment):
        return refuse(request)
    result, error = evaluate(assessment)
    if result is None:
        messages.error(request, error)
        return redirect(assessment)
    response = HttpResponse(build_workbook(result, title=assessment.title), content_type=XLSX)
    response["Content-Disposition"] = _filename(assessment, "xlsx")
    return response


def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _load(request, pk)
    if not can_view(request.user, assessment):
        return refuse(request)
    result, error = evaluate(assessment)
    if result is None:
        messages.error(request, error)
        return redirect(assessment)
    issuer = _("%(region)s碳达峰碳中和工作领导小组办公室") % {"region": assessment.region.name}
    response = HttpResponse(build_report(result, title=assessment.title, issuer=issuer), content_type=DOCX)
    response["Content-Disposition"] = _filename(assessment, "docx")
    return response
