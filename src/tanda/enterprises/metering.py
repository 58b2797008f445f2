"""Readings from metering systems (15-minute or hourly) → monthly quantities.

A metering system posts interval readings: the start of each interval, the quantity used in it,
the fuel, the unit and the direction. A reading belongs to the month in which its interval starts,
in China Standard Time (a reading starting at 23:45 on 31 January counts in January). Starts must
sit on the interval grid (:00, :15, :30, :45 for 15 minutes), and one batch may not hold the same
interval twice, so that a re-sent batch can be recognised and not counted twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from tanda.enterprises.errors import RowError
from tanda.enterprises.submissions import ENERGY_CATEGORIES
from tanda.i18n import _
from tanda.inventory.activity import to_canonical
from tanda.inventory.fuels import resolve_fuel
from tanda.units import UnitError

__all__ = ["CHINA", "INTERVALS", "MonthTotal", "Reading", "ValidReading", "aggregate_readings", "validate_readings"]

CHINA = timezone(timedelta(hours=8), "CST")
INTERVALS = (15, 60)


@dataclass(frozen=True)
class Reading:
    start: datetime
    quantity: float
    fuel: str
    unit: str
    direction: str = "in"


@dataclass(frozen=True)
class ValidReading:
    start: datetime  # aware, China Standard Time
    fuel: str  # inventory id
    direction: str
    canonical: float


@dataclass(frozen=True)
class MonthTotal:
    year: int
    month: int
    fuel: str
    direction: str
    canonical: float
    readings: int


def validate_readings(readings: Iterable[Reading], interval: int) -> tuple[list[ValidReading], list[RowError]]:
    """Check every reading (row = its position, from 1); all or nothing is the caller's rule."""
    errors: list[RowError] = []
    out: list[ValidReading] = []
    if interval not in INTERVALS:
        return [], [RowError(None, "interval", _("{interval} minutes; expected 15 or 60").format(interval=interval))]
    seen: dict[tuple, int] = {}
    for n, r in enumerate(readings, start=1):
        item = resolve_fuel(r.fuel)
        if item is None or item.category not in ENERGY_CATEGORIES:
            errors.append(RowError(n, "fuel", _("{fuel!r} is not an energy carrier tanda knows").format(fuel=r.fuel)))
            continue
        if r.direction not in ("in", "out"):
            errors.append(
                RowError(n, "direction", _("{direction!r}; expected in or out").format(direction=r.direction))
            )
            continue
        if r.quantity is None or r.quantity < 0:
            errors.append(
                RowError(n, "quantity", _("{quantity!r}; expected a quantity ≥ 0").format(quantity=r.quantity))
            )
            continue
        start = r.start if r.start.tzinfo else r.start.replace(tzinfo=CHINA)
        local = start.astimezone(CHINA)
        if local.second or local.microsecond or local.minute % interval:
            errors.append(
                RowError(
                    n,
                    "start",
                    _("{start} is not on the {interval}-minute grid of the interval").format(
                        start=local.isoformat(), interval=interval
                    ),
                )
            )
            continue
        try:
            canonical = to_canonical(item, float(r.quantity), r.unit)
        except UnitError as exc:
            errors.append(RowError(n, "unit", str(exc)))
            continue
        key = (local, item.id, r.direction)
        if key in seen:
            errors.append(
                RowError(
                    n,
                    "start",
                    _("the interval {start} is given twice (also reading {other})").format(
                        start=local.isoformat(), other=seen[key]
                    ),
                )
            )
            continue
        seen[key] = n
        out.append(ValidReading(local, item.id, r.direction, canonical))
    return out, errors


def aggregate_readings(readings: Iterable[ValidReading]) -> list[MonthTotal]:
    """Sum validated readings into calendar months (China Standard Time)."""
    totals: dict[tuple[int, int, str, str], list[float]] = {}
    for r in readings:
        key = (r.start.year, r.start.month, r.fuel, r.direction)
        slot = totals.setdefault(key, [0.0, 0])
        slot[0] += r.canonical
        slot[1] += 1
    return [MonthTotal(y, m, f, d, q, int(c)) for (y, m, f, d), (q, c) in sorted(totals.items())]
