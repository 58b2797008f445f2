"""Store metering readings and keep each month's submission equal to the sum of its readings.

A batch is all or nothing: readings are validated by the domain, an interval already stored is an
error (a re-sent batch must not count twice), and a month already reported by a file or the form
is not overwritten by readings. After storing, each touched month is re-summed from all of its
readings, so the submission always equals what the meters said.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Sum

from tanda.enterprises import Reading, RowError, aggregate_readings, validate_readings
from tanda.enterprises.metering import MonthTotal
from tanda.enterprises.submissions import key_of
from tanda.inventory.fuels import fuel as fuel_of
from tanda.web.enterprises.models import Enterprise, ImportBatch, MeterReading, Submission


def store_readings(
    enterprise: Enterprise, readings: Iterable[Reading], interval: int, user=None
) -> tuple[list[MonthTotal], list[RowError]]:
    """(the touched months' totals after storing, errors); nothing is stored when there are errors."""
    valid, errors = validate_readings(list(readings), interval)
    if errors:
        return [], errors
    if not valid:
        return [], [RowError(None, "readings", "no readings")]
    with transaction.atomic():
        stored = set(
            MeterReading.objects.filter(enterprise=enterprise, start__in=[r.start for r in valid]).values_list(
                "start", "fuel", "direction"
            )
        )
        for n, r in enumerate(valid, start=1):
            if (r.start, r.fuel, r.direction) in stored:
                errors.append(RowError(n, "start", f"{r.start.isoformat()} {r.fuel} is already stored"))
        months = aggregate_readings(valid)
        for m in months:
            other = Submission.objects.at(enterprise.pk, m.year, m.month, m.fuel, m.direction).exclude(
                source=Submission.Source.METER
            )
            if other.exists():
                errors.append(
                    RowError(
                        None,
                        "readings",
                        f"{m.year}-{m.month:02d} {fuel_of(m.fuel).name_zh} is already reported by file or form; "
                        "meter readings do not overwrite it",
                    )
                )
        if errors:
            return [], errors
        MeterReading.objects.bulk_create(
            MeterReading(
                enterprise=enterprise,
                start=r.start,
                interval=interval,
                fuel=r.fuel,
                direction=r.direction,
                canonical=r.canonical,
            )
            for r in valid
        )
        batch = ImportBatch.objects.create(
            kind=ImportBatch.Kind.METER,
            source_name=f"meter {enterprise.credit_code}",
            rows=len(valid),
            created_by=user if user is not None and user.is_authenticated else None,
        )
        totals = []
        for m in months:
            month_rows = MeterReading.objects.filter(
                enterprise=enterprise,
                fuel=m.fuel,
                direction=m.direction,
                start__year=m.year,
                start__month=m.month,
            ).aggregate(total=Sum("canonical"), n=Count("id"))
            total = float(month_rows["total"] or 0.0)
            unit = fuel_of(m.fuel).unit
            Submission.objects.update_or_create(
                key=key_of(enterprise.pk, m.year, m.month, m.fuel, m.direction),
                defaults={
                    "enterprise": enterprise,
                    "year": m.year,
                    "month": m.month,
                    "fuel": m.fuel,
                    "direction": m.direction,
                    "quantity": total,
                    "unit": unit,
                    "canonical": total,
                    "source": Submission.Source.METER,
                    "batch": batch,
                },
            )
            totals.append(MonthTotal(m.year, m.month, m.fuel, m.direction, total, int(month_rows["n"])))
        if not enterprise.online_monitoring:
            enterprise.online_monitoring = True
            enterprise.save(update_fields=["online_monitoring"])
    return totals, []
