"""Upload a plan file → preview its parse → save it. Nothing is stored before the save."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tanda.plan import PlanInputError
from tanda.web.core.permissions import can_upload, editable_regions
from tanda.web.plans import staging
from tanda.web.plans.forms import UploadForm
from tanda.web.plans.intake import read_upload
from tanda.web.plans.queries import visible_plans
from tanda.web.plans.store import DuplicatePlanError, store_plan


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    if not can_upload(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        staged = staging.stage(
            request.session,
            form.intake.data,
            name=form.intake.name,
            region=form.cleaned_data["region"].pk,
            parent=form.cleaned_data["parent"].pk if form.cleaned_data["parent"] else None,
            published=form.cleaned_data["published"],
        )
        return redirect("plans:upload_preview", token=staged.token)
    return render(request, "plans/upload.html", {"form": form})


@login_required
def upload_preview(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the parser found; POST stores it (store_plan, one transaction)."""
    found = staging.load(request.session, token)
    if found is None:  # saved or discarded already, swept, or another session's token
        messages.error(request, _("这次上传已失效，请重新上传"))
        return redirect("plans:upload")
    staged, data = found
    region = editable_regions(request.user).filter(pk=staged.region).first()
    if region is None:
        raise PermissionDenied
    parent = visible_plans(request.user).filter(pk=staged.parent).first() if staged.parent else None
    error = ""
    try:
        intake = read_upload(data, staged.name)
    except PlanInputError as exc:  # the parser changed between upload and preview
        staging.discard(request.session, token)
        messages.error(request, str(exc))
        return redirect("plans:upload")
    if request.method == "POST":
        try:
            plan = store_plan(
                intake.parsed,
                region=region,
                source_name=staged.name,
                source_file=data,
                source_text=intake.text,
                user=request.user,
                parent=parent,
                published=staged.published,
            )
        except DuplicatePlanError:
            error = _("此文件已导入%(region)s，未重复保存") % {"region": region.name}
        else:
            staging.discard(request.session, token)
            messages.success(request, _("已保存：%(title)s") % {"title": plan.title})
            return redirect(plan)
    return render(
        request,
        "plans/upload_preview.html",
        {
            "staged": staged,
            "parsed": intake.parsed,
            "region": region,
            "parent": parent,
            "error": error,
        },
    )


@login_required
@require_POST
def upload_discard(request: HttpRequest, token: str) -> HttpResponse:
    staging.discard(request.session, token)
    messages.info(request, _("已放弃这次上传"))
    return redirect("plans:upload")
