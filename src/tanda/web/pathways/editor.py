"""One pass of the editor: the posted document and sliders → the draft, the domain's verdict, the results.

The same pass serves the first view of a page, every in-place recompute and a save, so what the
analyst sees is what gets stored. The own document is the single source of truth: moved sliders
are written into it (`levers.apply`), then the whole merged document is validated; a problem is
reported with the field the domain names, and nothing is run until the document is valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tanda.pathways import PathwayInputError
from tanda.pathways import Scenario as DomainScenario
from tanda.web.pathways import levers
from tanda.web.pathways.forms import WAS, EditorForm, dump_document
from tanda.web.pathways.runs import DEFAULT_MEMBERS, DEFAULT_SEED, Outcome, outcome
from tanda.web.pathways.store import Draft

# which slider a field belongs to, so its message can stand beside the slider too
_LEVER_FIELDS = {
    "gdp_growth": ("drivers.gdp_growth",),
    "population_growth": ("drivers.population_growth",),
    "energy_intensity": ("drivers.energy_intensity.*",),
    "non_fossil_2030": ("drivers.non_fossil_share",),
    "non_fossil_2060": ("drivers.non_fossil_share",),
    "peak_tolerance": ("peak_tolerance_pct",),
}
_STEP = re.compile(r"([^.\[\]]+)|\[([^\]]+)\]")


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    where: str  # the field with the ids of list items it passes through: measures[3] (clean-heating)


@dataclass
class EditorState:
    draft: Draft
    scenario: DomainScenario | None = None
    outcome: Outcome | None = None
    lever_states: list[levers.LeverState] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    moved: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.outcome is not None and not self.problems

    @property
    def document_text(self) -> str:
        return dump_document({k: v for k, v in self.draft.own.items() if k != "title"})

    def lever_errors(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for key, prefixes in _LEVER_FIELDS.items():
            out[key] = [p.message for p in self.problems if p.field.startswith(prefixes)]
        return out


def describe(path: str, doc: Any) -> str:
    """`measures[3].drivers.fuel_shifts[0].to` → `measures[3] (clean-heating).drivers.fuel_shifts[0] (…).to`."""
    out, node = "", doc
    for key, index in _STEP.findall(path):
        if key:
            out += f".{key}" if out else key
            node = node.get(key) if isinstance(node, dict) else None
            continue
        out += f"[{index}]"
        if isinstance(node, list) and index.isdigit() and int(index) < len(node):
            node = node[int(index)]
            if isinstance(node, dict) and "id" in node:
                out += f" ({node['id']})"
        elif isinstance(node, dict):
            node = node.get(index)
        else:
            node = None
    return out or path


def _problems(exc: PathwayInputError, draft: Draft) -> list[Problem]:
    try:
        doc = draft.resolved()
    except PathwayInputError:
        doc = {}
    return [Problem(f, m, describe(f, doc) if f else "") for f, m in exc.problems]


def evaluate(
    draft: Draft, moved: dict[str, float] | None = None, members: int = DEFAULT_MEMBERS, seed: int = DEFAULT_SEED
) -> EditorState:
    """Validate the draft, write the moved sliders into it, validate again, run."""
    state = EditorState(draft, moved=dict(moved or {}))
    try:
        scenario = draft.validated()
        if state.moved:
            own = dict(draft.own)
            for key, value in state.moved.items():
                own = levers.apply(levers.BY_KEY[key], value, own, scenario)
            draft.own = own
            scenario = draft.validated()
        state.scenario = scenario
        state.outcome = outcome(scenario, members, seed)
    except PathwayInputError as exc:
        state.problems = _problems(exc, draft)
        return state
    state.lever_states = levers.read_all(scenario, state.outcome.result.model)
    return state


def draft_from_form(form: EditorForm, *, name: str, parent: Any, parent_label: str | None) -> Draft:
    """The draft a valid form describes; `name` and `parent` are the page's (a stored row's, or the form's)."""
    own = dict(form.cleaned_data["document"])
    if form.cleaned_data.get("title"):
        own["title"] = form.cleaned_data["title"]
    return Draft(name, own, parent, parent_label)


def lever_initial(state: EditorState) -> dict[str, Any]:
    """Form values that show the sliders at the values in effect (and remember them, to see which moved)."""
    initial: dict[str, Any] = {}
    for s in state.lever_states:
        initial[s.lever.key] = s.value
        initial[s.lever.key + WAS] = s.value
    return initial
