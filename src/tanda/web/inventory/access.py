"""Who may read and change inventories and overrides, and the view wrapper that enforces it.

Inventories are statistical work before release: reading needs an account (any role). Importing,
computing again, deleting and writing indicators is the office's work for its own region (and the
administrator's anywhere): `can_edit_region`, the rule the plans follow. A region's overrides are
edited by the same people. The reference factor sets are public, read-only pages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from tanda.web.core.permissions import can_edit_region, can_upload
from tanda.web.inventory.models import Inventory


def can_read(user: Any) -> bool:
    return user.is_authenticated


def can_edit_inventory(user: Any, inventory: Inventory) -> bool:
    return can_edit_region(user, inventory.region)


def can_import(user: Any) -> bool:
    """May import for at least one region (no query)."""
    return can_upload(user)


def inventory_view(*, edit: bool = False) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Wrap a view taking (request, inventory, ...): sign-in to read, the region's edit right to change."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, inventory_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
            if not can_read(request.user):
                return redirect_to_login(request.get_full_path())
            inventory = get_object_or_404(Inventory.objects.select_related("region", "created_by"), pk=inventory_id)
            if edit and not can_edit_inventory(request.user, inventory):
                raise PermissionDenied
            return view(request, inventory, *args, **kwargs)

        return wrapper

    return decorator
