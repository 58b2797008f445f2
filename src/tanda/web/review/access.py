"""Who may see a review or an allocation, and who may change a mapping table or an allocation.

Reading follows the plans' rule (published plans for everyone, the rest for signed-in users) for
*both* plans of a review. Changing a region's mapping table or an allocation of a region's target
needs the right to edit that region (its office, or an administrator).
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from tanda.web.core.permissions import can_read_plan
from tanda.web.plans.models import Plan


def refuse(request: HttpRequest) -> HttpResponse:
    """Sign-in for a visitor, 403 for a signed-in user without the right."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def readable(request: HttpRequest, *plans: Plan) -> bool:
    return all(can_read_plan(request.user, plan) for plan in plans)
