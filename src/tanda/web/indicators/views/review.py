"""The review list: targets the linker could not link (or linked only by similarity), and a person's choice."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tanda.indicators import load_catalogue
from tanda.indicators.linking import match_name
from tanda.web.core.permissions import can_edit_plan
from tanda.web.indicators.forms import indicator_choices
from tanda.web.indicators.links import choose_indicator, ensure_links
from tanda.web.indicators.models import TargetLink
from tanda.web.indicators.services import region_targets
from tanda.web.indicators.views.dashboard import _region
from tanda.web.plans.queries import visible_plans

UNTRACKED = "-"


@login_required
def review_list(request: HttpRequest, region: str) -> HttpResponse:
    place = _region(region)
    targets = region_targets(region, visible_plans(request.user))
    links = ensure_links(targets)
    show_all = request.GET.get("all") == "1"
    items = []
    for target in targets:
        link = links[target.pk]
        if show_all or link.status == TargetLink.Status.REVIEW:
            guess = match_name(target.indicator) if not link.indicator else None
            suggested = link.indicator or (guess[0].code if guess else "")
            items.append((target, link, suggested, can_edit_plan(request.user, target.plan)))
    return render(
        request,
        "indicators/review.html",
        {
            "region": place,
            "items": items,
            "choices": indicator_choices(),
            "untracked": UNTRACKED,
            "show_all": show_all,
            "catalogue": load_catalogue(),
        },
    )


@login_required
@require_POST
def choose(request: HttpRequest, link_id: int) -> HttpResponse:
    link = get_object_or_404(TargetLink.objects.select_related("target__plan"), pk=link_id)
    if not can_edit_plan(request.user, link.target.plan):
        raise PermissionDenied
    code = request.POST.get("indicator", "")
    if code != UNTRACKED and code not in load_catalogue():
        messages.error(request, _("请选择目录中的指标"))
    else:
        link = choose_indicator(link, None if code == UNTRACKED else code, request.user)
        if link.problem:
            messages.error(request, _("已选定指标，但目标值无法换算：%(problem)s") % {"problem": link.problem})
        else:
            messages.success(
                request,
                _("已保存：%(target)s → %(indicator)s")
                % {
                    "target": link.target.indicator,
                    "indicator": load_catalogue()[link.indicator].name_zh if link.indicator else _("不跟踪"),
                },
            )
    return redirect("indicators:review", region=link.target.plan.region_id)
