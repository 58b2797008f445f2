"""Store a parsed plan in one transaction: all of it or nothing.

Every stored row gets a history record marked `IMPORT_REASON`, so that a later correction has the
imported values to show as "old", and the history page can tell the import from the corrections.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from tanda.plan import ParsedPlan
from tanda.web.core.models import Department, Region
from tanda.web.plans.models import Plan, Rule, Section, Target, Task, TaskDepartment

IMPORT_REASON = "import"


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
    history_user = user if user is not None and user.is_authenticated else None
    plan = Plan(
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
        created_by=history_user,
    )
    plan._change_reason = IMPORT_REASON
    plan.save()
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
        task = Task(
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
        task._change_reason = IMPORT_REASON
        task.save()
        assign_departments(task, t.departments, lead=t.lead, reason=IMPORT_REASON)
    targets = [
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
    ]
    rules = [
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
    ]
    for model, rows in ((Target, targets), (Rule, rules)):
        bulk_create_with_history(rows, model, default_user=history_user, default_change_reason=IMPORT_REASON)
    return plan


def assign_departments(task: Task, names: list[str], *, lead: str | None = None, reason: str = "") -> None:
    """Make the task's departments exactly `names`: the lead (default: the first) is 牵头, the rest 配合.

    Unchanged assignments are kept and changed ones updated in place, so the history shows only what
    a correction really changed (a department added, removed or moved between 牵头 and 配合).
    """
    wanted: dict[str, str] = {}
    names = [n.strip()[:128] for n in names if n and n.strip()]
    lead = (lead or (names[0] if names else "")).strip()[:128]
    if lead and lead not in names:
        names.insert(0, lead)
    for name in names:
        wanted.setdefault(name, TaskDepartment.Role.LEAD if name == lead else TaskDepartment.Role.COOPERATING)
    current = {a.department.name: a for a in task.assignments.select_related("department")}
    for name, assignment in current.items():
        if name not in wanted:
            assignment._change_reason = reason
            assignment.delete()
    for order, (name, role) in enumerate(wanted.items()):
        assignment = current.get(name)
        if assignment is None:
            department, _ = Department.objects.get_or_create(region_id=task.plan.region_id, name=name)
            assignment = TaskDepartment(task=task, department=department, role=role, order=order)
        elif (assignment.role, assignment.order) == (role, order):
            continue
        assignment.role, assignment.order = role, order
        assignment._change_reason = reason
        assignment.save()
