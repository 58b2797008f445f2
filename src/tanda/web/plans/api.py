"""JSON API of plans: list, one plan in the shape of `tanda plan parse` (with ids), and a dry-run parse.

Reading follows the pages' rules: published plans for everyone, the rest for signed-in users
(session authentication).
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from tanda.plan import PlanInputError
from tanda.web.core.permissions import can_read_plan
from tanda.web.plans.intake import read_upload
from tanda.web.plans.models import Plan
from tanda.web.plans.queries import visible_plans, with_counts

router = Router(tags=["plans"])


class PlanSummary(Schema):
    id: int
    region: str
    region_name: str
    title: str
    doc_number: str
    issuer: str
    date: date | None
    parent: int | None
    published: bool
    targets: int
    tasks: int


class SectionOut(Schema):
    path: str
    title: str
    level: int
    number: str


class TaskOut(Schema):
    id: int
    section: str
    title: str
    text: str
    departments: list[str]
    lead: str | None
    implementers: list[str]
    clause: str


class TargetOut(Schema):
    id: int
    section: str
    indicator: str
    value: float | None
    unit: str
    year: int | None
    baseline_year: int | None
    kind: str
    qualifier: str | None
    masked: bool
    quote: str
    start: int | None
    end: int | None


class RuleOut(Schema):
    id: int
    section: str
    text: str
    quote: str


class PlanOut(PlanSummary):
    sections: list[SectionOut]
    tasks: list[TaskOut]
    targets: list[TargetOut]
    rules: list[RuleOut]


def _summary(plan: Plan, targets: int, tasks: int) -> dict:
    return {
        "id": plan.pk,
        "region": plan.region_id,
        "region_name": plan.region.name,
        "title": plan.title,
        "doc_number": plan.doc_number,
        "issuer": plan.issuer,
        "date": plan.date,
        "parent": plan.parent_id,
        "published": plan.published,
        "targets": targets,
        "tasks": tasks,
    }


@router.get("/", response=list[PlanSummary], summary="Plans the caller may read")
def list_plans(request: HttpRequest, region: str | None = None):
    plans = with_counts(visible_plans(request.user))
    if region:
        plans = plans.filter(region_id=region)
    return [_summary(p, p.target_count, p.task_count) for p in plans]


@router.get("/{int:plan_id}", response=PlanOut, summary="One plan with sections, tasks, targets and rules")
def get_plan(request: HttpRequest, plan_id: int):
    plan = get_object_or_404(Plan.objects.select_related("region").defer("source_file", "source_text"), pk=plan_id)
    if not can_read_plan(request.user, plan):
        raise HttpError(401 if not request.user.is_authenticated else 403, "this plan is not published")
    tasks = []
    for task in plan.tasks.select_related("section").prefetch_related("assignments__department"):
        assignments = list(task.assignments.all())
        lead = next((a.department.name for a in assignments if a.role == a.Role.LEAD), None)
        tasks.append(
            {
                "id": task.pk,
                "section": task.section.path if task.section else "",
                "title": task.title,
                "text": task.text,
                "departments": [a.department.name for a in assignments],
                "lead": lead,
                "implementers": task.implementers,
                "clause": task.clause,
            }
        )
    targets = [
        {
            "id": t.pk,
            "section": t.section.path if t.section else "",
            "indicator": t.indicator,
            "value": t.value,
            "unit": t.unit,
            "year": t.year,
            "baseline_year": t.baseline_year,
            "kind": t.kind,
            "qualifier": t.qualifier or None,
            "masked": t.masked,
            "quote": t.quote,
            "start": t.start,
            "end": t.end,
        }
        for t in plan.targets.select_related("section")
    ]
    rules = [
        {"id": r.pk, "section": r.section.path if r.section else "", "text": r.text, "quote": r.quote}
        for r in plan.rules.select_related("section")
    ]
    sections = [{"path": s.path, "title": s.title, "level": s.level, "number": s.number} for s in plan.sections.all()]
    return {
        **_summary(plan, len(targets), len(tasks)),
        "sections": sections,
        "tasks": tasks,
        "targets": targets,
        "rules": rules,
    }


@router.post("/parse", summary="Parse a document without storing it (.txt, .docx, .pdf)")
def parse_document(request: HttpRequest, file: UploadedFile = File(...)):  # noqa: B008 - django-ninja's idiom
    try:
        intake = read_upload(file.read(), file.name or "upload")
    except PlanInputError as exc:
        raise HttpError(422, str(exc)) from exc
    return intake.parsed.to_dict()
