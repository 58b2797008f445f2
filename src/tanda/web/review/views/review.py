"""The review pages: choose two plans, see the review, download the opinion."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tanda.plan.review import ReviewError
from tanda.plan.review_docx import build_opinion
from tanda.web.core.permissions import can_edit_plan, can_edit_region
from tanda.web.plans.models import Plan
from tanda.web.plans.queries import visible_plans
from tanda.web.review.access import readable, refuse
from tanda.web.review.models import Allocation
from tanda.web.review.services import review_stored

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def index(request: HttpRequest) -> HttpResponse:
    """Pick a child and a parent plan; the plans that name a parent are offered as ready pairs."""
    plans = visible_plans(request.user).order_by("region__code", "-date")
    child, parent = request.GET.get("child", ""), request.GET.get("parent", "")
    if child.isdigit() and parent.isdigit():
        if child == parent:
            messages.error(request, _("下级方案与上级方案是同一份方案，请选择两份不同的方案。"))
        else:
            return redirect("review:review", int(child), int(parent))
    allocations = Allocation.objects.select_related("target__plan__region").filter(target__plan__in=plans)
    return render(
        request,
        "review/index.html",
        {
            "plans": plans,
            "pairs": [p for p in plans if p.parent_id],
            "allocations": allocations[:50],
            "selected_child": child,
            "selected_parent": parent,
        },
    )


def _pair(request: HttpRequest, child_id: int, parent_id: int) -> tuple[Plan, Plan]:
    plans = Plan.objects.select_related("region").defer("source_file", "source_text")
    return get_object_or_404(plans, pk=child_id), get_object_or_404(plans, pk=parent_id)


def review_page(request: HttpRequest, child_id: int, parent_id: int) -> HttpResponse:
    child, parent = _pair(request, child_id, parent_id)
    if not readable(request, child, parent):
        return refuse(request)
    try:
        stored = review_stored(child, parent)
    except ReviewError:
        return render(
            request,
            "review/review_error.html",
            {
                "child": child,
                "parent": parent,
                "message": _("下级方案与上级方案是同一份方案：请选择这份方案的上级方案。"),
            },
            status=400,
        )
    review = stored.review
    selected = request.GET.get("verdict", "")
    rows = [
        {
            "number": number,
            "item": item,
            "parent_id": stored.parent.target_id(item.parent),
            "child_id": stored.child.target_id(item.child),
        }
        for number, item in enumerate(review.items, start=1)
        if not selected or item.verdict == selected
    ]
    return render(
        request,
        "review/review.html",
        {
            "child": child,
            "parent": parent,
            "review": review,
            "rows": rows,
            "counts": review.counts(),
            "selected_verdict": selected,
            "mapping_is_default": stored.mapping_is_default,
            "can_allocate": can_edit_plan(request.user, parent),
            "can_edit_mapping": can_edit_region(request.user, parent.region),
        },
    )


def review_docx(request: HttpRequest, child_id: int, parent_id: int) -> HttpResponse:
    """The review opinion as a Word file, signed by the parent region's leading-group office."""
    child, parent = _pair(request, child_id, parent_id)
    if not readable(request, child, parent):
        return refuse(request)
    try:
        stored = review_stored(child, parent)
    except ReviewError:
        return redirect(reverse("review:review", args=[child_id, parent_id]))
    reviewer = _("%(region)s碳达峰碳中和工作领导小组办公室") % {"region": parent.region.name}
    data = build_opinion(stored.review, reviewer=reviewer, addressee=child.issuer or "")
    response = HttpResponse(data, content_type=DOCX)
    fallback = f"review-plan{child.pk}-plan{parent.pk}.docx"
    name = quote(f"审核意见-{child.title}.docx")
    response["Content-Disposition"] = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{name}"
    return response
