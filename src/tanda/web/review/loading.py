"""A stored plan as the domain's `ParsedPlan`, so that review runs the same on stored plans and on files.

The stored plan may have been corrected by hand since its import (targets edited, departments added):
the review reads what is stored now, not a fresh parse of the source.
"""

from __future__ import annotations

from tanda.plan.model import ParsedPlan, Section, Target, Task
from tanda.web.plans.forms import ordered_assignments
from tanda.web.plans.models import Plan
from tanda.web.plans.models import Target as StoredTarget


class StoredPlan:
    """A stored plan's `ParsedPlan` and the database id of each of its targets (for links to the source)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.target_ids: dict[int, int] = {}
        self.parsed = self._load()

    def target_id(self, target: Target | None) -> int | None:
        return self.target_ids.get(id(target)) if target is not None else None

    @staticmethod
    def target_of(row: StoredTarget) -> Target:
        """A stored target as the parser's `Target` (the shape the linker and the review read)."""
        return Target(
            indicator=row.indicator,
            value=row.value,
            unit=row.unit,
            year=row.year,
            kind=row.kind,  # type: ignore[arg-type]
            quote=row.quote,
            baseline_year=row.baseline_year,
            qualifier=row.qualifier or None,
            masked=row.masked,
            section=row.section.path if row.section_id else "",
            start=row.start or 0,
            end=row.end or 0,
        )

    def _load(self) -> ParsedPlan:
        plan = self.plan
        sections = [
            Section(path=s.path, title=s.title, level=s.level, number=s.number, start=s.start, end=s.end)
            for s in plan.sections.all()
        ]
        tasks = []
        for task in plan.tasks.select_related("section").prefetch_related("assignments__department"):
            assignments = ordered_assignments(task)
            departments = [a.department.name for a in assignments]
            lead = next((a.department.name for a in assignments if a.role == a.Role.LEAD), None)
            tasks.append(
                Task(
                    section=task.section.path if task.section else "",
                    title=task.title,
                    text=task.text,
                    departments=departments,
                    lead=lead,
                    implementers=list(task.implementers or []),
                    clause=task.clause or None,
                    start=task.start or 0,
                    end=task.end or 0,
                )
            )
        targets = []
        for row in plan.targets.select_related("section"):
            target = self.target_of(row)
            self.target_ids[id(target)] = row.pk
            targets.append(target)
        return ParsedPlan(
            title=plan.title,
            doc_number=plan.doc_number or None,
            issuer=plan.issuer or None,
            date=plan.date.isoformat() if plan.date else None,
            sections=sections,
            tasks=tasks,
            targets=targets,
        )
