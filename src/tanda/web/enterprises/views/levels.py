"""The levels page: packaged and entered benchmark and baseline levels; add, correct, delete, import, export.

Everyone signed in reads; administrators and offices (for their region and below; national levels
are the administrators') change. A correction is an update, so the old values stay in the level's
change log; an import waits in `core.staging` between its check and its save, like every import.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tanda.enterprises.benchmarks import LEVEL_FIELDS
from tanda.web.core import staging
from tanda.web.core.models import Profile
from tanda.web.core.permissions import role_of
from tanda.web.enterprises.common import signed_in
from tanda.web.enterprises.forms import EnteredLevelForm, LevelUploadForm
from tanda.web.enterprises.levels import LevelBook, can_edit_level, may_enter_levels
from tanda.web.enterprises.levels_files import COLUMNS, check_level_file, levels_workbook, store_level_file
from tanda.web.enterprises.models import EnteredLevel
from tanda.web.enterprises.store import max_upload_bytes
from tanda.web.enterprises.views.units import editable_region_queryset

SESSION_KEY = "enterprise_level_uploads"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form(request: HttpRequest, instance: EnteredLevel | None = None) -> EnteredLevelForm:
    return EnteredLevelForm(
        request.POST if request.method == "POST" else None,
        instance=instance,
        regions=editable_region_queryset(request.user),
        national=role_of(request.user) == Profile.Role.ADMIN,
    )


def _save(request: HttpRequest, form: EnteredLevelForm, reason: str) -> EnteredLevel:
    level = form.save(commit=False)
    level.entered_by = request.user
    level._change_reason = (form.cleaned_data.get("reason") or reason)[:100]
    level.save()
    return level


@signed_in
def levels(request: HttpRequest) -> HttpResponse:
    """Every level, packaged and entered, with where each came from; the add form for those who may."""
    may_enter = may_enter_levels(request.user)
    if request.method == "POST" and not may_enter:
        raise PermissionDenied
    form = _form(request) if may_enter else None
    if form is not None and request.method == "POST" and form.is_valid():
        level = _save(request, form, "网页录入")
        messages.success(
            request, _("已录入：%(name)s（%(edition)s）") % {"name": level.product_zh, "edition": level.edition}
        )
        return redirect("enterprises:levels")
    book = LevelBook.load()
    entered = sorted(
        (level for level in EnteredLevel.objects.select_related("region", "entered_by")),
        key=lambda x: (x.product, x.region_id or "", -x.edition),
    )
    deleted = EnteredLevel.history.filter(history_type="-").select_related("history_user").order_by("-history_date")
    return render(
        request,
        "enterprises/levels.html",
        {
            "packaged": list(book.packaged.values()),
            "entered": [(level, can_edit_level(request.user, level.region_id)) for level in entered],
            "deleted": deleted[:20],
            "form": form,
            "products": book.products().values(),
        },
    )


@signed_in
def level_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a level: the old values stay in its change log."""
    level = get_object_or_404(EnteredLevel.objects.select_related("region"), pk=pk)
    if not can_edit_level(request.user, level.region_id):
        raise PermissionDenied
    form = _form(request, level)
    if request.method == "POST" and form.is_valid():
        _save(request, form, "网页修改")
        messages.success(
            request, _("已修改：%(name)s（%(edition)s）") % {"name": level.product_zh, "edition": level.edition}
        )
        return redirect("enterprises:levels")
    context = {"form": form, "level": level, "products": LevelBook.load().products().values()}
    return render(request, "enterprises/levels_form.html", context)


@require_POST
@signed_in
def level_delete(request: HttpRequest, pk: int) -> HttpResponse:
    level = get_object_or_404(EnteredLevel, pk=pk)
    if not can_edit_level(request.user, level.region_id):
        raise PermissionDenied
    level._change_reason = (request.POST.get("reason") or "网页删除")[:100]
    level.delete()
    messages.success(
        request,
        _("已删除：%(name)s（%(edition)s）；修改记录仍保留。") % {"name": level.product_zh, "edition": level.edition},
    )
    return redirect("enterprises:levels")


