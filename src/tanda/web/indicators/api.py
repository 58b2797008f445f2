"""JSON API of indicators: the catalogue, observations (read, write all-or-nothing, history), grades.

Reading follows the pages: grades are computed over the plans the caller may read (published ones
for everyone); observations are statistics and readable by all. Writing needs a signed-in user who
may report for each row's region (session authentication with CSRF, as the pages).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from tanda.indicators import ObservationError, load_catalogue
from tanda.regions import division
from tanda.web.indicators import services
from tanda.web.indicators.links import ensure_links
from tanda.web.indicators.models import Observation
from tanda.web.indicators.store import check_rows, save_rows
from tanda.web.plans.queries import visible_plans

router = Router(tags=["indicators"])


class IndicatorOut(Schema):
    code: str
    name_zh: str
    name_en: str
    unit: str
    direction: str
    kinds: list[str]
    category: str
    min: float | None
    max: float | None
    formula: str | None
    synonyms: list[str]


class ObservationOut(Schema):
    id: int
    indicator: str
    region: str
    period: str
    year: int
    frequency: str
    value: float
    unit: str
    entered_value: float | None
    entered_unit: str
    source: str
    status: str
    reported_by: str | None
    updated: str


class ObservationIn(Schema):
    indicator: str
    region: str | None = None
    period: str | int | None = None
    year: str | int | None = None
    value: Any = None
    unit: str = ""
    source: str = ""
    status: str = "reported"


class ObservationBatch(Schema):
    rows: list[ObservationIn] = Field(..., description="rows are numbered from 1 in error messages")
    region: str | None = Field(None, description="region code for rows that give none")
    replace: bool = Field(False, description="change values already stored for the same indicator, region, period")
    source: str = ""


class RowErrorOut(Schema):
    row: int
    field: str
    message: str


class SavedOut(Schema):
    new: int
    change: int
    same: int


class ErrorsOut(Schema):
    detail: str
    errors: list[RowErrorOut]


def _region(code: str) -> str:
    try:
        return division(code).code
    except KeyError as exc:
        raise HttpError(404, f"unknown region {code}") from exc


def _obs(o: Observation) -> dict[str, Any]:
    return {
        "id": o.pk,
        "indicator": o.indicator,
        "region": o.region_id,
        "period": o.period,
        "year": o.year,
        "frequency": o.frequency,
        "value": o.value,
        "unit": o.unit,
        "entered_value": o.entered_value,
        "entered_unit": o.entered_unit,
        "source": o.source,
        "status": o.status,
        "reported_by": o.reported_by.get_username() if o.reported_by else None,
        "updated": o.updated.isoformat(),
    }


@router.get(
    "/catalogue", response=list[IndicatorOut], url_name="indicators_catalogue", summary="The indicator catalogue"
)
def catalogue(request: HttpRequest):
    return [ind.to_dict() for ind in load_catalogue()]


@router.get("/catalogue/{code}", response=IndicatorOut, summary="One catalogue indicator")
def indicator(request: HttpRequest, code: str):
    ind = load_catalogue().get(code)
    if ind is None:
        raise HttpError(404, f"unknown indicator {code}")
    return ind.to_dict()


@router.get("/observations", response=list[ObservationOut], summary="Stored observations of a region")
def list_observations(request: HttpRequest, region: str, indicator: str | None = None, limit: int = 5000):
    rows = Observation.objects.filter(region_id=_region(region)).select_related("reported_by")
    if indicator:
        rows = rows.filter(indicator=indicator)
    return [_obs(o) for o in rows[: max(1, min(limit, 50_000))]]


@router.post(
    "/observations",
    auth=django_auth,
    response={200: SavedOut, 422: ErrorsOut},
    summary="Store observations: every row or none",
)
def post_observations(request: HttpRequest, batch: ObservationBatch):
    rows = [row.dict() for row in batch.rows]
    result = check_rows(rows, user=request.user, region=batch.region, replace=batch.replace)
    try:
        counts = save_rows(result, user=request.user, source=batch.source, reason="entered through the API")
    except ObservationError as exc:
        errors = [{"row": e.row, "field": e.field, "message": e.message} for e in exc.errors]
        return Status(422, {"detail": f"{len(errors)} error(s); nothing was stored", "errors": errors})
    return Status(200, counts)


@router.get("/observations/{int:obs_id}/history", summary="Every recorded version of one observation, newest first")
def observation_history(request: HttpRequest, obs_id: int):
    obs = get_object_or_404(Observation, pk=obs_id)
    return [
        {
            "date": r.history_date.isoformat(),
            "type": r.history_type,
            "user": r.history_user.get_username() if r.history_user else None,
            "value": r.value,
            "unit": r.unit,
            "source": r.source,
            "status": r.status,
            "reason": r.history_change_reason,
        }
        for r in obs.history.select_related("history_user").order_by("-history_date", "-history_id")
    ]


@router.get("/regions/{code}/grades", summary="Every plan target of the region, graded (target_grades)")
def grades(request: HttpRequest, code: str, as_of: int | None = None):
    return [g.to_dict() for g in services.target_grades(_region(code), as_of, plans=visible_plans(request.user))]


@router.get("/regions/{code}/summary", summary="Counts of red/yellow/green targets and the worst ten")
def summary(request: HttpRequest, code: str, as_of: int | None = None):
    return services.region_grade_summary(_region(code), as_of, plans=visible_plans(request.user)).to_dict()


@router.get("/regions/{code}/children", summary="The regions below, each with a grade (the map)")
def children_grades(request: HttpRequest, code: str, as_of: int | None = None, target: int | None = None):
    try:
        below = services.child_region_grades(_region(code), as_of, plans=visible_plans(request.user), target_id=target)
    except LookupError as exc:
        raise HttpError(404, str(exc)) from exc
    return [r.to_dict() for r in below]


@router.get("/regions/{code}/series/{indicator}", summary="Annual series of an indicator, observed and derived")
def series(request: HttpRequest, code: str, indicator: str):
    if indicator not in load_catalogue():
        raise HttpError(404, f"unknown indicator {indicator}")
    s = services.indicator_series(_region(code), indicator)
    return {
        "indicator": indicator,
        "unit": load_catalogue()[indicator].unit,
        "values": [{"year": y, "value": v, "derived": y in s.derived} for y, v in s.values.items()],
    }


@router.get("/regions/{code}/links", summary="How each plan target of the region is linked to the catalogue")
def links(request: HttpRequest, code: str):
    targets = services.region_targets(_region(code), visible_plans(request.user))
    found = ensure_links(targets)
    return [
        {
            "target_id": t.pk,
            "plan_id": t.plan.pk,
            "name": t.indicator,
            "indicator": found[t.pk].indicator or None,
            "status": found[t.pk].status,
            "method": found[t.pk].method or None,
            "value": found[t.pk].value,
            "unit": found[t.pk].unit or None,
            "relative": found[t.pk].relative,
            "problem": found[t.pk].problem or None,
        }
        for t in targets
    ]
