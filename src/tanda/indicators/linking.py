"""Parsed targets → catalogue indicators, with the target's number converted to the indicator's unit.

Plans name one indicator many ways (非化石能源消费比重 / 非化石能源消费占比), put a scope in front of it
(长春市、吉林市绿色出行比例) and write numbers with magnitude words (1.2万个). The linker tries, in
order of trust:

1. `name`: the normalised name is the indicator's name or a listed synonym;
2. `scoped`: a name or synonym ends the target's name and what stands before it is a place or a
   level of government (…市、…省, 省级, 全市 …), which scopes the target but does not change what
   is measured;
3. `stripped`: the same two after removing a bracketed remark and a trailing 数量/总量/规模;
4. `fuzzy`: the closest name by character similarity, at least `FUZZY_MIN`. A fuzzy link is kept
   but always goes to the review list: similar names in policy Chinese often measure different
   things (生活垃圾回收利用率 is not 生活垃圾资源化利用率).

Everything not linked, or linked with a unit that does not convert, goes to the review list with
the reason, so that a person can add a synonym to the catalogue or correct the target.

Numbers of `reduction` and `increase` targets: a `%` is relative to the baseline (下降13.5% of an
intensity; 翻一番 = 100 %), also for shares; an absolute change is written in the indicator's own
unit (提高5个百分点, 新增0.32万亩, 提升1个等级) and is converted to it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from tanda.indicators.catalogue import Catalogue, Indicator, load_catalogue, normalise_name
from tanda.indicators.units import UnitError, convert
from tanda.plan.model import Target

LinkMethod = Literal["name", "scoped", "stripped", "fuzzy"]

FUZZY_MIN = 0.8
RELATIVE_UNITS = {"%", "％", "百分比"}

# What may stand before an indicator's name without changing it: places (…市、…省、…县), levels
# of government or of scope (省级, 全市, 城镇), possibly several joined by 、 or 和.
_SCOPE = re.compile(
    r"^(?:(?:[\u4e00-\u9fff]{1,8}?(?:省|市|县|区|州|盟|旗)|省级|市级|县级|全省|全市|全县|全区|全社会|城市|城镇|农村)"
    r"(?:及以上)?[、和与及]?)+$"
)
_REMARK = re.compile(r"\([^()]*\)")
_GENERIC_TAIL = ("数量", "总量", "规模")


@dataclass
class Link:
    """One target and the indicator it was linked to (or why it was not)."""

    target: Target
    indicator: Indicator | None = None
    method: LinkMethod | None = None
    score: float = 0.0
    value: float | None = None  # the target's number in `unit`
    unit: str | None = None  # the indicator's unit, or % for a relative change
    relative: bool = False  # a reduction/increase stated as % of the baseline
    problem: str | None = None  # why a person must look at it
    notes: list[str] = field(default_factory=list)

    @property
    def linked(self) -> bool:
        """Linked to an indicator, with a number that is usable in the indicator's unit."""
        return self.indicator is not None and self.problem is None

    @property
    def needs_review(self) -> bool:
        return not self.linked or self.method == "fuzzy"

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator_name": self.target.indicator,
            "kind": self.target.kind,
            "year": self.target.year,
            "stated": {"value": self.target.value, "unit": self.target.unit},
            "code": self.indicator.code if self.indicator else None,
            "method": self.method,
            "score": round(self.score, 3),
            "value": self.value,
            "unit": self.unit,
            "relative": self.relative,
            "problem": self.problem,
            "notes": self.notes,
            "quote": self.target.quote,
        }


@dataclass
class LinkReport:
    links: list[Link]

    @property
    def linked(self) -> list[Link]:
        return [link for link in self.links if link.linked]

    @property
    def review(self) -> list[Link]:
        """What a person must look at: not linked, unit trouble, or linked only by similarity."""
        return [link for link in self.links if link.needs_review]

    def share_linked(self) -> float:
        return len(self.linked) / len(self.links) if self.links else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "targets": len(self.links),
            "linked": len(self.linked),
            "share_linked": round(self.share_linked(), 4),
            "links": [link.to_dict() for link in self.links],
            "review": [link.to_dict() for link in self.review],
        }


