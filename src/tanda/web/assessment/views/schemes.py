"""Schemes: the list, one scheme as a table, and creating or changing one (checked before it is stored)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tanda.assessment.scheme import PACKAGED, RULE_LABELS, SchemeError, load_scheme_text, packaged_scheme_text
from tanda.web.assessment.forms import SchemeForm
from tanda.web.assessment.models import Scheme
from tanda.web.assessment.services import can_edit_scheme
from tanda.web.core.permissions import can_upload
from tanda.web.review.access import refuse


def scheme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assessment/scheme_list.html",
        {
            "schemes": Scheme.objects.select_related("region"),
            "packaged": list(PACKAGED),
            "can_create": can_upload(request.user),
        },
    )


def scheme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = get_object_or_404(Scheme.objects.select_related("region"), pk=pk)
    try:
        parsed, error = scheme.parsed(), None
    except SchemeError as exc:
        parsed, error = None, str(exc)
    return render(
        request,
        "assessment/scheme_detail.html",
        {
            "scheme": scheme,
            "parsed": parsed,
            "error": error,
            "rules": RULE_LABELS,
            "can_edit": can_edit_scheme(request.user, scheme),
        },
    )


def scheme_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """New (optionally from a packaged scheme: ?from=green_development_index, or a copy: ?copy=ID) or edit."""
    scheme = get_object_or_404(Scheme, pk=pk) if pk else None
    if scheme is not None and not can_edit_scheme(request.user, scheme):
        return refuse(request)
    if scheme is None and not can_upload(request.user):
        return refuse(request)
    initial = {}
    if scheme is None:
        source = request.GET.get("from", "")
        copy = request.GET.get("copy", "")
        if source in PACKAGED:
            text = packaged_scheme_text(source)
            initial = {"definition": text, "name": load_scheme_text(text).name}
        elif copy.isdigit():
            original = get_object_or_404(Scheme, pk=copy)
            initial = {"definition": original.definition, "name": original.name, "year": original.year}
    form = SchemeForm(request.POST or None, instance=scheme, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if scheme is None:
            saved.created_by = request.user
            saved.packaged_key = request.GET.get("from", "") if request.GET.get("from") in PACKAGED else ""
        saved.save()
        messages.success(request, _("已保存评价方案"))
        return redirect(saved)
    return render(request, "assessment/scheme_form.html", {"form": form, "scheme": scheme})
