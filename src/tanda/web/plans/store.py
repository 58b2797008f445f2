"""Store a parsed plan in one transaction: all of it or nothing."""

from __future__ import annotations

import hashlib
from datetime import date

from django.db import transaction

from tanda.plan import ParsedPlan
from tanda.web.core.models import Department, Region
from tanda.web.plans.models import Plan, Rule, Section, Target, Task, TaskDepartment


class DuplicatePlanError(ValueError):
    """The same document is already stored for this region."""


def source_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@transaction.atomic
def store_plan(
    parsed: ParsedPlan,
    *,
    region: Region,
    source_name: str,
    source_file: bytes,
    source_text: str,
    user=None,
    parent: Plan | None = None,
    published: bool = False,
) -> Plan:
    """Create the Plan with its sections, tasks, departments, targets and rules."""
    digest = source_digest(source_file)
    existing = Plan.objects.filter(region=region, source_sha256=digest).first()
    if existing:
        raise DuplicatePlanError(f"{source_name}: already imported for {region.name} as plan {existing.pk}")
    plan = Plan.objects.create(
        region=region,
        title=parsed.title[:300] or source_name,
        doc_number=parsed.doc_number or "",
        issuer=parsed.issuer or "",
        date=date.fromisoformat(parsed.date) if parsed.date else None,
        parent=parent,
        published=published,
        source_name=source_name,
        source_file=source_file,
        source_text=source_text,
        source_sha256=digest,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    sections_by_path: dict[str, Section] = {}
    for order, s in enumerate(parsed.sections):
        parent_path = s.path.rsplit(" > ", 1)[0] if " > " in s.path else None
        sections_by_path[s.path] = Section.objects.create(
            plan=plan,
            parent=sections_by_path.get(parent_path) if parent_path else None,
            order=order,
            level=s.level,
            number=s.number,
            title=s.title[:500],
            path=s.path,
            start=s.start,
            end=s.end,
        )
    for order, t in enumerate(parsed.tasks):
        task = Task.objects.create(
            plan=plan,
            section=sections_by_path.get(t.section),
            order=order,
            title=t.title[:500],
            text=t.text,
            clause=t.clause or "",
            implementers=t.implementers,
            start=t.start,
            end=t.end,
        )
        assign_departments(task, t.departments, lead=t.lead)
    Target.objects.bulk_create(
        Target(
            plan=plan,
            section=sections_by_path.get(t.section),
            order=order,
            indicator=t.indicator[:200],
            value=t.value,
            unit=t.unit or "",
            year=t.year,
            baseline_year=t.baseline_year,
            kind=t.kind,
            qualifier=t.qualifier or "",
            masked=t.masked,
            quote=t.quote,
            start=t.start,
            end=t.end,
        )
        for order, t in enumerate(parsed.targets)
    )
    Rule.objects.bulk_create(
        Rule(
            plan=plan,
            section=sections_by_path.get(r.section),
            order=order,
            text=r.text,
            quote=r.quote,
            start=r.start,
            end=r.end,
        )
        for order, r in enumerate(parsed.rules)
    )
    return plan


def assign_departments(task: Task, names: list[str], *, lead: str | None = None) -> None:
    """Replace a task's departments; the lead (default: the first named) is 牵头, the rest 配合."""
    task.assignments.all().delete()
    lead = lead or (names[0] if names else None)
    seen: set[str] = set()
    for order, name in enumerate(n.strip() for n in names):
        if not name or name in seen:
            continue
        seen.add(name)
        department, _ = Department.objects.get_or_create(region=task.plan.region, name=name[:128])
        TaskDepartment.objects.create(
            task=task,
            department=department,
            role=TaskDepartment.Role.LEAD if name == lead else TaskDepartment.Role.COOPERATING,
            order=order,
        )
