"""A year's monthly energy of every unit, computed once per state of the data and kept in memory.

The unit list and the roll-up of a province read every submission of the year (2.4 M rows for
20,000 units). That result depends only on the stored rows and the register, so it is kept per
(year, data version); the version is a few `max(id)` reads that change with every import, form
save, meter posting or register change (each writes an import batch or a history row), so a
page never shows a stale total and a process never serves another process's results.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.db.models import Max

from tanda.enterprises import MonthlyEnergy
from tanda.web.enterprises.models import Enterprise, ImportBatch, Submission

__all__ = ["clear", "data_version", "year_energy"]

_KEPT = 4  # years (or versions) kept; each is about 20 MB for 20,000 units
_lock = threading.Lock()
_kept: OrderedDict[tuple, MonthlyEnergy] = OrderedDict()


def data_version() -> tuple:
    """Changes whenever a submission or a unit of the register changes."""
    return (
        ImportBatch.objects.aggregate(v=Max("pk"))["v"],
        Submission.history.aggregate(v=Max("history_id"))["v"],
        Enterprise.history.aggregate(v=Max("history_id"))["v"],
    )


def year_energy(year: int, compute) -> MonthlyEnergy:
    """`compute()` for the year, or what it gave for the same year and data version."""
    key = (year, data_version())
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    energy = compute()
    with _lock:
        _kept[key] = energy
        while len(_kept) > _KEPT:
            _kept.popitem(last=False)
    return energy


def clear() -> None:
    with _lock:
        _kept.clear()
