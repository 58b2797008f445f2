"""Which plans a user sees, and the region filter of the plan list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from tanda.web.core.models import Region
from tanda.web.core.permissions import can_read_unpublished
from tanda.web.plans.models import Plan

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


def visible_plans(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Plan]:
    """Published plans for everyone, all plans for signed-in users; never loads the source file."""
    plans = Plan.objects.select_related("region", "parent").defer("source_file", "source_text")
    return plans if can_read_unpublished(user) else plans.filter(published=True)


def with_counts(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    return plans.annotate(
        target_count=Count("targets", distinct=True),
        task_count=Count("tasks", distinct=True),
    )


def region_and_descendants(code: str) -> set[str]:
    """The region and every region below it, following the parent links (a province's cities …)."""
    found = {code}
    frontier = {code}
    while frontier:
        frontier = set(Region.objects.filter(parent__in=frontier).values_list("code", flat=True)) - found
        found |= frontier
    return found


def filter_regions(plans: QuerySet[Plan]) -> list[Region]:
    """Regions the region filter offers: those with a visible plan, and the regions above them."""
    codes = set(plans.values_list("region_id", flat=True))
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
    missing = {r.parent_id for r in regions.values() if r.parent_id} - regions.keys()
    while missing:
        parents = {r.code: r for r in Region.objects.filter(code__in=missing)}
        regions.update(parents)
        missing = {r.parent_id for r in parents.values() if r.parent_id} - regions.keys()
    return sorted(regions.values(), key=lambda r: r.code)
