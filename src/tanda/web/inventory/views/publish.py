"""Write an inventory's (or its whole series') derived indicators to the indicators app, after a preview."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tanda.indicators import ObservationError, load_catalogue
from tanda.web.inventory import publish
from tanda.web.inventory.access import inventory_view
from tanda.web.inventory.models import Inventory
from tanda.web.inventory.store import series


@inventory_view(edit=True)
def publish_view(request: HttpRequest, inventory: Inventory) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    mode = "replace" if data.get("mode") == "replace" else "fill"
    whole = data.get("series") == "1"
    members = series(inventory.region_id, inventory.series_key) if whole else [inventory]
    if request.method == "POST":
        try:
            counts, _plan = publish.publish(members, user=request.user, mode=mode)
        except ObservationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("已写入指标库：新增 %(new)s，修改 %(change)s，未变 %(same)s")
                % {"new": counts["new"], "change": counts["change"], "same": counts["same"]},
            )
            return redirect(inventory)
    planned = publish.plan(members, user=request.user, mode=mode)
    catalogue = load_catalogue()
    return render(
        request,
        "inventory/publish.html",
        {
            "inventory": inventory,
            "members": members,
            "plan": planned,
            "mode": mode,
            "whole": whole,
            "names": {code: ind.name_zh for code in publish.CATALOGUE_CODES.values() if (ind := catalogue.get(code))},
        },
    )
