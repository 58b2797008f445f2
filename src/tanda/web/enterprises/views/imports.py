"""Import a units or submissions file: upload → check (nothing stored) → store, or download the errors.

The upload waits in `core.staging` (on disk, written block by block, never in memory or in the
session: a province's file has millions of rows), under a random token held in the user's session
with the file's digest, so only that session can check or store it, and a file changed on disk is
refused. The check is the same validation the store runs, as a dry run; storing validates again
inside the transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tanda.enterprises import ImportReport
from tanda.web.core import staging
from tanda.web.enterprises.access import allowed_codes, can_import, own_enterprise_id
from tanda.web.enterprises.common import signed_in
from tanda.web.enterprises.forms import UploadForm
from tanda.web.enterprises.models import Enterprise
from tanda.web.enterprises.services import warm_year_energy
from tanda.web.enterprises.store import import_submissions, max_upload_bytes, register_units
from tanda.web.enterprises.views.units import editable_region_queryset

SESSION_KEY = "enterprise_uploads"


def _staged(request: HttpRequest, token: str) -> dict | None:
    """The upload's choices (name, kind) and its file's `path`, or None if gone, changed or not this session's."""
    staged = staging.load(request.session, SESSION_KEY, token)
    if staged is None:
        return None
    return {**staged.choices, "path": staged.paths[0]}


def _scope(user) -> tuple[set[str] | None, set[str] | None]:
    """(credit codes, region codes) the user may import for; None = no limit (administrators)."""
    own = allowed_codes(user)
    if own is not None:
        return own, set()
    regions = editable_region_queryset(user)
    if regions.count() == regions.model.objects.count():
        return None, None
    region_codes = set(regions.values_list("code", flat=True))
    codes = set(Enterprise.objects.filter(region_id__in=region_codes).values_list("credit_code", flat=True))
    return codes, region_codes


def _run(entry: dict, user, *, dry_run: bool) -> ImportReport:
    path = entry["path"]
    codes, regions = _scope(user)
    if entry["kind"] == "units":
        if own_enterprise_id(user) is not None:
            raise PermissionDenied
        return register_units(path, name=entry["name"], user=user, allowed_regions=regions, dry_run=dry_run)
    return import_submissions(path, name=entry["name"], user=user, allowed=codes, dry_run=dry_run)


@signed_in
def upload(request: HttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    limit = max_upload_bytes()
    if request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > limit + 2**20:
        # refused before Django reads the body: a 2 GB upload never reaches the disk
        refused = _("文件超过 %(mib)s MiB 上限，未读取；请拆分后上传。") % {"mib": limit // 2**20}
        context = {"form": UploadForm(), "limit_mib": limit // 2**20, "refused": refused}
        return render(request, "enterprises/import.html", context, status=413)
    form = UploadForm(request.POST or None, request.FILES or None)
    if own_enterprise_id(request.user) is not None:
        form.fields["kind"].choices = [("submissions", _("月度能耗数据"))]
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        if upload_file.size > limit:
            form.add_error("file", _("文件超过 %(mib)s MiB 上限，未读取；请拆分后上传。") % {"mib": limit // 2**20})
        else:
            choices = {"name": upload_file.name, "kind": form.cleaned_data["kind"]}  # the name decides the format
            staged = staging.stage(request.session, SESSION_KEY, [upload_file.chunks()], choices)
            return redirect("enterprises:import_preview", token=staged.token)
    return render(request, "enterprises/import.html", {"form": form, "limit_mib": limit // 2**20})


@signed_in
def preview(request: HttpRequest, token: str) -> HttpResponse:
    entry = _staged(request, token)
    if entry is None:
        messages.error(request, _("这次上传已失效，请重新上传"))
        return redirect("enterprises:import")
    report = _run(entry, request.user, dry_run=True)
    return render(
        request,
        "enterprises/import_preview.html",
        {"entry": entry, "token": token, "report": report, "errors": report.sorted_errors()[:200]},
    )


@signed_in
def errors_file(request: HttpRequest, token: str) -> HttpResponse:
    entry = _staged(request, token)
    if entry is None:
        return redirect("enterprises:import")
    report = _run(entry, request.user, dry_run=True)
    response = HttpResponse(report.error_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="errors-{token}.csv"'
    return response


@require_POST
@signed_in
def store(request: HttpRequest, token: str) -> HttpResponse:
    entry = _staged(request, token)
    if entry is None:
        messages.error(request, _("这次上传已失效，请重新上传"))
        return redirect("enterprises:import")
    report = _run(entry, request.user, dry_run=False)
    if not report.stored:
        messages.error(request, _("文件有 %(n)s 处错误，未保存任何数据") % {"n": report.error_count})
        return redirect("enterprises:import_preview", token=token)
    staging.discard(request.session, SESSION_KEY, token)
    if settings.TANDA_WARM_ENERGY and report.years:
        transaction.on_commit(lambda: warm_year_energy(report.years))
    messages.success(request, _("已保存 %(n)s 行") % {"n": report.accepted})
    return redirect("enterprises:index")


@require_POST
@signed_in
def discard(request: HttpRequest, token: str) -> HttpResponse:
    staging.discard(request.session, SESSION_KEY, token)
    return redirect("enterprises:import")
