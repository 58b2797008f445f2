"""Corrections by those who may edit the plan: header, publish, and targets and tasks (edit/add/delete).

Every view here is `plan_view(edit=True)`, which answers 403 to anyone else, and looks the target or
task up among the plan's own, so an id from another plan is a 404. simple_history records each save
with the signed-in user. Edits work as plain pages and, with htmx, inline in the plan's tables.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from tanda.web.plans.access import plan_view
from tanda.web.plans.forms import PlanForm, TargetForm, TaskForm, ordered_assignments
from tanda.web.plans.models import Plan, Target, Task


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _row_context(plan: Plan, obj: models.Model) -> dict[str, Any]:
    if isinstance(obj, Task):
        obj.ordered_assignments = ordered_assignments(obj)
        return {"plan": plan, "task": obj, "can_edit": True}
    return {"plan": plan, "t": obj, "can_edit": True}


def _edit(
    request: HttpRequest,
    plan: Plan,
    form_class: type[ModelForm],
    instance: models.Model | None,
    *,
    heading: str,
    row_template: str,
    anchor: str,
) -> HttpResponse:
    """Show the form, or save it: back to the plan page, or (htmx) the updated table row in place."""
    form = form_class(request.POST or None, instance=instance, plan=plan)
    if request.method == "POST" and form.is_valid():
        obj = form.save()
        if _is_htmx(request) and instance is not None:
            return render(request, row_template, _row_context(plan, obj))
        messages.success(request, _("已保存"))
        return redirect(f"{plan.get_absolute_url()}#{anchor}-{obj.pk}")
    context = {"form": form, "plan": plan, "heading": heading, "action": request.get_full_path()}
    if _is_htmx(request) and instance is not None:
        return render(request, "plans/_inline_form_row.html", context)
    return render(request, "plans/object_form.html", context)


def _delete(request: HttpRequest, plan: Plan, obj: models.Model, *, kind: str, label: str) -> HttpResponse:
    """GET asks for confirmation; only POST deletes."""
    if request.method == "POST":
        obj.delete()
        messages.success(request, _("已删除%(kind)s：%(label)s") % {"kind": kind, "label": label})
        return redirect(plan)
    return render(request, "plans/confirm_delete.html", {"plan": plan, "kind": kind, "label": label})


@plan_view(edit=True)
def plan_edit(request: HttpRequest, plan: Plan) -> HttpResponse:
    form = PlanForm(request.POST or None, instance=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存"))
        return redirect(plan)
    return render(
        request,
        "plans/object_form.html",
        {"form": form, "plan": plan, "heading": _("修改方案信息"), "action": request.get_full_path()},
    )


@plan_view(edit=True)
@require_POST
def plan_publish(request: HttpRequest, plan: Plan) -> HttpResponse:
    plan.published = request.POST.get("published") == "1"
    plan.save(update_fields=["published"])
    messages.success(request, _("已公开") if plan.published else _("已取消公开"))
    return redirect(plan)


@plan_view(edit=True, with_text=True)
def target_add(request: HttpRequest, plan: Plan) -> HttpResponse:
    return _edit(request, plan, TargetForm, None, heading=_("新增目标"), row_template="", anchor="target")


@plan_view(edit=True, with_text=True)
def target_edit(request: HttpRequest, plan: Plan, target_id: int) -> HttpResponse:
    target = get_object_or_404(plan.targets, pk=target_id)
    return _edit(
        request,
        plan,
        TargetForm,
        target,
        heading=_("修改目标"),
        row_template="plans/_target_row.html",
        anchor="target",
    )


@plan_view(edit=True)
def target_delete(request: HttpRequest, plan: Plan, target_id: int) -> HttpResponse:
    target: Target = get_object_or_404(plan.targets, pk=target_id)
    label = f"{target.indicator}（{target.year or '—'}）"
    return _delete(request, plan, target, kind=pgettext("object", "目标"), label=label)


@plan_view(edit=True)
def task_add(request: HttpRequest, plan: Plan) -> HttpResponse:
    return _edit(request, plan, TaskForm, None, heading=_("新增任务"), row_template="", anchor="task")


@plan_view(edit=True)
def task_edit(request: HttpRequest, plan: Plan, task_id: int) -> HttpResponse:
    task = get_object_or_404(plan.tasks.prefetch_related("assignments__department"), pk=task_id)
    return _edit(
        request,
        plan,
        TaskForm,
        task,
        heading=_("修改任务"),
        row_template="plans/_task_row.html",
        anchor="task",
    )


@plan_view(edit=True)
def task_delete(request: HttpRequest, plan: Plan, task_id: int) -> HttpResponse:
    task: Task = get_object_or_404(plan.tasks, pk=task_id)
    return _delete(request, plan, task, kind=pgettext("object", "任务"), label=task.title)
