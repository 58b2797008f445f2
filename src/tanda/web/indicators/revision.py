"""The data revision that cached summaries are keyed by, bumped by every change a grade reads.

Signals rather than calls at each write: targets and plans are changed by the plans app, which does
not know about this cache. A bump is one UPDATE; bulk writes that bypass signals (the benchmark's
loader) call `bump()` themselves.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from tanda.web.indicators.models import DataRevision, Observation, TargetLink
from tanda.web.plans.models import Plan, Target


def current() -> int:
    row = DataRevision.objects.filter(pk=1).values_list("counter", flat=True).first()
    return row or 0


def bump(**_: object) -> None:
    def apply() -> None:
        if not DataRevision.objects.filter(pk=1).update(counter=F("counter") + 1):
            DataRevision.objects.get_or_create(pk=1, defaults={"counter": 1})

    apply()
    transaction.on_commit(apply)  # a reader that cached during the transaction sees a new key after it


def connect() -> None:
    for model in (Observation, TargetLink, Target, Plan):
        post_save.connect(bump, sender=model, dispatch_uid=f"indicators-revision-save-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"indicators-revision-delete-{model.__name__}")
