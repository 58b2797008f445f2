"""Review of a child plan against its parent (综合平衡、审核): targets, actions, departments.

The provincial leading group reviews every city's carbon-peak plan before the city issues it. This
module does what a reviewer does with the two documents side by side:

- every target of the parent gets the child's target for the same catalogue indicator (not the same
  words: 非化石能源消费比重 and 非化石能源消费占比 are one indicator) and a verdict (`review_compare`);
- child targets whose indicator the parent does not set are listed apart;
- every action of the parent (the ten actions of a peak plan, policy support …) is checked for
  child tasks (`review_actions`), child tasks without a responsible unit are listed, and the parent's
  departments are mapped to the child's through a table (`review_departments`).

Plain Python on `ParsedPlan`s: a stored plan is turned into one by the web app; the CLI and the page
give the same answer.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from tanda.indicators.catalogue import Catalogue, Indicator, load_catalogue, normalise_name
from tanda.indicators.linking import Link, link_target
from tanda.plan.model import ParsedPlan, Target, Task
from tanda.plan.review_actions import ActionCoverage, actions_of, match_actions
from tanda.plan.review_compare import (
    NOTES,
    REASONS,
    VERDICT_LABELS,
    VERDICTS,
    Comparison,
    Verdict,
    comparable_total,
    compare,
    describe,
    measure_of,
)
from tanda.plan.review_departments import DepartmentLink, DepartmentMap, map_departments, tasks_without_departments

WARNINGS: dict[str, str] = {
    "child_no_targets": "下级方案未识别出任何量化目标：请检查文件是否完整、是否为实施方案正文",
    "parent_no_targets": "上级方案未识别出任何量化目标，无法进行目标衔接审核",
    "child_no_tasks": "下级方案未识别出重点任务",
}
CHILD_ONLY_REASONS: dict[str, str] = {
    "no_parent_target": "上级方案未设置该指标",
    "not_in_catalogue": "指标不在指标目录中，无法与上级方案匹配",
}
_GENERIC_SCOPE = re.compile(r"^(?:全省|省级|全市|市级|全县|县级|全区|区级|全社会|城市|城镇|农村|各市|各县)$")


class ReviewError(ValueError):
    """The two plans cannot be reviewed against each other (the same plan twice)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class PlanInfo:
    title: str
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None
    ref: str = ""  # how it was named: a file path or plan:ID

    @classmethod
    def of(cls, plan: ParsedPlan, ref: str = "") -> PlanInfo:
        return cls(plan.title, plan.doc_number, plan.issuer, plan.date, ref)


def target_dict(target: Target) -> dict[str, Any]:
    """A target in the shape of `tanda plan parse --format json`."""
    return asdict(target)


@dataclass
class ReviewItem:
    """One parent target, the child target matched to it (or None) and the verdict."""

    parent: Target
    child: Target | None
    verdict: Verdict
    reason: str
    details: dict[str, Any] = field(default_factory=dict)
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    indicator: Indicator | None = None
    parent_text: str = ""  # the target as a reviewer reads it: 下降65%以上（比2005年）
    child_text: str = ""

    @property
    def explanation(self) -> str:
        return REASONS[self.reason] % self.details

    @property
    def note_texts(self) -> list[str]:
        return [NOTES[code] % params for code, params in self.notes]

    def to_dict(self) -> dict[str, Any]:
        ind = self.indicator
        return {
            "indicator": {"code": ind.code, "name_zh": ind.name_zh, "unit": ind.unit} if ind else None,
            "parent": target_dict(self.parent),
            "child": target_dict(self.child) if self.child else None,
            "verdict": self.verdict,
            "verdict_label": VERDICT_LABELS[self.verdict],
            "reason": self.reason,
            "explanation": self.explanation,
            "notes": self.note_texts,
        }


@dataclass
class ChildOnly:
    """A child target with no parent target of the same indicator."""

    target: Target
    indicator: Indicator | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        ind = self.indicator
        return {
            "target": target_dict(self.target),
            "indicator": {"code": ind.code, "name_zh": ind.name_zh, "unit": ind.unit} if ind else None,
            "reason": self.reason,
            "explanation": CHILD_ONLY_REASONS[self.reason],
        }


