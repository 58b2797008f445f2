"""What every enterprise view needs: the unit a URL names (with its access rule), the year asked for."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from tanda.web.enterprises.access import can_read_unit
from tanda.web.enterprises.models import Enterprise
from tanda.web.enterprises.services import latest_year


def signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Unit data is internal: anonymous visitors are sent to sign in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def unit_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Load the unit of /<credit_code>/; another unit's page is 404 for an enterprise user."""

    @wraps(view)
    @signed_in
    def wrapper(request: HttpRequest, credit_code: str, *args, **kwargs) -> HttpResponse:
        unit = get_object_or_404(Enterprise.objects.select_related("region"), credit_code=credit_code.upper())
        if not can_read_unit(request.user, unit):
            raise Http404
        return view(request, unit, *args, **kwargs)

    return wrapper


def chosen_year(request: HttpRequest) -> int | None:
    text = request.GET.get("year") or ""
    if text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return latest_year()
