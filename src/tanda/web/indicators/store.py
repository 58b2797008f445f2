"""Observed values in: from the form, an Excel/CSV import or the API, checked whole, then stored whole.

The domain's `check_observations` catches what is wrong with a row by itself (indicator, period,
value, unit, impossible value, duplicate period, status). This module adds what needs the database
and the user: the region (a known code or name, and one the user may report for) and values
already stored for the same indicator, region and period. An already stored value is changed
only when the caller says `replace` (the change is kept in the value's history); otherwise the
row is an error naming the stored value. Nothing is stored unless every row is valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import transaction

from tanda.indicators import Observation as Checked
from tanda.indicators import ObservationError, RowError, check_observations
from tanda.indicators.units import tidy
from tanda.regions import division
from tanda.web.core.models import Region
from tanda.web.indicators.access import can_report
from tanda.web.indicators.models import Observation

Action = Literal["new", "change", "same"]


@dataclass
class PlannedRow:
    """A valid row and what saving it will do."""

    obs: Checked
    region: str
    action: Action
    entered_value: Any
    entered_unit: str
    old: Observation | None = None


@dataclass
class CheckResult:
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action == action)


_REGION_NAMES: dict[str, str] | None = None


def resolve_region(text: str) -> str | None:
    """A region code from a code (220000) or an exact name (吉林省, 长春市 when unique)."""
    global _REGION_NAMES
    text = (text or "").strip()
    if re.fullmatch(r"\d{6}", text):
        try:
            return division(text).code
        except KeyError:
            return None
    if _REGION_NAMES is None:
        from tanda.regions import divisions

        names: dict[str, str] = {}
        for d in divisions():
            names[d.name] = "" if d.name in names else d.code  # "" marks a name two regions share
        _REGION_NAMES = names
    return _REGION_NAMES.get(text) or None


def _status(value: Any) -> Any:
    labels = {"已报送": "reported", "已核实": "verified", "报送": "reported", "核实": "verified"}
    return labels.get(str(value).strip(), value) if value is not None else value


def check_rows(
    rows: Iterable[Mapping[str, Any]],
    *,
    user: Any,
    region: str | None = None,
    replace: bool = False,
    first_row: int = 1,
    trusted: bool = False,
) -> CheckResult:
    """Every row checked: errors naming row and field, or the plan of what saving will do."""
    rows = [dict(r) for r in rows]
    errors: list[RowError] = []
    for number, row in enumerate(rows, start=first_row):
        given = str(row.get("region") or "").strip()
        code = resolve_region(given) if given else region
        if given and code is None:
            errors.append(
                RowError(number, "region", f"unknown region '{given}'; expected a GB/T 2260 code such as 220000")
            )
        elif code is None:
            errors.append(RowError(number, "region", "missing; expected a region code such as 220000"))
        elif not trusted and not can_report(user, code):
            errors.append(RowError(number, "region", f"you may not report values for {division(code).name} ({code})"))
        row["region"] = code or given
        row["status"] = _status(row.get("status"))
    valid, domain_errors = check_observations(rows, first_row=first_row)
    errors.extend(domain_errors)
    bad_rows = {e.row for e in errors}
    valid = [v for v in valid if v.row not in bad_rows]
    existing = _existing(valid)
    result = CheckResult(errors=errors)
    for obs in valid:
        raw = rows[obs.row - first_row]
        old = existing.get((obs.indicator, obs.region, obs.period))
        action: Action = "new"
        if old is not None:
            same = tidy(old.value) == tidy(obs.value) and old.status == obs.status
            action = "same" if same else "change"
            if action == "change" and not replace:
                field_name = "period" if str(raw.get("period") or "").strip() else "year"
                result.errors.append(
                    RowError(
                        obs.row,
                        field_name,
                        f"{obs.indicator} {obs.region} {obs.period} is already stored as {old.value:g} {old.unit} "
                        f"({old.get_status_display()}, source: {old.source or '—'}); "
                        "choose 'replace stored values' to change it",
                    )
                )
                continue
        result.rows.append(
            PlannedRow(obs, obs.region or "", action, raw.get("value"), str(raw.get("unit") or "").strip(), old)
        )
    result.errors.sort(key=lambda e: (e.row, e.field))
    return result


def _existing(valid: list[Checked]) -> dict[tuple[str, str | None, str], Observation]:
    if not valid:
        return {}
    found = Observation.objects.filter(
        region_id__in={v.region for v in valid},
        indicator__in={v.indicator for v in valid},
        period__in={v.period for v in valid},
    )
    return {(o.indicator, o.region_id, o.period): o for o in found}


def _frequency(period: str) -> str:
    if "Q" in period:
        return Observation.Frequency.QUARTER
    if "-" in period:
        return Observation.Frequency.MONTH
    return Observation.Frequency.YEAR


@transaction.atomic
def save_rows(result: CheckResult, *, user: Any, source: str = "", reason: str = "") -> dict[str, int]:
    """Store every planned row, or (when any row is invalid) nothing at all: ObservationError."""
    if not result.ok:
        raise ObservationError(result.errors)
    reporter = user if getattr(user, "is_authenticated", False) else None
    counts = {"new": 0, "change": 0, "same": 0}
    for row in result.rows:
        counts[row.action] += 1
        if row.action == "same":
            continue
        obs = row.old or Observation(indicator=row.obs.indicator, region_id=row.region, period=row.obs.period)
        obs.year = row.obs.year
        obs.frequency = _frequency(row.obs.period)
        obs.value = row.obs.value
        obs.unit = row.obs.unit
        obs.entered_value = _float_or_none(row.entered_value)
        obs.entered_unit = row.entered_unit
        obs.source = row.obs.source or source
        obs.status = row.obs.status
        obs.reported_by = reporter
        if reason:
            obs._change_reason = reason
        obs.save()
    return counts


def _float_or_none(value: Any) -> float | None:
    try:
        return float(str(value).replace(",", ""))
    except (TypeError, ValueError):
        return None


def store_observations(
    rows: Iterable[Mapping[str, Any]],
    *,
    user: Any,
    region: str | None = None,
    replace: bool = False,
    first_row: int = 1,
    source: str = "",
    reason: str = "",
    trusted: bool = False,
) -> dict[str, int]:
    """Check and store in one call: all rows, or ObservationError and nothing.

    `trusted` skips the check of the user's right to report for each region: for loads the
    installation itself makes (the demo, a command run by the operator), never for a request.
    """
    result = check_rows(rows, user=user, region=region, replace=replace, first_row=first_row, trusted=trusted)
    return save_rows(result, user=user, source=source, reason=reason)


def region_exists(code: str) -> bool:
    return Region.objects.filter(pk=code).exists()
