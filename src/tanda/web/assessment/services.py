"""Inputs of an assessment gathered from stored rows, and what the pages draw from a result.

The scores themselves come from `tanda.assessment.score_subjects`; this module only collects the
inputs (entered values first, then the indicators app's observations for a region and a catalogue
indicator) and shapes the result for the map and the charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.templatetags.static import static

from tanda.assessment import Datum, Result, Scheme, SchemeError, score_subjects
from tanda.web.assessment.models import Assessment, Subject, Value
from tanda.web.core.models import Department, Region
from tanda.web.core.permissions import can_edit_region

GRADE_COLOURS = ["#1f7a3a", "#4e9a2f", "#d4a106", "#cf1322", "#8c8c8c", "#595959"]
NO_GRADE_COLOUR = "#d9d9d9"


def can_view(user: Any, assessment: Assessment) -> bool:
    return assessment.published or user.is_authenticated


def can_edit(user: Any, assessment: Assessment) -> bool:
    return can_edit_region(user, assessment.region)


def can_edit_scheme(user: Any, scheme: Any) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return scheme.region_id is not None and can_edit_region(user, scheme.region)


def create_subjects(assessment: Assessment) -> int:
    """The regions directly below the assessing region, or its departments."""
    if assessment.subject_kind == Assessment.SubjectKind.REGION:
        rows = [
            Subject(assessment=assessment, region=r, order=n)
            for n, r in enumerate(Region.objects.filter(parent=assessment.region))
        ]
    else:
        departments = Department.objects.filter(region=assessment.region)
        rows = [Subject(assessment=assessment, department=d, order=n) for n, d in enumerate(departments)]
    Subject.objects.bulk_create(rows)
    return len(rows)


def _observations(codes: set[str], regions: list[str], years: tuple[int, int]) -> dict[tuple[str, str, int], Any]:
    """Yearly observations of the indicators app, if it is installed with its model; else none."""
    if not codes or not regions:
        return {}
    try:
        from tanda.web.indicators.models import Observation
    except ImportError:  # the indicators app without observations: the assessment's own inputs only
        return {}
    rows = Observation.objects.filter(
        indicator__in=codes, region_id__in=regions, year__in=years, frequency=Observation.Frequency.YEAR
    )
    return {(o.indicator, o.region_id, o.year): o for o in rows}


@dataclass
class Inputs:
    subjects: list[Subject]
    data: dict[str, dict[str, Datum | None]]


def inputs(assessment: Assessment, scheme: Scheme) -> Inputs:
    subjects = list(assessment.subjects.select_related("region", "department"))
    entered = {(v.subject_id, v.indicator): v for v in Value.objects.filter(subject__assessment=assessment)}
    codes = {i.catalogue for i in scheme.indicators if i.catalogue}
    regions = [s.region_id for s in subjects if s.region_id]
    observed = _observations(codes, regions, (assessment.year, assessment.year - 1))
    data: dict[str, dict[str, Datum | None]] = {}
    for subject in subjects:
        row: dict[str, Datum | None] = {}
        for ind in scheme.indicators:
            own = entered.get((subject.pk, ind.code))
            now = observed.get((ind.catalogue, subject.region_id, assessment.year)) if ind.catalogue else None
            before = observed.get((ind.catalogue, subject.region_id, assessment.year - 1)) if ind.catalogue else None
            value = own.value if own and own.value is not None else (now.value if now else None)
            previous = own.previous if own and own.previous is not None else (before.value if before else None)
            target = own.target if own else None
            if own and own.value is not None:
                source = own.source
            elif now is not None or before is not None:
                source = (now or before).source
            else:
                source = own.source if own else ""
            row[ind.code] = (
                None
                if value is None and previous is None and target is None
                else Datum(value, previous, target, source)
            )
        data[subject.key] = row
    return Inputs(subjects, data)


def evaluate(assessment: Assessment) -> tuple[Result | None, str | None]:
    """The result, or (None, why) when the stored scheme does not parse any more."""
    try:
        scheme = assessment.scheme.parsed()
    except SchemeError as exc:
        return None, str(exc)
    found = inputs(assessment, scheme)
    return score_subjects(scheme, [(s.key, s.name) for s in found.subjects], found.data), None


def map_data(assessment: Assessment, result: Result) -> dict[str, Any] | None:
    """Grades by map feature for a province's cities (the indicators app's vendored maps), or None."""
    if assessment.subject_kind != Assessment.SubjectKind.REGION:
        return None
    try:
        from tanda.web.indicators.geo import feature_names, map_static_path
    except ImportError:
        return None
    path = map_static_path(assessment.region_id)
    if path is None:
        return None
    names = feature_names(assessment.region_id)
    labels = [g.label for g in result.scheme.grades]
    items = []
    for s in result.subjects:
        if s.subject in names:
            items.append(
                {
                    "name": names[s.subject],
                    "value": labels.index(s.grade) if s.grade else -1,
                    "grade": s.grade,
                    "score": None if s.score is None else round(s.score, 2),
                    "coverage": round(100 * s.coverage),
                    "rank": s.rank,
                }
            )
    pieces = [{"value": n, "label": g, "color": GRADE_COLOURS[n % len(GRADE_COLOURS)]} for n, g in enumerate(labels)]
    return {"url": static(path), "map": f"tanda-{assessment.region_id}", "items": items, "pieces": pieces}


def chart_data(result: Result) -> dict[str, Any]:
    """Ranking chart: one stacked bar per subject, one segment per indicator's contribution."""
    ordered = list(reversed(result.subjects))  # ECharts draws the first category at the bottom
    return {
        "subjects": [s.name for s in ordered],
        "series": [
            {
                "name": ind.name,
                "data": [
                    None
                    if s.indicators[ind.code].contribution is None
                    else round(s.indicators[ind.code].contribution, 2)
                    for s in ordered
                ],
            }
            for ind in result.scheme.indicators
        ],
        "grades": [s.grade for s in ordered],
    }
