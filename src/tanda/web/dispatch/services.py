"""What other apps ask the dispatch: counts they show elsewhere (the indicators dashboard)."""

from __future__ import annotations

from django.utils import timezone

from tanda.reports import containing
from tanda.web.core.models import Region
from tanda.web.dispatch.board import task_rows


def overdue_task_count(region_code: str) -> int:
    """Tasks of the region's plans past their deadline and not reported completed, as of today."""
    region = Region.objects.filter(code=region_code).first()
    if region is None:
        return 0
    today = timezone.localdate()
    return sum(row.overdue for row in task_rows(region, containing(today, "quarter"), today))
