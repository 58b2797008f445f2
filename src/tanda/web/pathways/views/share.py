"""A scenario from its share code: the code reproduces the scenario, so the page shows exactly its results."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tanda.pathways import PathwayInputError, run, sharecode
from tanda.web.core.permissions import can_upload
from tanda.web.pathways.editor import evaluate
from tanda.web.pathways.store import Draft
from tanda.web.pathways.views.browse import iamc_response
from tanda.web.pathways.views.common import editor_form, render_editor


def code_page(request: HttpRequest) -> HttpResponse:
    """`?c=<code>` (or a pasted code, posted): the decoded scenario in the editor, as a what-if."""
    code = (request.POST.get("code") or request.GET.get("c") or "").strip()
    if not code:
        return render(request, "pathways/code.html", {"code": ""})
    try:
        scenario = sharecode.decode(code)
    except PathwayInputError as exc:
        return render(request, "pathways/code.html", {"code": code, "error": exc}, status=400)
    own = scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    label = own.pop("parent", None)
    name = own.pop("name")
    state = evaluate(Draft(name, own, None, label))
    form = editor_form(request, state, name=name, title=own.get("title", ""), parent_label=label or "")
    return render_editor(
        request,
        "pathways/code.html",
        form=form,
        state=state,
        code=code,
        canonical=sharecode.encode(scenario),
        can_create=can_upload(request.user),
    )


def code_iamc(request: HttpRequest) -> HttpResponse:
    try:
        scenario = sharecode.decode((request.GET.get("c") or "").strip())
    except PathwayInputError as exc:
        return HttpResponse(f"{exc.field}: {exc.message}", status=400, content_type="text/plain; charset=utf-8")
    return iamc_response([run(scenario)], f"{scenario.name}-{sharecode.digest(scenario)}")
