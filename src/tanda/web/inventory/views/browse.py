"""Inventory pages: the list, one inventory (table with drill-down, chart, indicators), comparison, export."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tanda.inventory import FactorError, available_sets, compare
from tanda.inventory.export import write_xlsx
from tanda.web.core.models import Region
from tanda.web.inventory import records, tables
from tanda.web.inventory.access import can_edit_inventory, can_import, can_read, inventory_view
from tanda.web.inventory.citations import factor_anchor, publisher_citation
from tanda.web.inventory.explain import explain, summary
from tanda.web.inventory.forms import factor_set_choices, grid_choices
from tanda.web.inventory.indicator_view import indicator_rows
from tanda.web.inventory.models import Inventory
from tanda.web.inventory.store import recompute


def _lang() -> str:
    return "zh" if (get_language() or "zh").startswith("zh") else "en"


def _filtered(request: HttpRequest):
    rows = Inventory.objects.select_related("region").defer("record", "activity")
    region = request.GET.get("region", "")
    if region:
        rows = rows.filter(region_id=region)
    kind = request.GET.get("kind", "")
    if kind in Inventory.Kind.values:
        rows = rows.filter(kind=kind)
    factor_set = request.GET.get("set", "")
    if factor_set:
        rows = rows.filter(factor_set=factor_set)
    year = request.GET.get("year", "")
    if year.isdigit():
        rows = rows.filter(year=int(year))
    return rows, {"region": region, "kind": kind, "set": factor_set, "year": year}


def index(request: HttpRequest) -> HttpResponse:
    if not can_read(request.user):
        return redirect_to_login(request.get_full_path())
    if "region" not in request.GET:
        own = getattr(getattr(request.user, "profile", None), "region_id", None)
        if own and Inventory.objects.filter(region_id=own).exists():
            return redirect(f"{request.path}?{urlencode({'region': own})}")
    rows, filters = _filtered(request)
    rows = list(rows)
    series: dict[str, dict] = {}
    for inv in rows:
        key = f"{inv.region.name} · {inv.method_label}"
        series.setdefault(key, {"name": key, "points": []})["points"].append([inv.year, round(inv.total_kg / 1e9, 3)])
    for s in series.values():
        s["points"].sort()
    regions = Region.objects.filter(inventories__isnull=False).distinct().order_by("code")
    return render(
        request,
        "inventory/index.html",
        {
            "inventories": rows,
            "filters": filters,
            "regions": regions,
            "kinds": Inventory.Kind.choices,
            "sets": available_sets(),
            "chart": {"series": list(series.values()), "unit": "Mt"},
            "can_import": can_import(request.user),
            "export_query": urlencode({k: v for k, v in filters.items() if v}),
        },
    )


def _open(param: str) -> set[str]:
    return {x for x in param.split(",") if x}


def _toggle(request: HttpRequest, name: str, key: str, base: str) -> str:
    params = request.GET.copy()
    current = _open(params.get(name, ""))
    current ^= {key}
    params[name] = ",".join(sorted(current))
    return f"{base}?{params.urlencode()}"


def _matrix_context(request: HttpRequest, inventory: Inventory, domain) -> dict:
    lang = _lang()
    open_sectors, open_fuels = _open(request.GET.get("sg", "")), _open(request.GET.get("fg", ""))
    unit = request.GET.get("unit", "wt")
    if unit not in tables.UNITS:
        unit = "wt"
    table = tables.matrix(domain, open_sectors=open_sectors, open_fuels=open_fuels, unit=unit, lang=lang)
    partial = request.path if request.path.endswith("/matrix/") else f"{request.path}matrix/"
    page = partial[: -len("matrix/")]
    toggles_rows = {r.key: _toggle(request, "sg", r.group, partial) for r in table.rows if r.is_group}
    toggles_cols = {c.key: _toggle(request, "fg", c.group, partial) for c in table.columns}
    units = []
    for code, (label, _scale) in tables.UNITS.items():
        params = request.GET.copy()
        params["unit"] = code
        units.append({"code": code, "label": label, "url": f"{partial}?{params.urlencode()}", "current": code == unit})
    return {
        "matrix": table,
        "row_toggles": toggles_rows,
        "col_toggles": toggles_cols,
        "units": units,
        "page_url": f"{page}?{request.GET.urlencode()}",
        "sankey": tables.sankey(domain, open_sectors=open_sectors, open_fuels=open_fuels, lang=lang),
        "inventory": inventory,
    }


@inventory_view()
def detail(request: HttpRequest, inventory: Inventory) -> HttpResponse:
    domain = records.from_record(inventory.record)
    lang = _lang()
    used = inventory.record.get("factors_used", {})
    fuels = tables.by_fuel(domain, used, lang)
    for row in fuels:
        if row["factor"] and not row["factor"].get("overridden") and inventory.factor_set:
            row["cite"] = reverse("inventory:factor_set", args=[inventory.factor_set]) + f"#{factor_anchor(row['id'])}"
    others = Inventory.objects.filter(region=inventory.region, year=inventory.year).exclude(pk=inventory.pk)
    context = _matrix_context(request, inventory, domain)
    published = inventory.kind == Inventory.Kind.PUBLISHED
    citation = publisher_citation(inventory.source_label) if published else ""
    context.update(
        {
            "domain": domain,
            "by_fuel": fuels,
            "by_sector": tables.by_sector(domain, lang),
            "indicators": indicator_rows(inventory),
            "others": others.defer("record", "activity"),
            "comparable": others.filter(kind=Inventory.Kind.PUBLISHED).exists()
            if inventory.kind == Inventory.Kind.COMPUTED
            else others.filter(kind=Inventory.Kind.COMPUTED).exists(),
            "can_edit": can_edit_inventory(request.user, inventory),
            "set_choices": factor_set_choices(),
            "grid_choices": grid_choices(),
            "overrides": inventory.factor_info.get("override_refs", []),
            "citation": citation,
        }
    )
    return render(request, "inventory/detail.html", context)


@inventory_view()
def matrix_partial(request: HttpRequest, inventory: Inventory) -> HttpResponse:
    """The table and the chart data alone, for the drill-down links (htmx); a full page without htmx."""
    if not request.headers.get("HX-Request"):
        return redirect(f"{inventory.get_absolute_url()}?{request.GET.urlencode()}")
    domain = records.from_record(inventory.record)
    return render(request, "inventory/_matrix.html", _matrix_context(request, inventory, domain))


@inventory_view()
def compare_view(request: HttpRequest, inventory: Inventory) -> HttpResponse:
    """A computed inventory against a published one of the same region-year, explained fuel by fuel."""
    wanted_kind = Inventory.Kind.PUBLISHED if inventory.kind == Inventory.Kind.COMPUTED else Inventory.Kind.COMPUTED
    candidates = list(
        Inventory.objects.filter(region=inventory.region, year=inventory.year, kind=wanted_kind).defer("activity")
    )
    if not candidates:
        raise Http404(_("没有可比较的清单"))
    other_id = request.GET.get("with", "")
    other = next((c for c in candidates if str(c.pk) == other_id), candidates[0])
    computed, published = (inventory, other) if wanted_kind == Inventory.Kind.PUBLISHED else (other, inventory)
    comparison = compare(records.from_record(computed.record), records.from_record(published.record))
    lines = explain(comparison, computed)
    return render(
        request,
        "inventory/compare.html",
        {
            "computed": computed,
            "published": published,
            "inventory": inventory,
            "candidates": candidates,
            "comparison": comparison,
            "lines": lines,
            "summary": summary(comparison, lines),
        },
    )


def _xlsx_response(inventories: list[Inventory], filename: str) -> FileResponse:
    domain = [records.from_record(i.record) for i in inventories]
    with tempfile.TemporaryDirectory(prefix="tanda-export-") as tmp:
        path = Path(tmp) / "inventory.xlsx"
        write_xlsx(domain, path, lang=_lang())
        data = path.read_bytes()
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@inventory_view()
def export_one(request: HttpRequest, inventory: Inventory) -> HttpResponse:
    name = f"inventory-{inventory.region_id}-{inventory.year}-{inventory.factor_set or 'published'}-{inventory.pk}.xlsx"
    return _xlsx_response([inventory], name)


def export_list(request: HttpRequest) -> HttpResponse:
    if not can_read(request.user):
        return redirect_to_login(request.get_full_path())
    rows, filters = _filtered(request)
    rows = list(Inventory.objects.filter(pk__in=[r.pk for r in rows]).order_by("region", "year", "kind", "pk"))
    if not rows:
        raise Http404(_("没有符合条件的清单"))
    if len(rows) > 500:
        messages.error(request, _("一次最多导出 500 份清单，请缩小筛选范围"))
        return redirect(f"{reverse('inventory:index')}?{urlencode({k: v for k, v in filters.items() if v})}")
    return _xlsx_response(rows, f"inventories-{filters['region'] or 'all'}.xlsx")


@require_POST
@inventory_view(edit=True)
def recompute_view(request: HttpRequest, inventory: Inventory) -> HttpResponse:
    name = request.POST.get("factor_set", "")
    grid = request.POST.get("grid", "national")
    if inventory.kind != Inventory.Kind.COMPUTED or name not in available_sets():
        raise Http404
    if grid not in dict(grid_choices()):
        grid = "national"
    try:
        saved, _run = recompute(
            inventory,
            factor_set=name,
            use_overrides=request.POST.get("use_overrides") == "on",
            grid=grid,
            user=request.user,
        )
    except FactorError as exc:
        messages.error(request, str(exc))
        return redirect(inventory)
    target = saved.all[0]
    if saved.created:
        messages.success(request, _("已用 %(set)s 重新核算，生成新清单") % {"set": target.method_label})
    else:
        messages.info(request, _("同样的核算已存在"))
    return redirect(target)


@inventory_view(edit=True)
def delete_view(request: HttpRequest, inventory: Inventory) -> HttpResponse:
    if request.method == "POST":
        region = inventory.region_id
        inventory.delete()
        messages.success(request, _("清单已删除"))
        return redirect(f"{reverse('inventory:index')}?{urlencode({'region': region})}")
    return render(request, "inventory/confirm_delete.html", {"inventory": inventory})
