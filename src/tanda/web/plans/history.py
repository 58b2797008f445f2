"""A plan's change log: who changed which field of the plan, its targets, tasks and rules, old → new.

django-simple-history writes one record per save or delete (with the signed-in user, through its
middleware). This module reads the records of one plan, diffs each against the previous record of
the same object, and turns raw values into what a reader recognises (section titles, choice labels,
department names). The import itself is one entry: its per-row records are the baseline of later
corrections, not news.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from tanda.web.core.models import Department
from tanda.web.plans.models import Plan, Rule, Section, Target, Task, TaskDepartment
from tanda.web.plans.store import IMPORT_REASON

# bookkeeping a reader does not correct by hand (offsets follow the quote, which is shown)
_SKIPPED = {"id", "plan", "order", "created", "created_by", "source_sha256", "task", "start", "end"}

ACTIONS = {
    "+": pgettext_lazy("change log", "新增"),
    "~": pgettext_lazy("change log", "修改"),
    "-": pgettext_lazy("change log", "删除"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    when: datetime
    user: Any  # the user model instance, or None for changes made outside a request
    action: str  # "+", "~" or "-"
    kind: str  # 方案 / 目标 / 任务 / 规则 / 责任单位
    label: str
    fields: list[FieldChange] = field(default_factory=list)
    note: str = ""

    @property
    def action_label(self) -> str:
        return str(ACTIONS[self.action])


class _Labels:
    """Display values of foreign keys and choices, looked up once per page."""

    def __init__(self, plan: Plan, department_ids: set[int]) -> None:
        self.sections = {s.pk: s.path for s in Section.objects.filter(plan=plan)}
        self.departments = dict(Department.objects.filter(pk__in=department_ids).values_list("pk", "name"))
        self.plans: dict[int, str] = {}

    def plan(self, pk: int) -> str:
        if pk not in self.plans:
            self.plans[pk] = Plan.objects.filter(pk=pk).values_list("title", flat=True).first() or f"#{pk}"
        return self.plans[pk]

    def show(self, model_field: models.Field, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(model_field, models.BooleanField):
            return _("是") if value else _("否")
        if isinstance(model_field, models.ForeignKey):
            related = model_field.related_model
            if related is Section:
                return self.sections.get(value, f"#{value}")
            if related is Plan:
                return self.plan(value)
            if related is Department:
                return self.departments.get(value, f"#{value}")
            return str(value)
        if isinstance(value, list):
            return "、".join(map(str, value))
        if isinstance(value, float):
            return format(value, ".10g")
        return str(value)


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model.history.model.tracked_fields if f.name not in _SKIPPED]


def _diff(model: type[models.Model], old: Any, new: Any, labels: _Labels) -> list[FieldChange]:
    """Fields that differ between two records; against None, the fields a created or deleted object had."""
    changes = []
    for f in _fields(model):
        before = getattr(old, f.attname, None) if old is not None else None
        after = getattr(new, f.attname, None) if new is not None else None
        if (old is None or new is None) and (before if new is None else after) in (None, "", [], False):
            continue
        if old is not None and new is not None and before == after:
            continue
        changes.append(FieldChange(str(f.verbose_name), labels.show(f, before), labels.show(f, after)))
    return changes


def _object_label(model: type[models.Model], record: Any) -> str:
    if model is Target:
        return f"{record.indicator}（{record.year or '—'}）"
    if model in (Task, Plan):
        return record.title
    return record.text[:60]


def plan_changes(plan: Plan) -> list[Change]:
    """Every change of the plan and what belongs to it, newest first."""
    kinds = {
        Plan: pgettext("object", "方案"),
        Target: pgettext("object", "目标"),
        Task: pgettext("object", "任务"),
        Rule: pgettext("object", "规则"),
    }
    records = {
        Plan: Plan.history.filter(id=plan.pk),
        Target: Target.history.filter(plan_id=plan.pk),
        Task: Task.history.filter(plan_id=plan.pk),
        Rule: Rule.history.filter(plan_id=plan.pk),
    }
    grouped: dict[type[models.Model], dict[int, list[Any]]] = {}
    for model, qs in records.items():
        by_object: dict[int, list[Any]] = defaultdict(list)
        for record in qs.select_related("history_user").order_by("history_date", "history_id"):
            by_object[record.id].append(record)
        grouped[model] = by_object
    task_titles = {pk: recs[-1].title for pk, recs in grouped[Task].items()}
    # a deleted task takes its assignments with it: that is one change, the task's
    task_deleted = {pk: recs[-1].history_date for pk, recs in grouped[Task].items() if recs[-1].history_type == "-"}
    assignments: dict[int, list[Any]] = defaultdict(list)
    for record in (
        TaskDepartment.history.filter(task_id__in=task_titles)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    ):
        assignments[record.id].append(record)
    labels = _Labels(plan, {r.department_id for recs in assignments.values() for r in recs})

    changes: list[Change] = []
    imported = {
        m: sum(1 for recs in grouped[m].values() if recs[0].history_change_reason == IMPORT_REASON) for m in grouped
    }
    for model, by_object in grouped.items():
        for records_of_one in by_object.values():
            previous = None
            for record in records_of_one:
                is_import = record.history_change_reason == IMPORT_REASON
                if is_import and model is not Plan:
                    previous = record
                    continue
                change = Change(
                    record.history_date,
                    record.history_user,
                    record.history_type,
                    kinds[model],
                    _object_label(model, record),
                )
                if is_import:
                    change.note = _("导入文件 %(name)s：%(targets)s 个目标，%(tasks)s 项任务，%(rules)s 条规则") % {
                        "name": plan.source_name,
                        "targets": imported[Target],
                        "tasks": imported[Task],
                        "rules": imported[Rule],
                    }
                elif record.history_type == "-":
                    change.fields = _diff(model, record, None, labels)
                else:
                    change.fields = _diff(model, previous, record, labels)
                    if record.history_type == "~" and not change.fields:
                        previous = record
                        continue  # saved without a visible change
                changes.append(change)
                previous = record
    responsible = TaskDepartment._meta.get_field("role")
    for records_of_one in assignments.values():
        previous = None
        for record in records_of_one:
            deleted_with_task = task_deleted.get(record.task_id)
            if record.history_change_reason == IMPORT_REASON or (
                record.history_type == "-"
                and deleted_with_task
                and abs((deleted_with_task - record.history_date).total_seconds()) < 5
            ):
                previous = record
                continue
            department = labels.departments.get(record.department_id, f"#{record.department_id}")
            old = labels.show(responsible, previous.role) if previous and previous.history_type != "-" else "—"
            new = labels.show(responsible, record.role) if record.history_type != "-" else "—"
            previous = record
            if old == new:
                continue
            changes.append(
                Change(
                    record.history_date,
                    record.history_user,
                    record.history_type,
                    pgettext("object", "责任单位"),
                    task_titles.get(record.task_id, f"#{record.task_id}"),
                    [FieldChange(department, old, new)],
                )
            )
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes
