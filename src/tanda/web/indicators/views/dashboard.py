"""Reading pages: the region list, a region's dashboard, one indicator of a region, the catalogue."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tanda.indicators import load_catalogue
from tanda.regions import ancestors, children, division
from tanda.web.core.models import Region
from tanda.web.core.permissions import can_read_unpublished
from tanda.web.indicators import charts, services
from tanda.web.indicators.access import can_report, can_report_somewhere, home_region
from tanda.web.indicators.models import Observation, TargetLink
from tanda.web.plans.queries import visible_plans


def _region(code: str) -> Region:
    region = Region.objects.filter(pk=code).first()
    if region is None:
        raise Http404(f"unknown region {code}")
    return region


def _as_of(request: HttpRequest) -> int:
    text = request.GET.get("as_of", "")
    return int(text) if text.isdigit() and 1990 <= int(text) <= 2100 else services.as_of_default(None)


def index(request: HttpRequest) -> HttpResponse:
    """The user's own region's dashboard, else the regions that have plans to choose from."""
    home = home_region(request.user)
    if home and "all" not in request.GET:
        return redirect("indicators:dashboard", region=home)
    codes = set(visible_plans(request.user).values_list("region_id", flat=True))
    regions = Region.objects.filter(pk__in=codes).order_by("code")
    return render(request, "indicators/index.html", {"regions": regions})


def region_dashboard(request: HttpRequest, region: str) -> HttpResponse:
    place = _region(region)
    as_of = _as_of(request)
    plans = visible_plans(request.user)
    grades = services.target_grades(region, as_of, plans=plans)
    summary = services.summarise(region, as_of, grades)
    review = sum(1 for g in grades if g.state == "review")
    mode = request.GET.get("map", "")
    map_choices = [g for g in grades if g.grade]
    map_target = next((g for g in map_choices if mode == str(g.target_id)), None)
    below = []
    audience = "all" if can_read_unpublished(request.user) else "published"
    if children(region):
        below = services.cached_child_region_grades(
            region, as_of, plans=plans, audience=audience, target_id=map_target.target_id if map_target else None
        )
        if map_target is None and mode != "own":
            map_target = services.default_map_target(region, map_choices, below)
            if map_target is not None:
                below = services.cached_child_region_grades(
                    region, as_of, plans=plans, audience=audience, target_id=map_target.target_id
                )
    province = region if place.level == Region.Level.PROVINCE else None
    return render(
        request,
        "indicators/dashboard.html",
        {
            "region": place,
            "crumbs": ancestors(region),
            "as_of": as_of,
            "years": range(as_of - 6, as_of + 2),
            "grades": grades,
            "summary": summary,
            "review": review,
            "overdue": services.overdue_tasks(region),
            "below": below,
            "map_choices": map_choices,
            "map_target": map_target,
            "map": charts.map_data(province, below) if province and below else None,
            "can_report": can_report(request.user, region),
        },
    )


def indicator_page(request: HttpRequest, region: str, code: str) -> HttpResponse:
    place = _region(region)
    indicator = load_catalogue().get(code)
    if indicator is None:
        raise Http404(f"unknown indicator {code}")
    as_of = _as_of(request)
    grades = services.target_grades(region, as_of, plans=visible_plans(request.user), indicator=code)
    series = services.indicator_series(region, code)
    observations = Observation.objects.filter(region_id=region, indicator=code).select_related("reported_by")
    inputs = [load_catalogue()[name] for name in indicator.inputs()]
    return render(
        request,
        "indicators/indicator.html",
        {
            "region": place,
            "indicator": indicator,
            "inputs": inputs,
            "as_of": as_of,
            "grades": grades,
            "series": series,
            "rows": [(y, v, y in series.derived) for y, v in series.values.items()],
            "observations": observations,
            "chart": charts.indicator_chart(series, grades, indicator.unit),
            "can_report": can_report(request.user, region),
        },
    )


def catalogue(request: HttpRequest) -> HttpResponse:
    links = TargetLink.objects.exclude(indicator="").values_list("indicator", flat=True)
    used: dict[str, int] = {}
    for code in links:
        used[code] = used.get(code, 0) + 1
    return render(
        request,
        "indicators/catalogue.html",
        {"indicators": list(load_catalogue()), "used": used, "can_enter": can_report_somewhere(request.user)},
    )


def region_name(code: str) -> str:
    return division(code).name
