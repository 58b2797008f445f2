"""Allocation of a parent target among child regions: create, enter weights or values, check.

Anyone who may read the parent plan sees an allocation; its region's office (or an administrator)
creates and changes it. A save is all or nothing: one bad number names the region and the column and
nothing is stored.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tanda.indicators.linking import link_target
from tanda.web.core.models import Region
from tanda.web.core.permissions import can_edit_plan
from tanda.web.plans.models import Target
from tanda.web.review.access import readable, refuse
from tanda.web.review.loading import StoredPlan
from tanda.web.review.models import Allocation, AllocationShare
from tanda.web.review.services import allocation_result, default_child_regions, suggested_aggregation


class AllocationForm(forms.ModelForm):
    class Meta:
        model = Allocation
        fields = ["method", "aggregation", "basis", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


def allocation_new(request: HttpRequest) -> HttpResponse:
    target = get_object_or_404(Target.objects.select_related("plan__region"), pk=request.GET.get("target") or 0)
    plan = target.plan
    if not can_edit_plan(request.user, plan):
        return refuse(request)
    link = link_target(StoredPlan.target_of(target))
    regions = default_child_regions(plan)
    initial = {"aggregation": suggested_aggregation(link)}
    form = AllocationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = Region.objects.filter(code__in=request.POST.getlist("region")) or regions
        with transaction.atomic():
            allocation = form.save(commit=False)
            allocation.target = target
            allocation.created_by = request.user
            allocation.save()
            AllocationShare.objects.bulk_create([AllocationShare(allocation=allocation, region=r) for r in chosen])
        messages.success(request, _("已创建目标分解，请填写权重或数值。"))
        return redirect(allocation)
    return render(
        request,
        "review/allocation_new.html",
        {"target": target, "plan": plan, "form": form, "regions": regions, "link": link},
    )


def _parse(text: str, region: Region, column: str) -> float | None:
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(
            _("%(region)s，%(column)s：“%(text)s”不是数字") % {"region": region.name, "column": column, "text": text}
        ) from None
    if value != value or value < 0:
        raise ValueError(_("%(region)s，%(column)s：不能为负数") % {"region": region.name, "column": column})
    return value


def _save_rows(request: HttpRequest, shares: list[AllocationShare]) -> list[str]:
    errors, parsed = [], []
    for share in shares:
        try:
            weight = _parse(request.POST.get(f"weight-{share.pk}", ""), share.region, _("权重"))
            value = _parse(request.POST.get(f"value-{share.pk}", ""), share.region, _("数值"))
        except ValueError as exc:
            errors.append(str(exc))
            continue
        parsed.append((share, weight, value))
    if errors:
        return errors
    with transaction.atomic():
        for share, weight, value in parsed:
            if (share.weight, share.value) != (weight, value):
                share.weight, share.value = weight, value
                share.save()
    return []


def allocation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = get_object_or_404(Allocation.objects.select_related("target__plan__region"), pk=pk)
    plan = allocation.target.plan
    if not readable(request, plan):
        return refuse(request)
    can_edit = can_edit_plan(request.user, plan)
    shares = list(allocation.shares.select_related("region"))
    form = AllocationForm(request.POST or None, instance=allocation)
    errors: list[str] = []
    if request.method == "POST":
        if not can_edit:
            return refuse(request)
        if form.is_valid():
            errors = _save_rows(request, shares)
            if not errors:
                form.save()
                messages.success(request, _("已保存"))
                return redirect(allocation)
    result = allocation_result(allocation)
    return render(
        request,
        "review/allocation.html",
        {
            "allocation": allocation,
            "plan": plan,
            "target": allocation.target,
            "result": result,
            "form": form,
            "errors": errors,
            "can_edit": can_edit,
            "shares": {s.pk: s for s in shares},
        },
    )


def allocation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = get_object_or_404(Allocation.objects.select_related("target__plan"), pk=pk)
    if request.method != "POST" or not can_edit_plan(request.user, allocation.target.plan):
        return refuse(request)
    allocation.delete()
    messages.success(request, _("已删除目标分解"))
    return redirect("review:index")
