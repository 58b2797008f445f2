"""Checking observed indicator values before anything stores them.

An observation is one value of one indicator for one region and period, as a department reports
it (a spreadsheet row, a form, an API call). Mistakes a person can make are caught here, each as a
`RowError` that names the row, the field and what was expected:

- an indicator that is neither a catalogue code nor one of its names;
- a period that is not a year (2023), a quarter (2023Q2) or a month (2023-06);
- a value that is missing or not a number;
- a unit that is missing, unreadable or of the wrong kind (万吨 for a capacity in 万千瓦);
  a unit of the right kind is converted (1.2万个 → 12000 个);
- an impossible value, after conversion: outside the indicator's `min`/`max` in the catalogue
  (a share above 100 %, a negative capacity);
- the same indicator, region and period twice;
- a status other than reported or verified.

`validate_observations` is all or nothing, as DESIGN.md asks of imports: it returns the clean
observations only if every row is valid, and otherwise raises with every error at once.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tanda.indicators.catalogue import Catalogue, load_catalogue
from tanda.indicators.units import UnitError, convert

STATUSES = ("reported", "verified")
_PERIOD = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})月?|年(\d{1,2})月|年?\s*Q([1-4])|年?第?([一二三四1-4])季度|年)?$")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True)
class Observation:
    indicator: str  # catalogue code
    year: int
    period: str  # "2023", "2023Q2" or "2023-06"
    value: float  # in `unit`, the catalogue unit of the indicator
    unit: str
    region: str | None = None
    source: str = ""
    status: str = "reported"
    row: int = 0


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.field}: {self.message}"


class ObservationError(ValueError):
    """Some rows are invalid; `errors` lists every one of them."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def _text(value: Any) -> str:
    return "" if value is None else unicodedata.normalize("NFKC", str(value)).strip()


def parse_period(value: Any) -> tuple[int, str]:
    """(year, canonical period) from 2023, '2023', '2023年', '2023Q2', '2023年第二季度', '2023-06'."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        value = str(int(value))
    match = _PERIOD.match(_text(value))
    if not match:
        raise ValueError(f"'{value}' is not a year (2023), a quarter (2023Q2) or a month (2023-06)")
    year = int(match.group(1))
    if not 1949 <= year <= 2100:
        raise ValueError(f"year {year} is out of range (1949–2100)")
    month, quarter = match.group(2) or match.group(3), match.group(4) or match.group(5)
    if month:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"month {month} does not exist")
        return year, f"{year}-{int(month):02d}"
    if quarter:
        return year, f"{year}Q{_QUARTERS.get(quarter, quarter)}"
    return year, str(year)


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("expected a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _text(value).replace(",", "")
        if not text:
            raise ValueError("missing; expected a number")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"'{value}' is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"'{value}' is not a finite number")
    return number


def check_observations(
    rows: Iterable[Mapping[str, Any]], catalogue: Catalogue | None = None, *, first_row: int = 1
) -> tuple[list[Observation], list[RowError]]:
    """The valid observations and the errors, row by row (for a preview that shows both).

    Rows are numbered from `first_row` (1 = the first data row; pass 2 when row 1 of a sheet is
    its header, so that messages name the row a person sees). A row gives `indicator`, `year` or
    `period`, `value`, `unit`, and optionally `region`, `source`, `status`.
    """
    catalogue = catalogue or load_catalogue()
    valid: list[Observation] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, str | None, str], int] = {}
    for number, row in enumerate(rows, start=first_row):
        row_errors: list[RowError] = []

        def err(field: str, message: str, _row: int = number, _errors: list[RowError] = row_errors) -> None:
            _errors.append(RowError(_row, field, message))

        name = _text(row.get("indicator"))
        ind = catalogue.resolve(name) if name else None
        if not name:
            err("indicator", "missing; expected a catalogue code or indicator name")
        elif ind is None:
            err("indicator", f"unknown indicator '{name}'; expected a catalogue code or indicator name")

        period_field = "period" if _text(row.get("period")) else "year"
        year = period = None
        try:
            year, period = parse_period(row.get(period_field))
        except ValueError as exc:
            err(period_field, str(exc) if _text(row.get(period_field)) else "missing; expected a year such as 2023")

        value = None
        try:
            value = _number(row.get("value"))
        except ValueError as exc:
            err("value", str(exc))

        unit = _text(row.get("unit"))
        if ind is not None and value is not None:
            if not unit and ind.unit:
                err("unit", f"missing; expected {ind.unit} or a unit convertible to it")
            else:
                try:
                    value = convert(value, unit, ind.unit)
                except UnitError as exc:
                    err("unit", f"{exc}; {ind.name_zh} is measured in {ind.unit}")
                    value = None
            if value is not None and ind.min is not None and value < ind.min:
                err("value", f"{value:g} {ind.unit} is impossible for {ind.name_zh}: it cannot be below {ind.min:g}")
            elif value is not None and ind.max is not None and value > ind.max:
                err("value", f"{value:g} {ind.unit} is impossible for {ind.name_zh}: it cannot exceed {ind.max:g}")

        status = _text(row.get("status")) or "reported"
        if status not in STATUSES:
            err("status", f"'{status}' is not one of {', '.join(STATUSES)}")

        region = _text(row.get("region")) or None
        if ind is not None and period is not None:
            key = (ind.code, region, period)
            if key in seen:
                where = f"{ind.code} {region} {period}" if region else f"{ind.code} {period}"
                err(period_field, f"duplicate of row {seen[key]}: {where} is given twice")
            else:
                seen[key] = number

        errors.extend(row_errors)
        if not row_errors and ind is not None and year is not None and period is not None and value is not None:
            valid.append(
                Observation(
                    indicator=ind.code,
                    year=year,
                    period=period,
                    value=value,
                    unit=ind.unit,
                    region=region,
                    source=_text(row.get("source")),
                    status=status,
                    row=number,
                )
            )
    return valid, errors


def validate_observations(
    rows: Iterable[Mapping[str, Any]], catalogue: Catalogue | None = None, *, first_row: int = 1
) -> list[Observation]:
    """Every row as a clean observation, or `ObservationError` listing every invalid row and field."""
    valid, errors = check_observations(rows, catalogue, first_row=first_row)
    if errors:
        raise ObservationError(errors)
    return valid
