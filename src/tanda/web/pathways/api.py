"""JSON API of pathways: run a scenario document, list and get stored scenarios, Monte Carlo.

A document's `parent` is looked up among the stored scenarios the caller may read (of the
document's region first), then among the packaged ones. A bad document is a 422 whose `problems`
name every field, as the pages do; nothing runs. Reading follows the pages' rules: published
scenarios for everyone, the rest for signed-in users (session authentication).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Body, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Response
from pydantic import Field

from tanda.pathways import PathwayInputError, montecarlo, run
from tanda.pathways import Scenario as DomainScenario
from tanda.pathways.scenario import resolve_mapping, validate
from tanda.web.pathways.models import Scenario
from tanda.web.pathways.store import can_read, domain_scenario, resolved_document, visible_scenarios

router = Router(tags=["pathways"])
MAX_MEMBERS = 20_000


class ScenarioSummary(Schema):
    id: int
    region: str
    region_name: str
    name: str
    title: str
    parent: int | None
    parent_name: str | None
    version: int
    published: bool
    digest: str
    peak_year: int | None
    peak_mt: float | None
    updated: datetime
    updated_by: str | None


class ScenarioOut(ScenarioSummary):
    code: str
    document: dict[str, Any]
    resolved: dict[str, Any]


class Problem(Schema):
    field: str
    message: str


class ProblemsOut(Schema):
    detail: str
    problems: list[Problem]


class MonteCarloIn(Schema):
    document: dict[str, Any]
    members: int = Field(1000, ge=1, le=MAX_MEMBERS)
    seed: int = Field(0, ge=0, le=2**32 - 1)
    by_year: int = Field(2030, ge=1900, le=2200)


def _summary(s: Scenario) -> dict[str, Any]:
    return {
        "id": s.pk,
        "region": s.region_id,
        "region_name": s.region.name,
        "name": s.name,
        "title": s.title,
        "parent": s.parent_id,
        "parent_name": s.parent.name if s.parent else None,
        "version": s.version,
        "published": s.published,
        "digest": s.digest,
        "peak_year": s.peak_year,
        "peak_mt": s.peak_mt,
        "updated": s.updated,
        "updated_by": s.updated_by.get_username() if s.updated_by else None,
    }


def _problems(exc: PathwayInputError) -> Response:
    return Response({"detail": str(exc), "problems": [{"field": f, "message": m} for f, m in exc.problems]}, status=422)


def _readable(request: HttpRequest, scenario_id: int) -> Scenario:
    scenario = get_object_or_404(Scenario.objects.select_related("region", "parent", "updated_by"), pk=scenario_id)
    if not can_read(request.user, scenario):
        raise HttpError(401, "this scenario is not published")
    return scenario


def _validated(request: HttpRequest, document: dict[str, Any]) -> DomainScenario:
    """The document merged over its parents (stored ones the caller may read, then packaged), validated."""
    visible = visible_scenarios(request.user)
    region = document.get("region")

    def lookup(name: str) -> dict[str, Any] | None:
        rows = list(visible.filter(name=name))
        row = next((r for r in rows if r.region_id == region), rows[0] if rows else None)
        if row is None:
            return None
        doc = resolved_document(row)
        doc.pop("parent", None)  # already merged over its own parents
        return doc

    resolved = resolve_mapping(document, lookup, source="document")
    return validate(resolved, source="document")


@router.post(
    "/run",
    summary="Run a scenario document: peak, targets, wedges (as `tanda pathway run`)",
    response={200: dict[str, Any], 422: ProblemsOut},
)
def run_document(request: HttpRequest, document: dict[str, Any] = Body(...)):  # noqa: B008 - django-ninja's idiom
    try:
        return run(_validated(request, document)).to_dict()
    except PathwayInputError as exc:
        return _problems(exc)


@router.post(
    "/montecarlo",
    summary="Monte Carlo of a scenario document (members, seed)",
    response={200: dict[str, Any], 422: ProblemsOut},
)
def montecarlo_document(request: HttpRequest, body: MonteCarloIn):
    try:
        scenario = _validated(request, body.document)
        return _montecarlo(scenario, body.members, body.seed, body.by_year)
    except PathwayInputError as exc:
        return _problems(exc)


def _montecarlo(scenario: DomainScenario, members: int, seed: int, by_year: int) -> dict[str, Any]:
    model = run(scenario).model
    paths = montecarlo.run(scenario, model, members, seed)
    return {
        **montecarlo.summary(model, paths, seed, by_year=by_year),
        "peak_year_distribution": montecarlo.peak_year_distribution(paths),
    }


@router.get("/scenarios", response=list[ScenarioSummary], summary="Stored scenarios the caller may read")
def list_scenarios(request: HttpRequest, region: str | None = None):
    rows = visible_scenarios(request.user).order_by("region__code", "name")
    if region:
        rows = rows.filter(region_id=region)
    return [_summary(s) for s in rows]


@router.get(
    "/scenarios/{int:scenario_id}", response=ScenarioOut, summary="One stored scenario: own and merged document"
)
def get_scenario(request: HttpRequest, scenario_id: int):
    s = _readable(request, scenario_id)
    return {**_summary(s), "code": s.code, "document": s.own(), "resolved": resolved_document(s)}


@router.get(
    "/scenarios/{int:scenario_id}/run",
    response={200: dict[str, Any], 422: ProblemsOut},
    summary="Run a stored scenario",
)
def run_stored(request: HttpRequest, scenario_id: int):
    s = _readable(request, scenario_id)
    try:
        return run(domain_scenario(s)).to_dict()
    except PathwayInputError as exc:
        return _problems(exc)


@router.get(
    "/scenarios/{int:scenario_id}/montecarlo",
    response={200: dict[str, Any], 422: ProblemsOut},
    summary="Monte Carlo of a stored scenario",
)
def montecarlo_stored(request: HttpRequest, scenario_id: int, members: int = 1000, seed: int = 0, by_year: int = 2030):
    s = _readable(request, scenario_id)
    if not 1 <= members <= MAX_MEMBERS:
        return _problems(PathwayInputError("members", f"must be within 1–{MAX_MEMBERS} (got {members})"))
    try:
        return _montecarlo(domain_scenario(s), members, seed, by_year)
    except PathwayInputError as exc:
        return _problems(exc)
