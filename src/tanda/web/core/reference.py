"""Keep the database's reference tables in step with the packaged reference data."""

from __future__ import annotations

from django.db import transaction

from tanda.regions import divisions
from tanda.web.core.models import Region


@transaction.atomic
def sync_regions() -> int:
    """Insert or update every packaged division; returns how many rows changed."""
    existing = {r.code: r for r in Region.objects.all()}
    changed = 0
    for d in divisions():  # parents come before children
        row = existing.get(d.code)
        if row is None:
            Region.objects.create(code=d.code, name=d.name, level=d.level, parent_id=d.parent)
            changed += 1
        elif (row.name, row.level, row.parent_id) != (d.name, d.level, d.parent):
            row.name, row.level, row.parent_id = d.name, d.level, d.parent
            row.save(update_fields=["name", "level", "parent"])
            changed += 1
    return changed
