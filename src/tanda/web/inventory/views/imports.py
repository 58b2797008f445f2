"""Import activity files → preview (row errors, or what would be stored) → save. Nothing is stored before the save."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tanda.inventory import InventoryInputError
from tanda.inventory.fuels import all_fuels
from tanda.inventory.sectors import all_sectors
from tanda.web.core.permissions import editable_regions
from tanda.web.inventory import staging, yearbook
from tanda.web.inventory.access import can_import
from tanda.web.inventory.forms import ImportForm
from tanda.web.inventory.intake import Upload, dry_run
from tanda.web.inventory.store import planned, save

PREVIEW_ROWS = 60
SHOWN_ERRORS = 200


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        uploads = [Upload(f.name, f.read()) for f in form.cleaned_data["files"]]
        staged = staging.stage(
            request.session,
            uploads,
            region=form.cleaned_data["region"].pk,
            factor_set=form.cleaned_data["factor_set"],
            use_overrides=form.cleaned_data["use_overrides"],
            grid=form.cleaned_data["grid"],
            year=form.cleaned_data["year"],
            note=form.cleaned_data["note"],
        )
        return redirect("inventory:import_preview", token=staged.token)
    return render(request, "inventory/import.html", {"form": form})


@login_required
def preview(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the row errors or the dry run; POST stores it (one transaction)."""
    found = staging.load(request.session, token)
    if found is None:
        messages.error(request, _("这次上传已失效，请重新上传"))
        return redirect("inventory:import")
    staged, uploads = found
    region = editable_regions(request.user).filter(pk=staged.region).first()
    if region is None:
        raise PermissionDenied
    run = dry_run(
        uploads,
        region=region.pk,
        factor_set=staged.factor_set,
        use_overrides=staged.use_overrides,
        grid=staged.grid,
        year=staged.year,
    )
    if request.method == "POST" and run.ok:
        try:
            saved = save(run, user=request.user, grid=staged.grid, note=staged.note)
        except InventoryInputError as exc:  # cannot happen after an ok dry run; kept as a guard
            messages.error(request, str(exc))
            return redirect("inventory:import")
        staging.discard(request.session, token)
        if saved.created:
            messages.success(
                request, _("已保存 %(n)s 份清单（%(region)s）") % {"n": len(saved.created), "region": region.name}
            )
        if saved.existing:
            messages.info(request, _("%(n)s 份相同的清单已存在，未重复保存") % {"n": len(saved.existing)})
        if len(saved.all) == 1:
            return redirect(saved.all[0])
        return redirect(f"{reverse('inventory:index')}?region={region.pk}")
    plans = planned(run) if run.ok else []
    sample = []
    if run.activity is not None:
        fuels, sectors = all_fuels(), all_sectors()
        for r in run.activity.frame.head(PREVIEW_ROWS).itertuples(index=False):
            sample.append(
                {
                    "source": r.source,
                    "row": r.row,
                    "year": r.year,
                    "flow": r.flow,
                    "sector": sectors[r.sector].name_zh if r.sector else "",
                    "fuel": fuels[r.fuel].name_zh,
                    "quantity": r.quantity,
                    "unit": fuels[r.fuel].unit if r.flow != "emission" else "t CO2",
                }
            )
    return render(
        request,
        "inventory/import_preview.html",
        {
            "staged": staged,
            "region": region,
            "run": run,
            "errors": run.errors[:SHOWN_ERRORS],
            "more_errors": max(0, len(run.errors) - SHOWN_ERRORS),
            "plans": plans,
            "sample": sample,
            "rows_total": 0 if run.activity is None else len(run.activity),
        },
    )


@login_required
@require_POST
def discard(request: HttpRequest, token: str) -> HttpResponse:
    staging.discard(request.session, token)
    messages.info(request, _("已放弃这次上传"))
    return redirect("inventory:import")


TEMPLATE_ROWS = [
    ("region", "year", "sector", "fuel", "quantity", "unit"),
    ("吉林省", 2020, "电力、热力的生产和供应业", "原煤", 5200, "万吨"),
    ("吉林省", 2020, "黑色金属冶炼及压延加工业", "焦炭", 310, "万吨"),
    ("吉林省", 2020, "交通运输、仓储和邮政业", "柴油", 180, "万吨"),
    ("吉林省", 2020, "城镇", "天然气", 9.5, "亿立方米"),
    ("吉林省", 2020, "工业", "天然气", 12.1, "亿立方米"),
    ("吉林省", 2020, "", "水泥", 1850, "万吨"),
    ("吉林省", 2020, "调入", "电力", 120, "亿千瓦时"),
    ("吉林省", 2020, "调出", "电力", 35, "亿千瓦时"),
    ("吉林省", 2020, "", "碳汇", 350, "万吨二氧化碳"),
]


def template_csv(request: HttpRequest) -> HttpResponse:
    """A tidy file to start from: the columns and one row of each kind (fuel by sector, cement, electricity, sink)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(TEMPLATE_ROWS)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="inventory-activity-template.csv"'
    return response


def example_balance(request: HttpRequest, year: int) -> HttpResponse:
    """Jilin's balance of `year` in the yearbook layout: a real file to try the import with."""
    if year not in yearbook.balance_years():
        raise Http404
    response = HttpResponse(
        yearbook.balance_xlsx(year), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="jilin-energy-balance-{year}.xlsx"'
    return response
