"""The review demo: where to see 梅河口 (004) reviewed against 吉林省 (001), and one allocation.

The plans demo has stored the seed plans with 004's parent set to 001. This adds the allocation of
001's 2025 charging-pile target (1.2万个) equally among Jilin's cities and 梅河口, so that the page
shows each child's own plan beside its share. Idempotent.
"""

from __future__ import annotations

from django.db import transaction

from tanda.web.plans.models import Plan
from tanda.web.review.models import Allocation, AllocationShare
from tanda.web.review.services import default_child_regions, review_stored

PARENT_TITLE = "吉林省碳达峰实施方案"
CHILD_TITLE = "梅河口市碳达峰实施方案"


@transaction.atomic
def load_demo() -> list[str]:
    parent = Plan.objects.filter(title=PARENT_TITLE, region_id="220000").first()
    child = Plan.objects.filter(title=CHILD_TITLE, parent=parent).first() if parent else None
    if parent is None or child is None:
        return ["review: seed plans 001/004 not found — demo skipped"]
    review = review_stored(child, parent).review
    counts = ", ".join(f"{n} {v}" for v, n in review.counts().items())
    lines = [
        f"review: 梅河口 against 吉林省: {len(review.items)} provincial targets classified ({counts})",
        f"review: page /review/{child.pk}/{parent.pk}/ — Word opinion /review/{child.pk}/{parent.pk}/opinion.docx",
    ]
    target = parent.targets.filter(indicator__contains="充电桩", year=2025).first()
    if target is not None:
        allocation = Allocation.objects.filter(target=target).first()
        if allocation is None:
            allocation = Allocation.objects.create(
                target=target,
                method=Allocation.Method.EQUAL,
                aggregation=Allocation.Aggregation.SUM,
                note="演示：平均分解到各市（州）和梅河口市",
            )
            AllocationShare.objects.bulk_create(
                [AllocationShare(allocation=allocation, region=r) for r in default_child_regions(parent)]
            )
        lines.append(
            f"review: allocation of {target.indicator} ({target.year}) at /review/allocations/{allocation.pk}/"
        )
    return lines
