"""The change log of one plan (who changed what, when, old → new)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tanda.web.core.permissions import can_edit_plan
from tanda.web.plans.access import plan_view
from tanda.web.plans.history import plan_changes
from tanda.web.plans.models import Plan


@plan_view()
def plan_history(request: HttpRequest, plan: Plan) -> HttpResponse:
    page = Paginator(plan_changes(plan), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/plan_history.html",
        {"plan": plan, "page": page, "can_edit": can_edit_plan(request.user, plan)},
    )