@dataclass
class Review:
    child: PlanInfo
    parent: PlanInfo
    items: list[ReviewItem]
    child_only: list[ChildOnly]
    actions: list[ActionCoverage]
    departments: list[DepartmentLink]
    unmapped_child_departments: list[str]
    tasks_without_departments: list[Task]
    warnings: list[str] = field(default_factory=list)

    @property
    def uncovered_actions(self) -> list[ActionCoverage]:
        return [a for a in self.actions if not a.covered]

    def counts(self) -> dict[str, int]:
        """Items per verdict, every verdict listed (0 when none)."""
        found = Counter(item.verdict for item in self.items)
        return {v: found.get(v, 0) for v in VERDICTS}

    def to_dict(self) -> dict[str, Any]:
        return {
            "child": asdict(self.child),
            "parent": asdict(self.parent),
            "summary": self.counts(),
            "warnings": [{"code": w, "message": WARNINGS[w]} for w in self.warnings],
            "items": [item.to_dict() for item in self.items],
            "child_only": [c.to_dict() for c in self.child_only],
            "uncovered_actions": [a.to_dict() for a in self.uncovered_actions],
            "actions": [a.to_dict() for a in self.actions],
            "tasks_without_departments": [
                {"section": t.section, "title": t.title, "clause": t.clause} for t in self.tasks_without_departments
            ],
            "departments": [d.to_dict() for d in self.departments],
            "unmapped_child_departments": self.unmapped_child_departments,
        }


def _scope_places(link: Link) -> list[str]:
    """The places a scoped target names before the indicator (长春市、吉林市绿色出行比例 → [长春市, 吉林市])."""
    if link.method != "scoped" or link.indicator is None:
        return []
    name = normalise_name(link.target.indicator)
    names = sorted((normalise_name(n) for n in link.indicator.names), key=len, reverse=True)
    prefix = next((name[: -len(n)] for n in names if n and name.endswith(n)), "")
    parts = [p for p in re.split(r"[、和与及]", prefix) if p and not _GENERIC_SCOPE.match(p)]
    return parts


def _year_rank(parent: Target, child: Target) -> int | None:
    """0 same year, 1 one side states no year, None different years."""
    if parent.year == child.year:
        return 0
    if parent.year is None or child.year is None:
        return 1
    return None


def _year_notes(parent: Target, child: Target) -> list[tuple[str, dict[str, Any]]]:
    if parent.year is None and child.year is not None:
        return [("no_year", {"side": "上级"})]
    if child.year is None and parent.year is not None:
        return [("no_year", {"side": "下级"})]
    return []


def _pick(parent: Link, candidates: Sequence[Link]) -> tuple[Link, Comparison]:
    """Of the child targets in the parent's year, the one that compares best (then the same kind, then first)."""
    scored = []
    for i, cand in enumerate(candidates):
        result = compare(parent, cand)
        scored.append(
            (
                _year_rank(parent.target, cand.target),
                result.verdict == "not comparable",
                cand.target.kind != parent.target.kind,
                i,
                cand,
                result,
            )
        )
    best = min(scored, key=lambda row: row[:4])
    return best[4], best[5]


def _nearest_year(parent: Target, candidates: Sequence[Link]) -> Link:
    year = parent.year or 0
    return min(candidates, key=lambda c: (abs((c.target.year or 0) - year), -(c.target.year or 0)))


