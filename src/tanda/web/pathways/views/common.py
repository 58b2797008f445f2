"""What every editor page (stored scenario, new scenario, share code) renders: sliders, document, results."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tanda.web.pathways import present
from tanda.web.pathways.editor import EditorState, lever_initial
from tanda.web.pathways.forms import EditorForm
from tanda.web.pathways.levers import LEVERS


def lever_rows(state: EditorState, form: EditorForm | None = None) -> list[dict[str, Any]]:
    """One row per slider: the value in effect (or the posted one when nothing could run) and its messages."""
    by_key = {s.lever.key: s for s in state.lever_states}
    errors = state.lever_errors()
    posted = form.data if form is not None and form.is_bound else {}
    rows = []
    for lever in LEVERS:
        s = by_key.get(lever.key)
        if s is not None:
            value, was, window, spread = s.value, s.value, s.window, s.spread
        else:
            value, was, window, spread = posted.get(lever.key), posted.get(lever.key + "__was"), "", None
        field_errors = list(form.errors.get(lever.key, [])) if form is not None and form.is_bound else []
        rows.append(
            {
                "lever": lever,
                "value": value,
                "was": was,
                "window": window,
                "spread": spread,
                "disabled": s is not None and s.value is None,
                "errors": field_errors + errors.get(lever.key, []),
            }
        )
    return rows


def results_context(state: EditorState) -> dict[str, Any]:
    if not state.ok:
        return {"state": state}
    o = state.outcome
    assert o is not None
    return {
        "state": state,
        "summary": present.summary(o),
        "targets": present.target_rows(o),
        "charts": present.charts(o),
        "data": o.data,
    }


def editor_form(request: HttpRequest, state: EditorState, **initial: Any) -> EditorForm:
    """An unbound form showing `state` (first view of a page)."""
    values = {"members": present.DEFAULT_MEMBERS, "seed": present.DEFAULT_SEED, **lever_initial(state), **initial}
    return EditorForm(initial=values, user=request.user)


def render_editor(
    request: HttpRequest,
    template: str,
    *,
    form: EditorForm,
    state: EditorState,
    doc_text: str | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    context = {
        "form": form,
        "levers": lever_rows(state, form),
        "doc_text": state.document_text if doc_text is None else doc_text,
        **results_context(state),
        **extra,
    }
    return render(request, template, context, status=status)
