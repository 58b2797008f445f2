"""Reading scenarios: the list, one scenario in its editor, its versions, and its downloads."""

from __future__ import annotations

import csv
from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tanda.pathways import iamc, run
from tanda.web.core.permissions import can_upload
from tanda.web.pathways.access import scenario_view
from tanda.web.pathways.editor import evaluate
from tanda.web.pathways.forms import SaveForm, dump_document
from tanda.web.pathways.models import Scenario, own_document
from tanda.web.pathways.store import can_edit, domain_scenario, draft_of, resolved_document, visible_scenarios
from tanda.web.pathways.views.common import editor_form, render_editor


def tree_order(scenarios: list[Scenario]) -> list[tuple[Scenario, int]]:
    """Scenarios with their depth, each parent followed by its children (baseline → policy → enhanced)."""
    ids = {s.pk for s in scenarios}
    kids: dict[int | None, list[Scenario]] = {}
    for s in scenarios:
        kids.setdefault(s.parent_id if s.parent_id in ids else None, []).append(s)
    out: list[tuple[Scenario, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for s in kids.get(parent, []):
            out.append((s, depth))
            walk(s.pk, depth + 1)

    walk(None, 0)
    return out


def index(request: HttpRequest) -> HttpResponse:
    """Stored scenarios by region, each family as a tree."""
    scenarios = list(visible_scenarios(request.user).order_by("region__code", "name"))
    groups = [(region, tree_order(list(items))) for region, items in groupby(scenarios, key=lambda s: s.region)]
    return render(
        request,
        "pathways/index.html",
        {"groups": groups, "can_create": can_upload(request.user)},
    )


@scenario_view()
def scenario_page(request: HttpRequest, scenario: Scenario) -> HttpResponse:
    """The scenario in its editor: sliders and document on the left, the results recomputed in place on the right."""
    state = evaluate(draft_of(scenario))
    form = editor_form(
        request,
        state,
        document="",
        title=scenario.own().get("title", ""),
        name=scenario.name,
        parent=scenario.parent_id,
    )
    editable = can_edit(request.user, scenario)
    return render_editor(
        request,
        "pathways/scenario.html",
        form=form,
        state=state,
        scenario=scenario,
        ancestors=scenario.ancestors()[::-1],
        children=visible_scenarios(request.user).filter(parent=scenario),
        can_save=editable,
        save_form=SaveForm(initial={"published": scenario.published}) if editable else None,
    )


@scenario_view()
def versions(request: HttpRequest, scenario: Scenario) -> HttpResponse:
    """Every saved version: who saved it, when, why, and the share code that reopens it exactly."""
    records = list(scenario.history.select_related("history_user").order_by("-history_date", "-history_id"))
    for record in records:
        record.yaml = dump_document(own_document(record.document))
    return render(request, "pathways/versions.html", {"scenario": scenario, "records": records})


@scenario_view()
def download_iamc(request: HttpRequest, scenario: Scenario) -> HttpResponse:
    """The run in the IAMC long format (model, scenario, region, variable, unit, year, value), for pyam."""
    return iamc_response([run(domain_scenario(scenario))], f"{scenario.name}-v{scenario.version}")


def iamc_response(results: list, stem: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.iamc.csv"'
    writer = csv.DictWriter(response, fieldnames=iamc.COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        writer.writerows(iamc.rows(result))
    return response


@scenario_view()
def download_document(request: HttpRequest, scenario: Scenario) -> HttpResponse:
    """The scenario as a YAML file: its own document naming its parent, or `?resolved=1` the merged one.

    Either file runs with `tanda pathway run` (the own one beside its parents' files).
    """
    if request.GET.get("resolved"):
        doc, stem = resolved_document(scenario), f"{scenario.name}.resolved"
    else:
        doc = {"name": scenario.name, **({"parent": scenario.parent.name} if scenario.parent else {})}
        doc.update(scenario.own())
        stem = scenario.name
    response = HttpResponse(dump_document(doc), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.yaml"'
    return response