def _review_target(parent: Link, candidates: Sequence[Link], child_hint: str) -> ReviewItem:
    target = parent.target
    item = ReviewItem(parent=target, child=None, verdict="missing", reason="missing", indicator=parent.indicator)
    item.parent_text = describe(parent)
    places = _scope_places(parent)
    elsewhere = bool(places) and not any(p in child_hint for p in places)
    if places:
        item.notes.append(("scoped", {"scope": "、".join(places)}))
    if parent.method == "fuzzy" and parent.indicator is not None:
        item.notes.append(("fuzzy", {"name": parent.indicator.name_zh}))
    if parent.indicator is None:  # shown beside a child target of the very same name, but not judged
        item.verdict, item.reason, item.details = "not comparable", "not_in_catalogue", {"name": target.indicator}
        same = sorted(candidates, key=lambda c: _year_rank(target, c.target) is None)
        if same:
            item.child, item.child_text = same[0].target, describe(same[0])
        return item
    if not candidates:
        measure, problem = measure_of(parent)
        if problem:
            item.verdict, item.reason, item.details = "not comparable", problem[0], {**problem[1], "side": "上级"}
        elif measure is not None and not comparable_total(parent.indicator, measure):
            item.verdict, item.reason = "not comparable", "extensive"
            item.details = {"indicator": parent.indicator.name_zh}
        elif elsewhere:
            item.verdict, item.reason, item.details = "not comparable", "scoped_elsewhere", {"scope": "、".join(places)}
        return item
    same_year = [c for c in candidates if _year_rank(target, c.target) is not None]
    if not same_year:
        other = _nearest_year(target, candidates)
        years = sorted({c.target.year for c in candidates if c.target.year is not None})
        item.child, item.child_text = other.target, describe(other)
        item.verdict, item.reason = "different year", "other_year"
        item.details = {"years": "、".join(str(y) for y in years), "year": target.year}
        return item
    chosen, result = _pick(parent, same_year)
    item.child, item.child_text = chosen.target, describe(chosen)
    item.verdict, item.reason, item.details = result.verdict, result.reason, result.details
    item.notes += _year_notes(target, chosen.target) + result.notes
    return item


def _same_plan(child: ParsedPlan, parent: ParsedPlan) -> bool:
    return child is parent or child.to_dict() == parent.to_dict()


def review_plans(
    child: ParsedPlan,
    parent: ParsedPlan,
    *,
    mapping: DepartmentMap | None = None,
    catalogue: Catalogue | None = None,
    child_ref: str = "",
    parent_ref: str = "",
    child_region: str = "",
) -> Review:
    """Review `child` against `parent`. `child_region` (梅河口市) helps decide whether a parent target
    scoped to some cities (长春市、吉林市…) applies to the child; the child's title and issuer are used too.

    Raises ReviewError for the same plan given twice; a child with no targets is reviewed (every parent
    target is then missing) and the review carries a warning.
    """
    if _same_plan(child, parent):
        raise ReviewError("same_plan", "the child and the parent are the same plan: review a plan against its parent")
    catalogue = catalogue or load_catalogue()
    parent_links = [link_target(t, catalogue) for t in parent.targets]
    child_links = [link_target(t, catalogue) for t in child.targets]
    by_code: dict[str, list[Link]] = defaultdict(list)
    by_name: dict[str, list[Link]] = defaultdict(list)
    for link in child_links:
        if link.indicator is not None:
            by_code[link.indicator.code].append(link)
        else:
            by_name[normalise_name(link.target.indicator)].append(link)
    hint = " ".join(x for x in (child_region, child.title, child.issuer or "") if x)
    items = []
    for link in parent_links:
        if link.indicator is not None:
            candidates = by_code.get(link.indicator.code, [])
        else:
            candidates = by_name.get(normalise_name(link.target.indicator), [])
        items.append(_review_target(link, candidates, hint))
    parent_codes = {link.indicator.code for link in parent_links if link.indicator}
    child_only = [
        ChildOnly(link.target, link.indicator, "no_parent_target" if link.indicator else "not_in_catalogue")
        for link in child_links
        if link.indicator is None or link.indicator.code not in parent_codes
    ]
    links, unmapped = map_departments(parent.tasks, child.tasks, mapping)
    warnings = [
        code
        for code, bad in (
            ("child_no_targets", not child.targets),
            ("parent_no_targets", not parent.targets),
            ("child_no_tasks", not child.tasks),
        )
        if bad
    ]
    return Review(
        child=PlanInfo.of(child, child_ref),
        parent=PlanInfo.of(parent, parent_ref),
        items=items,
        child_only=child_only,
        actions=match_actions(actions_of(parent.tasks, parent.sections), actions_of(child.tasks, child.sections)),
        departments=links,
        unmapped_child_departments=unmapped,
        tasks_without_departments=tasks_without_departments(child.tasks),
        warnings=warnings,
    )
