"""Load the stored scenario a URL names and enforce who may read or change it, for every scenario view alike.

Published scenarios (the demo's) are public; unpublished ones need an account. Saving needs the
office of the scenario's region or an administrator (`tanda.web.core.permissions`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from tanda.web.pathways.models import Scenario
from tanda.web.pathways.store import can_edit, can_read

P = ParamSpec("P")
ScenarioView = Callable[Concatenate[HttpRequest, Scenario, P], HttpResponse]


def scenario_view(*, edit: bool = False) -> Callable[[ScenarioView], Callable[..., HttpResponse]]:
    """Decorate a view taking (request, scenario, ...); `edit` requires the right to change the scenario."""

    def decorator(view: ScenarioView) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, scenario_id: int, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            rows = Scenario.objects.select_related("region", "parent", "updated_by")
            scenario = get_object_or_404(rows, pk=scenario_id)
            if (edit or not can_read(request.user, scenario)) and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if edit and not can_edit(request.user, scenario):
                raise PermissionDenied
            return view(request, scenario, *args, **kwargs)

        return wrapper

    return decorator
