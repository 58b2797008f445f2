"""Changing scenarios: the in-place recompute (htmx), saving a version, and a new scenario.

Recompute stores nothing, so any reader may move the sliders of a scenario they can read (a
what-if); saving needs the office of the region or an administrator. A save runs the same pass as
the recompute (`editor.evaluate`), so what was on the screen is what is stored; with a problem
the page comes back with the domain's messages beside the fields and nothing is stored.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tanda.pathways import PathwayInputError, sharecode
from tanda.web.core.permissions import can_upload
from tanda.web.pathways.access import scenario_view
from tanda.web.pathways.editor import EditorState, Problem, draft_from_form, evaluate
from tanda.web.pathways.forms import EditorForm, ImportForm, NewScenarioForm, SaveForm, parse_document
from tanda.web.pathways.models import Scenario
from tanda.web.pathways.store import Draft, SaveResult, save_scenario, visible_scenarios
from tanda.web.pathways.views.common import editor_form, lever_rows, render_editor, results_context

DRAFT_NAME = "draft"


def _parent_of(form: EditorForm, request: HttpRequest) -> Scenario | None:
    """The chosen parent, else one the pasted document names (a stored scenario of that name)."""
    parent = form.cleaned_data.get("parent")
    named = form.meta.get("parent")
    if parent is None and isinstance(named, str):
        candidates = list(visible_scenarios(request.user).filter(name=named))
        region = request.POST.get("region")
        parent = next((c for c in candidates if c.region_id == region), candidates[0] if candidates else None)
        if parent is None:
            raise PathwayInputError("parent", _("没有名为 %(name)s 的已保存情景；请先保存上级情景") % {"name": named})
    return parent


def _evaluate_form(form: EditorForm, request: HttpRequest, *, name: str, parent: Scenario | None) -> EditorState:
    label = form.cleaned_data.get("parent_label") or None
    draft = draft_from_form(form, name=name, parent=parent, parent_label=None if parent else label)
    return evaluate(draft, form.lever_changes(), form.cleaned_data["members"], form.cleaned_data["seed"])


def _form_problems(form: EditorForm) -> EditorState:
    """A state that only carries the form's own errors (unreadable YAML, a slider out of range)."""
    problems = [Problem(k, str(e), k) for k, errors in form.errors.items() for e in errors]
    return EditorState(Draft(DRAFT_NAME), problems=problems)


@require_POST
def recompute(request: HttpRequest) -> HttpResponse:
    """The results panel for the posted form (htmx swaps it in place), with the sliders and document out of band."""
    form = EditorForm(request.POST, user=request.user)
    if not form.is_valid():
        state = _form_problems(form)
    else:
        try:
            parent = _parent_of(form, request)
        except PathwayInputError as exc:
            state = EditorState(Draft(DRAFT_NAME), problems=[Problem(exc.field, exc.message, exc.field)])
        else:
            name = form.cleaned_data.get("name") or DRAFT_NAME
            state = _evaluate_form(form, request, name=name, parent=parent)
    context = {
        "form": form,
        "levers": lever_rows(state, form),
        "oob": True,
        "doc_text": state.document_text if state.moved and state.ok else None,
        **results_context(state),
    }
    return render(request, "pathways/_recompute.html", context)


@require_POST
@scenario_view(edit=True)
def save(request: HttpRequest, scenario: Scenario) -> HttpResponse:
    """Store the edited scenario as a new version (its name, region and parent stay)."""
    form = EditorForm(request.POST, user=request.user)
    save_form = SaveForm(request.POST)
    if not form.is_valid():
        state = _form_problems(form)
    else:
        state = _evaluate_form(form, request, name=scenario.name, parent=scenario.parent)
        if state.ok and save_form.is_valid():
            try:
                result = save_scenario(
                    state.draft,
                    region=scenario.region,
                    published=save_form.cleaned_data["published"],
                    user=request.user,
                    existing=scenario,
                    reason=save_form.cleaned_data["reason"],
                )
            except PathwayInputError as exc:
                state.problems = [Problem(f, m, f) for f, m in exc.problems]
            else:
                _report(request, result)
                return redirect(result.scenario)
    return render_editor(
        request,
        "pathways/scenario.html",
        form=form,
        state=state,
        doc_text=_shown_text(request, state),
        scenario=scenario,
        ancestors=scenario.ancestors()[::-1],
        children=visible_scenarios(request.user).filter(parent=scenario),
        can_save=True,
        save_form=save_form,
    )


def _report(request: HttpRequest, result: SaveResult) -> None:
    row = result.scenario
    if not result.changed:
        messages.info(request, _("没有改动，未生成新版本。"))
        return
    messages.success(request, _("已保存 %(name)s 第 %(version)s 版。") % {"name": row.name, "version": row.version})
    for child in result.children:
        messages.info(
            request,
            _("下级情景 %(name)s 随之更新为第 %(version)s 版。") % {"name": child.name, "version": child.version},
        )


