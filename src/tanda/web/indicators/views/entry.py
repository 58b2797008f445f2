"""Entering observations: one value by form, a sheet by import (upload → preview → save), and a value's history.

Nothing is stored before every row is valid (`store.save_rows` is one transaction); the preview
shows each error with its row and field, and what saving will do to each valid row. The uploaded
file waits for its save in `core.staging` (on disk, only for the uploading session, digest checked)
and is read again for each preview, so the session holds no rows.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tanda.indicators import load_catalogue
from tanda.web.core import staging
from tanda.web.indicators.access import can_report, can_report_somewhere, home_region
from tanda.web.indicators.forms import ImportForm, ObservationForm
from tanda.web.indicators.models import Observation
from tanda.web.indicators.store import check_rows, save_rows
from tanda.web.indicators.tables import FIRST_DATA_ROW, SheetError, read_sheet, template_workbook

SESSION_KEY = "indicator_imports"
FORM_FIELDS = {"indicator", "region", "period", "year", "value", "unit", "source", "status"}


@login_required
def observation_new(request: HttpRequest) -> HttpResponse:
    if not can_report_somewhere(request.user):
        raise PermissionDenied
    initial = {"region": request.GET.get("region") or home_region(request.user) or ""}
    if request.GET.get("indicator") in load_catalogue():
        ind = load_catalogue()[request.GET["indicator"]]
        initial.update(indicator=ind.code, unit=ind.unit)
    form = ObservationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        result = check_rows([form.row()], user=request.user, replace=form.cleaned_data["replace"])
        if result.ok:
            counts = save_rows(result, user=request.user, reason="entered by form")
            obs = result.rows[0].obs
            messages.success(
                request,
                _("已保存：%(indicator)s %(period)s = %(value)s %(unit)s（新增 %(new)s，修改 %(change)s）")
                % {
                    "indicator": load_catalogue()[obs.indicator].name_zh,
                    "period": obs.period,
                    "value": f"{obs.value:g}",
                    "unit": obs.unit,
                    **counts,
                },
            )
            return redirect("indicators:indicator", region=result.rows[0].region, code=obs.indicator)
        for error in result.errors:
            field = error.field if error.field in FORM_FIELDS - {"year"} else "period"
            form.add_error(field if field in form.fields else None, error.message)
    return render(request, "indicators/observation_form.html", {"form": form})


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    if not can_report_somewhere(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, initial={"region": home_region(request.user)})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = upload.read()
            read_sheet(data, upload.name or "upload")  # a file that cannot be read is refused here
        except SheetError as exc:
            form.add_error("file", str(exc))
        else:
            choices = {
                "name": upload.name,
                "region": form.cleaned_data["region"] or None,
                "source": form.cleaned_data["source"],
                "replace": form.cleaned_data["replace"],
            }
            staged = staging.stage(request.session, SESSION_KEY, [data], choices)
            return redirect("indicators:import_preview", token=staged.token)
    return render(request, "indicators/import.html", {"form": form})


def _jsonable(value: object) -> object:
    if value is None or isinstance(value, int | float | str | bool):
        return value
    return str(value)  # dates and times from a workbook: the period parser reads their text


def _staged_rows(request: HttpRequest, token: str) -> dict | None:
    """The staged choices with the file's rows, or None if the upload is gone, changed or not this session's."""
    found = staging.load_bytes(request.session, SESSION_KEY, token)
    if found is None:
        return None
    staged, (data,) = found
    try:
        rows = read_sheet(data, staged.choices["name"] or "upload")
    except SheetError:  # it was read at upload; a reader that changed since is as good as an expired upload
        return None
    return {**staged.choices, "rows": [{k: _jsonable(v) for k, v in row.items()} for row in rows]}


@login_required
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    """GET: errors by row and field, or what saving will do; POST: store all rows or none."""
    staged = _staged_rows(request, token)
    if staged is None:
        messages.error(request, _("这次导入已失效，请重新上传"))
        return redirect("indicators:import")
    result = check_rows(
        staged["rows"], user=request.user, region=staged["region"], replace=staged["replace"], first_row=FIRST_DATA_ROW
    )
    if request.method == "POST" and result.ok:
        counts = save_rows(result, user=request.user, source=staged["source"], reason=f"imported from {staged['name']}")
        staging.discard(request.session, SESSION_KEY, token)
        messages.success(
            request,
            _("已导入 %(name)s：新增 %(new)s 条，修改 %(change)s 条，未变 %(same)s 条")
            % {"name": staged["name"], **counts},
        )
        first = result.rows[0] if result.rows else None
        if first:
            return redirect("indicators:dashboard", region=first.region)
        return redirect("indicators:index")
    catalogue = load_catalogue()
    return render(
        request,
        "indicators/import_preview.html",
        {
            "token": token,
            "staged": staged,
            "result": result,
            "counts": {a: result.count(a) for a in ("new", "change", "same")},
            "rows": [(r, catalogue[r.obs.indicator]) for r in result.rows],
        },
    )


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        template_workbook(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="tanda-observations.xlsx"'
    return response


def observation_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every recorded version of one value: who entered or changed it, when, and from what."""
    obs = get_object_or_404(Observation.objects.select_related("region"), pk=pk)
    records = list(obs.history.select_related("history_user").order_by("-history_date", "-history_id"))
    return render(
        request,
        "indicators/observation_history.html",
        {
            "obs": obs,
            "indicator": load_catalogue().get(obs.indicator),
            "records": records,
            "can_report": can_report(request.user, obs.region_id),
        },
    )
