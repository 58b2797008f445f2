"""Two or more scenarios side by side: their totals on one chart and a table of peak years and odds."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tanda.pathways import PathwayInputError, run
from tanda.web.pathways import present
from tanda.web.pathways.models import Scenario
from tanda.web.pathways.store import domain_scenario, visible_scenarios
from tanda.web.pathways.views.browse import iamc_response, tree_order

DEMO_REGION = "220000"


def chosen_scenarios(request: HttpRequest) -> tuple[list[Scenario], list[Scenario]]:
    """(all the user may pick, the picked ones): `?s=<id>&s=<id>`, by default one region's scenarios."""
    visible = list(visible_scenarios(request.user).order_by("region__code", "name"))
    ids = {i for i in request.GET.getlist("s") if i.isdigit()}
    if ids:
        picked = [s for s in visible if str(s.pk) in ids]
    else:
        region = DEMO_REGION if any(s.region_id == DEMO_REGION for s in visible) else None
        region = region or (visible[0].region_id if visible else None)
        picked = [s for s, _depth in tree_order([s for s in visible if s.region_id == region])]
    return visible, picked


def compare(request: HttpRequest) -> HttpResponse:
    visible, picked = chosen_scenarios(request)
    rows: list[dict[str, Any]] = []
    series = []
    for scenario in picked:
        try:
            o = present.outcome(domain_scenario(scenario))
        except PathwayInputError as exc:
            rows.append({"scenario": scenario, "error": exc})
            continue
        rows.append({"scenario": scenario, "summary": present.summary(o), "outcome": o})
        series.append(
            {
                "name": f"{scenario.name}",
                "years": o.data["years"],
                "total": [round(v / present.MT, 3) for v in o.data["total_tco2"]],
                "peak": None
                if o.data["peak_year"] is None
                else {"year": o.data["peak_year"], "value": round(o.data["peak_tco2"] / present.MT, 3)},
            }
        )
    chart = {"unit": "Mt CO₂", "series": series, "by_year": present.BY_YEAR, "labels": {"peak": _("达峰")}}
    return render(
        request,
        "pathways/compare.html",
        {
            "visible": tree_order(visible),
            "picked": {s.pk for s in picked},
            "rows": rows,
            "chart": chart,
            "members": present.DEFAULT_MEMBERS,
            "query": "&".join(f"s={s.pk}" for s in picked),
        },
    )


def compare_iamc(request: HttpRequest) -> HttpResponse:
    """The compared scenarios in one IAMC file (pyam reads several scenarios from one file)."""
    _visible, picked = chosen_scenarios(request)
    results = []
    for scenario in picked:
        try:
            results.append(run(domain_scenario(scenario)))
        except PathwayInputError:
            continue  # the page shows why; the file holds the scenarios that run
    return iamc_response(results, "comparison")