def new(request: HttpRequest) -> HttpResponse:
    """A new scenario: from a parent (`?parent=`), a share code (`?code=`), a file, or typed; saved on request."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_upload(request.user):
        raise PermissionDenied
    if request.method == "POST" and "file" in request.FILES:
        return _import(request)
    if request.method == "POST":
        return _create(request)
    parent = None
    own: dict = {}
    label = None
    name = ""
    if request.GET.get("parent"):
        parent = get_object_or_404(visible_scenarios(request.user), pk=request.GET["parent"])
    elif request.GET.get("code"):
        try:
            decoded = sharecode.decode(request.GET["code"].strip())
        except PathwayInputError as exc:
            messages.error(request, f"{exc.field}: {exc.message}")
            return redirect("pathways:new")
        own = decoded.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        label = own.pop("parent", None)
        name = own.pop("name", "")
    title = own.get("title", "")
    state = evaluate(Draft(name or DRAFT_NAME, own, parent, label))
    form = editor_form(request, state, name=name, title=title, parent=getattr(parent, "pk", None), parent_label=label)
    return _render_new(request, form, state, NewScenarioForm(user=request.user), ImportForm())


def _import(request: HttpRequest) -> HttpResponse:
    """Read a YAML/JSON file into the editor (a preview: nothing is stored)."""
    upload = ImportForm(request.POST, request.FILES)
    meta = NewScenarioForm(user=request.user)
    if not upload.is_valid():
        state = EditorState(Draft(DRAFT_NAME))
        return _render_new(request, EditorForm(user=request.user), state, meta, upload)
    try:
        doc = parse_document(upload.cleaned_data["file"])
    except ValueError as exc:
        upload.add_error("file", str(exc))
        return _render_new(request, EditorForm(user=request.user), EditorState(Draft(DRAFT_NAME)), meta, upload)
    name, parent_name, title = (doc.pop(k, None) for k in ("name", "parent", "title"))
    parent = visible_scenarios(request.user).filter(name=parent_name).first() if parent_name else None
    state = evaluate(Draft(str(name or DRAFT_NAME), {**doc, **({"title": title} if title else {})}, parent))
    if parent_name and parent is None:
        state.problems.insert(
            0, Problem("parent", _("没有名为 %(name)s 的已保存情景") % {"name": parent_name}, "parent")
        )
    form = editor_form(request, state, name=name or "", title=title or "", parent=getattr(parent, "pk", None))
    return _render_new(request, form, state, meta, ImportForm())


def _create(request: HttpRequest) -> HttpResponse:
    form = EditorForm(request.POST, user=request.user)
    meta = NewScenarioForm(request.POST, user=request.user)
    if not form.is_valid():
        state = _form_problems(form)
        return _render_new(request, form, state, meta, ImportForm(), doc_text=request.POST.get("document", ""))
    name = form.cleaned_data.get("name") or ""
    try:
        parent = _parent_of(form, request)
    except PathwayInputError as exc:
        state = EditorState(Draft(name or DRAFT_NAME), problems=[Problem(exc.field, exc.message, exc.field)])
        return _render_new(request, form, state, meta, ImportForm(), doc_text=request.POST.get("document", ""))
    state = _evaluate_form(form, request, name=name or DRAFT_NAME, parent=parent)
    if meta.is_valid():
        region = meta.cleaned_data["region"]
        if not name:
            form.add_error("name", _("请填写情景代号。"))
        elif Scenario.objects.filter(region=region, name=name).exists():
            form.add_error("name", _("%(region)s 已有名为 %(name)s 的情景。") % {"region": region.name, "name": name})
        elif state.ok:
            try:
                result = save_scenario(
                    state.draft,
                    region=region,
                    published=meta.cleaned_data["published"],
                    user=request.user,
                    reason=meta.cleaned_data["reason"] or _("新建"),
                )
            except PathwayInputError as exc:
                state.problems = [Problem(f, m, f) for f, m in exc.problems]
            else:
                _report(request, result)
                return redirect(result.scenario)
    return _render_new(request, form, state, meta, ImportForm(), doc_text=_shown_text(request, state))


def _shown_text(request: HttpRequest, state: EditorState) -> str:
    """After a refused save: the document with the moved sliders written in, else the text as typed."""
    return state.document_text if state.moved else request.POST.get("document", "")


def _render_new(
    request: HttpRequest,
    form: EditorForm,
    state: EditorState,
    meta: NewScenarioForm,
    upload: ImportForm,
    doc_text: str | None = None,
) -> HttpResponse:
    return render_editor(
        request,
        "pathways/new.html",
        form=form,
        state=state,
        doc_text=doc_text,
        meta_form=meta,
        import_form=upload,
    )