def target_from_mapping(data: Mapping[str, Any]) -> Target:
    """A `Target` from a JSON object (`tanda plan parse --format json`, or a gold annotation)."""
    return Target(
        indicator=str(data.get("indicator") or ""),
        value=data.get("value"),
        unit=data.get("unit") or "",
        year=data.get("year"),
        kind=data.get("kind") or "level",
        quote=data.get("quote") or "",
        baseline_year=data.get("baseline_year"),
        qualifier=data.get("qualifier"),
        masked=bool(data.get("masked", False)),
        section=data.get("section") or "",
    )


def _match_exact_or_scoped(name: str, names: Mapping[str, Indicator]) -> tuple[Indicator, LinkMethod] | None:
    if name in names:
        return names[name], "name"
    scoped = [
        (len(candidate), ind)
        for candidate, ind in names.items()
        if len(candidate) >= 3 and name.endswith(candidate) and _SCOPE.match(name[: -len(candidate)])
    ]
    # The longest name that fits: 绿色出行比例 rather than a shorter synonym inside it.
    return (max(scoped, key=lambda pair: pair[0])[1], "scoped") if scoped else None


def _stripped(name: str) -> str:
    text = _REMARK.sub("", name)
    for tail in _GENERIC_TAIL:
        if text.endswith(tail) and len(text) > len(tail) + 2:
            text = text[: -len(tail)]
    return text


def match_name(name: str, catalogue: Catalogue | None = None) -> tuple[Indicator, LinkMethod, float] | None:
    """The indicator a written name stands for, how it was found, and how similar the names were."""
    catalogue = catalogue or load_catalogue()
    names = catalogue.names()
    norm = normalise_name(name)
    if not norm:
        return None
    found = _match_exact_or_scoped(norm, names)
    if found:
        return found[0], found[1], 1.0
    stripped = _stripped(norm)
    if stripped != norm:
        found = _match_exact_or_scoped(stripped, names)
        if found:
            return found[0], "stripped", 1.0
    scored = [(difflib.SequenceMatcher(None, norm, key).ratio(), key) for key in names]
    score, key = max(scored)
    if score >= FUZZY_MIN:
        return names[key], "fuzzy", score
    return None


def _convert_value(target: Target, ind: Indicator, link: Link) -> None:
    unit = (target.unit or "").strip()
    if target.kind in ("reduction", "increase") and unit in RELATIVE_UNITS:
        link.relative, link.unit = True, "%"
        link.value = target.value
        return
    link.unit = ind.unit
    if target.value is None:
        return
    try:
        link.value = convert(float(target.value), unit, ind.unit)
    except UnitError as exc:
        link.problem = f"unit: {exc}"
        link.value = None


def link_target(target: Target | Mapping[str, Any], catalogue: Catalogue | None = None) -> Link:
    """Link one target; never raises for a target it cannot link (that is what `problem` says)."""
    if isinstance(target, Mapping):
        target = target_from_mapping(target)
    catalogue = catalogue or load_catalogue()
    link = Link(target=target)
    if target.kind == "rule":
        link.problem = "a threshold rule, not a target"
        return link
    found = match_name(target.indicator, catalogue)
    if found is None:
        link.problem = f"no catalogue indicator is named like '{target.indicator}'"
        return link
    link.indicator, link.method, link.score = found
    if link.method == "fuzzy":
        link.notes.append(f"linked by similarity ({link.score:.2f}) to {link.indicator.name_zh}: confirm")
    if target.kind not in link.indicator.kinds:
        link.notes.append(f"kind {target.kind} is unusual for {link.indicator.code} ({'|'.join(link.indicator.kinds)})")
    _convert_value(target, link.indicator, link)
    return link


def link_targets(targets: Iterable[Target | Mapping[str, Any]], catalogue: Catalogue | None = None) -> LinkReport:
    """Link every target of a plan; the report's `review` list is what a person must look at."""
    catalogue = catalogue or load_catalogue()
    return LinkReport([link_target(t, catalogue) for t in targets])
