"""JSON API of assessments and schemes (session auth; an unpublished assessment needs an account)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.errors import HttpError

from tanda.assessment.scheme import SchemeError
from tanda.web.assessment.models import Assessment, Scheme
from tanda.web.assessment.services import can_view, evaluate

router = Router(tags=["assessment"])


@router.get("/", summary="Assessments the caller may read")
def list_assessments(request: HttpRequest):
    rows = Assessment.objects.select_related("region", "scheme")
    if not request.user.is_authenticated:
        rows = rows.filter(published=True)
    return [
        {
            "id": a.pk,
            "title": a.title,
            "year": a.year,
            "region": a.region_id,
            "scheme": a.scheme_id,
            "subjects": a.subject_kind,
        }
        for a in rows
    ]


@router.get("/{int:assessment_id}", summary="Scores, grades, ranks and contributions of one assessment")
def assessment_result(request: HttpRequest, assessment_id: int):
    assessment = get_object_or_404(Assessment.objects.select_related("scheme", "region"), pk=assessment_id)
    if not can_view(request.user, assessment):
        raise HttpError(401, "this assessment is not published")
    result, error = evaluate(assessment)
    if result is None:
        raise HttpError(409, f"the scheme does not parse: {error}")
    return {"id": assessment.pk, "title": assessment.title, "year": assessment.year, **result.to_dict()}


@router.get("/schemes/{int:scheme_id}", summary="One scheme, checked")
def scheme(request: HttpRequest, scheme_id: int):
    found = get_object_or_404(Scheme, pk=scheme_id)
    try:
        return found.parsed().to_dict()
    except SchemeError as exc:
        raise HttpError(409, str(exc)) from exc
