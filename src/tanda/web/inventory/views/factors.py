"""Reference factor sets (read-only, each factor with its citation) and a region's overrides (editable, history)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tanda.inventory import available_sets, load_factor_set
from tanda.web.core.models import Region
from tanda.web.core.permissions import can_edit_region
from tanda.web.inventory.access import can_read
from tanda.web.inventory.citations import page
from tanda.web.inventory.forms import OverrideForm
from tanda.web.inventory.models import FactorOverride

HISTORY_FIELDS = ["item", "parameter", "value", "unit", "note", "active"]


def factor_sets(request: HttpRequest) -> HttpResponse:
    sets = [load_factor_set(name) for name in available_sets()]
    own = getattr(getattr(request.user, "profile", None), "region", None) if request.user.is_authenticated else None
    regions = Region.objects.filter(factor_overrides__isnull=False).distinct().order_by("code")
    return render(request, "inventory/factor_sets.html", {"sets": sets, "own_region": own, "override_regions": regions})


def factor_set(request: HttpRequest, name: str) -> HttpResponse:
    if name not in available_sets():
        raise Http404
    return render(request, "inventory/factor_set.html", page(name))


def _region_or_login(request: HttpRequest, code: str) -> Region | HttpResponse:
    if not can_read(request.user):
        return redirect_to_login(request.get_full_path())
    return get_object_or_404(Region, pk=code)


def overrides(request: HttpRequest, code: str) -> HttpResponse:
    region = _region_or_login(request, code)
    if isinstance(region, HttpResponse):
        return region
    editable = can_edit_region(request.user, region)
    form = OverrideForm(request.POST or None, region=region) if editable else None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            override = form.save(commit=False)
            override.region = region
            override.created_by = request.user
            override.save()
            messages.success(request, _("已添加：%(o)s") % {"o": override})
            return redirect("inventory:overrides", code=region.pk)
    rows = FactorOverride.objects.filter(region=region).select_related("created_by").order_by("-active", "target")
    return render(
        request,
        "inventory/overrides.html",
        {"region": region, "overrides": rows, "form": form, "can_edit": editable, "sets": available_sets()},
    )


def override_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = _region_or_login(request, code)
    if isinstance(region, HttpResponse):
        return region
    if not can_edit_region(request.user, region):
        raise PermissionDenied
    override = get_object_or_404(FactorOverride, pk=pk, region=region)
    form = OverrideForm(request.POST or None, instance=override, region=region)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存：%(o)s") % {"o": override})
        return redirect("inventory:overrides", code=region.pk)
    return render(request, "inventory/override_form.html", {"region": region, "form": form, "override": override})


def override_history(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Every version of one override, oldest first, with who changed which field."""
    region = _region_or_login(request, code)
    if isinstance(region, HttpResponse):
        return region
    override = get_object_or_404(FactorOverride, pk=pk, region=region)
    versions = list(override.history.select_related("history_user").order_by("history_date", "history_id"))
    entries = []
    previous = None
    for v in versions:
        changes = []
        for name in HISTORY_FIELDS:
            new = getattr(v, name)
            old = getattr(previous, name) if previous else None
            if previous is None or old != new:
                changes.append({"field": FactorOverride._meta.get_field(name).verbose_name, "old": old, "new": new})
        entries.append({"version": v, "changes": changes})
        previous = v
    entries.reverse()
    back = reverse("inventory:overrides", args=[region.pk])
    return render(
        request,
        "inventory/override_history.html",
        {"region": region, "override": override, "entries": entries, "back": back},
    )
