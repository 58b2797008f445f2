"""JSON API of reviews and allocations (session auth; readers follow the plans' rules).

`GET /api/review/?child=ID&parent=ID` answers the same JSON as `tanda plan review plan:ID plan:ID`.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.errors import HttpError

from tanda.plan.review import ReviewError
from tanda.web.core.permissions import can_read_plan
from tanda.web.plans.models import Plan
from tanda.web.review.models import Allocation
from tanda.web.review.services import allocation_result, review_stored

router = Router(tags=["review"])


def _readable(request: HttpRequest, plan: Plan) -> None:
    if not can_read_plan(request.user, plan):
        raise HttpError(401 if not request.user.is_authenticated else 403, f"plan {plan.pk} is not published")


@router.get("/", summary="Review a child plan against a parent plan (targets, actions, departments)")
def review(request: HttpRequest, child: int, parent: int):
    plans = Plan.objects.select_related("region").defer("source_file", "source_text")
    child_plan, parent_plan = get_object_or_404(plans, pk=child), get_object_or_404(plans, pk=parent)
    _readable(request, child_plan)
    _readable(request, parent_plan)
    try:
        return review_stored(child_plan, parent_plan).review.to_dict()
    except ReviewError as exc:
        raise HttpError(400, str(exc)) from exc


@router.get("/allocations/{int:allocation_id}", summary="An allocation with its check and the children's own targets")
def allocation(request: HttpRequest, allocation_id: int):
    found = get_object_or_404(Allocation.objects.select_related("target__plan"), pk=allocation_id)
    _readable(request, found.target.plan)
    return allocation_result(found).to_dict()
