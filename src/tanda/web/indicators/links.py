"""Stored links of plan targets to catalogue indicators: made by the domain linker, renewed, corrected by people.

A link remembers a signature of the target fields it was made from. When a target is corrected on
the plan page (another name, value or unit), its signature changes and the next `ensure_links`
links it again; a person's choice of indicator survives that (only the number is converted again).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from tanda.indicators import load_catalogue
from tanda.indicators.linking import Link, link_target
from tanda.plan.model import Target as ParsedTarget
from tanda.web.indicators.models import TargetLink
from tanda.web.plans.models import Target

LINKER_VERSION = "1"  # bump when the domain linker's rules change, to link every target again


def signature(target: Target) -> str:
    """What a link depends on: the target as stated, and the linker's version."""
    fields = [
        LINKER_VERSION,
        target.indicator,
        target.value,
        target.unit,
        target.kind,
        target.year,
        target.baseline_year,
        target.qualifier,
    ]
    return hashlib.sha1(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def parsed(target: Target, indicator_name: str | None = None) -> ParsedTarget:
    """The domain's Target for a stored one (optionally named as a chosen indicator)."""
    return ParsedTarget(
        indicator=indicator_name or target.indicator,
        value=target.value,
        unit=target.unit,
        year=target.year,
        kind=target.kind,
        quote=target.quote,
        baseline_year=target.baseline_year,
        qualifier=target.qualifier or None,
        masked=target.masked,
    )


def _apply(link: TargetLink, result: Link) -> None:
    link.indicator = result.indicator.code if result.indicator else ""
    link.method = result.method or ""
    link.score = result.score
    link.value = result.value
    link.unit = result.unit or ""
    link.relative = result.relative
    link.problem = result.problem or ""
    link.notes = "; ".join(result.notes)


def _relink(link: TargetLink, target: Target) -> None:
    if link.status == TargetLink.Status.CHOSEN and link.indicator in load_catalogue():
        chosen = load_catalogue()[link.indicator]
        result = link_target(parsed(target, chosen.name_zh))
        _apply(link, result)
        link.method = "manual"
    elif link.status == TargetLink.Status.UNTRACKED:
        pass
    else:
        result = link_target(parsed(target))
        _apply(link, result)
        link.status = TargetLink.Status.REVIEW if result.needs_review else TargetLink.Status.AUTO
    link.signature = signature(target)


def ensure_links(targets: Iterable[Target]) -> dict[int, TargetLink]:
    """The link of every target, made or renewed where missing or out of date (target id → link)."""
    targets = list(targets)
    links = {link.target_id: link for link in TargetLink.objects.filter(target__in=[t.pk for t in targets])}
    stale = []
    for target in targets:
        link = links.get(target.pk)
        if link is None:
            link = TargetLink(target=target, status=TargetLink.Status.AUTO)
        elif link.signature == signature(target):
            link.target = target
            continue
        _relink(link, target)
        stale.append(link)
        links[target.pk] = link
    for link in stale:
        link._change_reason = "linked automatically"
        try:
            with transaction.atomic():  # a savepoint: another request may have linked the same target just now
                link.save()
        except IntegrityError:
            links[link.target_id] = TargetLink.objects.get(target_id=link.target_id)
    return links


@dataclass
class LinkSummary:
    targets: int
    linked: int
    review: int
    untracked: int


def summarise(links: Iterable[TargetLink]) -> LinkSummary:
    links = list(links)
    return LinkSummary(
        targets=len(links),
        linked=sum(1 for link in links if link.gradable),
        review=sum(1 for link in links if link.status == TargetLink.Status.REVIEW),
        untracked=sum(1 for link in links if link.status == TargetLink.Status.UNTRACKED),
    )


@transaction.atomic
def choose_indicator(link: TargetLink, code: str | None, user: object | None) -> TargetLink:
    """A person's decision for a target: this catalogue indicator, or (code None) not tracked.

    The number is converted to the chosen indicator's unit; when it cannot be, the link keeps the
    indicator and says why in `problem` (the person then corrects the target's unit on the plan page).
    """
    link.chosen_by = user if getattr(user, "is_authenticated", False) else None
    link.chosen_at = timezone.now()
    if code is None:
        link.status = TargetLink.Status.UNTRACKED
        link.indicator = ""
        link.value = None
        link.unit = link.problem = ""
        link.method = "manual"
    else:
        if code not in load_catalogue():
            raise ValueError(f"unknown indicator {code}")
        link.status = TargetLink.Status.CHOSEN
        link.indicator = code
        _relink(link, link.target)
    link.signature = signature(link.target)
    link._change_reason = "chosen by a person"
    link.save()
    return link
