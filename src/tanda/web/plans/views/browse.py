"""Reading plans: the list, one plan, and its source text with a passage highlighted."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tanda.web.core.models import Region
from tanda.web.core.permissions import can_edit_plan
from tanda.web.plans.access import plan_view
from tanda.web.plans.forms import ordered_assignments
from tanda.web.plans.highlight import Span, locate, segments
from tanda.web.plans.models import Plan
from tanda.web.plans.outline import section_tree
from tanda.web.plans.queries import filter_regions, region_and_descendants, visible_plans, with_counts


def plan_list(request: HttpRequest) -> HttpResponse:
    """Plans grouped by region; `?region=<code>` keeps that region and the regions below it."""
    plans = visible_plans(request.user)
    regions = filter_regions(plans)
    selected = Region.objects.filter(code=request.GET.get("region", "")).first()
    if selected:
        plans = plans.filter(region__code__in=region_and_descendants(selected.code))
    return render(
        request,
        "plans/plan_list.html",
        {"plans": with_counts(plans), "regions": regions, "selected": selected},
    )


@plan_view()
def plan_detail(request: HttpRequest, plan: Plan) -> HttpResponse:
    tasks = list(plan.tasks.select_related("section").prefetch_related("assignments__department"))
    for task in tasks:
        task.ordered_assignments = ordered_assignments(task)
    children = visible_plans(request.user).filter(parent=plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "children": children,
            "outline": section_tree(plan.sections.all(), tasks),
            "tasks": tasks,
            "targets": plan.targets.select_related("section"),
            "rules": plan.rules.select_related("section"),
            "can_edit": can_edit_plan(request.user, plan),
        },
    )


@plan_view(with_text=True)
def plan_source(request: HttpRequest, plan: Plan) -> HttpResponse:
    """The source text with every target and rule marked; `?target=` / `?rule=` / `?task=` stands out."""
    text = plan.source_text
    current = ""
    for param, prefix in (("target", "t"), ("rule", "r"), ("task", "k")):
        if request.GET.get(param, "").isdigit():
            current = f"{prefix}-{request.GET[param]}"
    spans, unplaced = [], []
    for prefix, items in (("t", plan.targets.all()), ("r", plan.rules.all())):
        for item in items:
            span = locate(text, item.quote, item.start, item.end)
            if span:
                spans.append(Span(*span, f"{prefix}-{item.pk}"))
            elif prefix == "t":
                unplaced.append(item)
    if current.startswith("k-"):  # tasks cover whole paragraphs: marked only when asked for
        task = plan.tasks.filter(pk=current[2:]).first()
        if task and task.start is not None and task.end:
            spans.append(Span(task.start, task.end, current))
    return render(
        request,
        "plans/plan_source.html",
        {
            "plan": plan,
            "segments": segments(text, spans, [(s.start, f"s-{s.pk}") for s in plan.sections.all()]),
            "current": current,
            "unplaced": unplaced,
        },
    )