@signed_in
def level_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every version of one level (also after it was deleted): who, when, why, and which values changed."""
    records = list(
        EnteredLevel.history.filter(id=pk)
        .select_related("history_user", "region")
        .order_by("history_date", "history_id")
    )
    if not records:
        raise Http404
    fields = [*LEVEL_FIELDS, "region"]
    versions = []
    previous = None
    for record in records:
        changed = [
            f for f in fields if previous is not None and getattr(record, _attname(f)) != getattr(previous, _attname(f))
        ]
        versions.append({"record": record, "changed": changed})
        previous = record
    versions.reverse()
    return render(
        request,
        "enterprises/levels_history.html",
        {"versions": versions, "latest": records[-1], "pk": pk, "exists": EnteredLevel.objects.filter(pk=pk).exists()},
    )


def _attname(field: str) -> str:
    return "region_id" if field == "region" else field


@signed_in
def levels_export(request: HttpRequest) -> HttpResponse:
    entered = list(
        EnteredLevel.objects.select_related("region", "entered_by").order_by("product", "region", "-edition")
    )
    response = HttpResponse(levels_workbook(LevelBook(entered), entered), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="benchmark-levels.xlsx"'
    return response


def _staged(request: HttpRequest, token: str) -> dict | None:
    staged = staging.load(request.session, SESSION_KEY, token)
    return None if staged is None else {**staged.choices, "path": staged.paths[0]}


@signed_in
def level_import(request: HttpRequest) -> HttpResponse:
    if not may_enter_levels(request.user):
        raise PermissionDenied
    limit = max_upload_bytes()
    form = LevelUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > limit:
            form.add_error("file", _("文件超过 %(mib)s MiB 上限，未读取；请拆分后上传。") % {"mib": limit // 2**20})
        else:
            staged = staging.stage(request.session, SESSION_KEY, [upload.chunks()], {"name": upload.name})
            return redirect("enterprises:levels_import_preview", token=staged.token)
    context = {"form": form, "columns": ",".join(COLUMNS), "limit_mib": limit // 2**20}
    return render(request, "enterprises/levels_import.html", context)


def _staged_for_editor(request: HttpRequest, token: str) -> dict | None:
    """The staged upload of this session, for a user who may enter levels (403 for others)."""
    if not may_enter_levels(request.user):
        raise PermissionDenied
    return _staged(request, token)


@signed_in
def level_import_preview(request: HttpRequest, token: str) -> HttpResponse:
    entry = _staged_for_editor(request, token)
    if entry is None:
        messages.error(request, _("这次上传已失效，请重新上传"))
        return redirect("enterprises:levels_import")
    result = check_level_file(entry["path"], name=entry["name"], user=request.user)
    return render(
        request,
        "enterprises/levels_import_preview.html",
        {
            "entry": entry,
            "token": token,
            "result": result,
            "report": result.report,
            "errors": result.report.sorted_errors()[:200],
            "counts": {a: result.count(a) for a in ("new", "change", "same")},
        },
    )


@require_POST
@signed_in
def level_import_store(request: HttpRequest, token: str) -> HttpResponse:
    entry = _staged_for_editor(request, token)
    if entry is None:
        messages.error(request, _("这次上传已失效，请重新上传"))
        return redirect("enterprises:levels_import")
    result = store_level_file(entry["path"], name=entry["name"], user=request.user)
    if not result.report.stored:
        messages.error(request, _("文件有 %(n)s 处错误，未保存任何数据") % {"n": result.report.error_count})
        return redirect("enterprises:levels_import_preview", token=token)
    staging.discard(request.session, SESSION_KEY, token)
    messages.success(
        request,
        _("已保存：新增 %(new)s 条，修改 %(change)s 条")
        % {"new": result.count("new"), "change": result.count("change")},
    )
    return redirect("enterprises:levels")


@require_POST
@signed_in
def level_import_discard(request: HttpRequest, token: str) -> HttpResponse:
    staging.discard(request.session, SESSION_KEY, token)
    return redirect("enterprises:levels_import")
