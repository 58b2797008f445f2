"""Stored scenarios ↔ scenario documents: who sees which, inheritance through the parent rows, saving a version.

The domain resolves inheritance (`tanda.pathways.scenario.inherit`); here the parents come from the
database. Saving validates the merged document with the domain, and re-validates every scenario
below it, because a child means its parent's document plus its own: a parent change that would
make a child invalid is refused, naming the child and the field, and nothing is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet

from tanda.pathways import PathwayInputError
from tanda.pathways import Scenario as DomainScenario
from tanda.pathways.scenario import inherit, json_keys, validate
from tanda.web.core.permissions import can_edit_region
from tanda.web.pathways.models import Scenario, document_text
from tanda.web.pathways.runs import outcome

if TYPE_CHECKING:
    from tanda.web.core.models import Region
    from tanda.web.core.permissions import User

# keys of a document the page holds outside the YAML text: the row's name and parent, the title field
META_KEYS = ("name", "parent", "title")


def visible_scenarios(user: User) -> QuerySet[Scenario]:
    """Published scenarios for everyone; all of them for a signed-in user (as for plans)."""
    scenarios = Scenario.objects.select_related("region", "parent", "updated_by")
    return scenarios if user.is_authenticated else scenarios.filter(published=True)


def can_read(user: User, scenario: Scenario) -> bool:
    return scenario.published or user.is_authenticated


def can_edit(user: User, scenario: Scenario) -> bool:
    return can_edit_region(user, scenario.region)


@dataclass
class Draft:
    """A scenario being looked at or edited: its own document over an optional stored parent.

    Without a stored parent, `parent_label` is kept as the document's `parent` (a share code's
    scenario is already resolved; its parent is only a name there).
    """

    name: str
    own: dict[str, Any] = field(default_factory=dict)
    parent: Scenario | None = None
    parent_label: str | None = None

    def resolved(self) -> dict[str, Any]:
        doc = {**json_keys(self.own), "name": self.name}
        if self.parent is not None:
            return inherit(resolved_document(self.parent), {**doc, "parent": self.parent.name})
        if self.parent_label:
            doc["parent"] = self.parent_label
        return doc

    def validated(self) -> DomainScenario:
        return validate(self.resolved())


def resolved_document(scenario: Scenario) -> dict[str, Any]:
    """The stored scenario's document merged over its parents' (root first)."""
    chain = [scenario, *scenario.ancestors()]
    doc = {**json_keys(chain[-1].own()), "name": chain[-1].name}
    for parent, child in zip(chain[:0:-1], chain[-2::-1], strict=True):
        doc = inherit(doc, {**child.own(), "name": child.name, "parent": parent.name})
    return doc


def draft_of(scenario: Scenario) -> Draft:
    return Draft(scenario.name, scenario.own(), scenario.parent)


def domain_scenario(scenario: Scenario) -> DomainScenario:
    return validate(resolved_document(scenario))


def descendants(scenario: Scenario) -> list[Scenario]:
    """Children, grandchildren … (parents before their children)."""
    out: list[Scenario] = []
    frontier = [scenario]
    while frontier:
        kids = list(Scenario.objects.filter(parent__in=frontier).select_related("region", "parent"))
        kids = [k for k in kids if k not in out and k != scenario]
        out += kids
        frontier = kids
    return out


def _derive(row: Scenario, scenario: DomainScenario) -> None:
    """The fields a save takes from the resolved scenario: title, share code, digest, the peak at save time."""
    data = outcome(scenario).data  # the page shown after a save asks for the same run: it is kept
    row.title = (scenario.title or "")[:300]
    row.code = data["code"]
    row.digest = data["digest"]
    row.peak_year = data["peak_year"]
    row.peak_mt = None if data["peak_tco2"] is None else round(data["peak_tco2"] / 1e6, 3)


class SaveResult:
    def __init__(self, scenario: Scenario, changed: bool, children: list[Scenario]) -> None:
        self.scenario, self.changed, self.children = scenario, changed, children


@transaction.atomic
def save_scenario(
    draft: Draft,
    *,
    region: Region,
    published: bool,
    user: Any,
    existing: Scenario | None = None,
    reason: str = "",
) -> SaveResult:
    """Store `draft` as a new scenario or a new version of `existing`; all or nothing.

    Raises PathwayInputError (nothing stored) when the merged document, or that of any scenario
    below it, is invalid; a save that changes nothing makes no version.
    """
    if (
        draft.parent is not None
        and existing is not None
        and (draft.parent == existing or existing in draft.parent.ancestors())
    ):
        raise PathwayInputError("parent", f"{draft.parent.name!r} is this scenario or one below it")
    scenario = draft.validated()
    own = json_keys({k: v for k, v in draft.own.items() if k not in ("name", "parent")})
    if existing is None:
        row = Scenario(region=region, name=draft.name, version=1)
    else:
        row = Scenario.objects.select_for_update().get(pk=existing.pk)
        if (row.own(), row.parent_id, row.published) == (own, getattr(draft.parent, "pk", None), published):
            return SaveResult(row, False, [])
        row.version += 1
    row.parent = draft.parent
    row.document = document_text(own)
    row.published = published
    row.updated_by = user if getattr(user, "is_authenticated", False) else None
    _derive(row, scenario)
    row._change_reason = reason  # type: ignore[attr-defined] - read by simple-history
    row.save()
    children = []
    for child in descendants(row):
        try:
            resolved = domain_scenario(child)
        except PathwayInputError as exc:
            raise PathwayInputError(
                "children",
                f"{child.name} would become invalid: " + "; ".join(f"{f}: {m}" if f else m for f, m in exc.problems),
            ) from None
        before = child.digest
        _derive(child, resolved)
        if child.digest != before:
            child.version += 1
            child.updated_by = row.updated_by
            child._change_reason = f"parent {row.name} v{row.version}"  # type: ignore[attr-defined]
            child.save()
            children.append(child)
    return SaveResult(row, True, children)
