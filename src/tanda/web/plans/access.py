"""Load the plan a URL names and enforce who may read or change it, for every plan view alike.

Each view under /plans/<id>/ is wrapped by `plan_view`, so the rule is checked in one place and a
new view cannot forget it: an unpublished plan sends an anonymous visitor to sign in, and a change
by someone who may not edit that plan's region is refused with 403 before the view runs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from tanda.web.core.permissions import can_edit_plan, can_read_plan
from tanda.web.plans.models import Plan

P = ParamSpec("P")
PlanView = Callable[Concatenate[HttpRequest, Plan, P], HttpResponse]


def plan_view(*, edit: bool = False, with_text: bool = False) -> Callable[[PlanView], Callable[..., HttpResponse]]:
    """Decorate a view taking (request, plan, ...): `edit` requires the right to change the plan.

    The source file (up to 20 MB) is never loaded here; the source text only when `with_text`.
    """

    def decorator(view: PlanView) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, plan_id: int, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            deferred = ("source_file",) if with_text else ("source_file", "source_text")
            plans = Plan.objects.select_related("region", "parent").defer(*deferred)
            plan = get_object_or_404(plans, pk=plan_id)
            if (edit or not can_read_plan(request.user, plan)) and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if edit and not can_edit_plan(request.user, plan):
                raise PermissionDenied
            return view(request, plan, *args, **kwargs)

        return wrapper

    return decorator
