"""Dispatch periods (调度周期): a year, a quarter or a month, written 2024, 2024Q4 or 2024-11.

A period knows its first and last day, so that reports of different kinds (a monthly and a
quarterly one) can be ordered by when they end, and "the current period" of a date is defined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Kind = Literal["year", "quarter", "month"]

_PATTERN = re.compile(r"^\s*(\d{4})(?:\s*(?:Q|q)([1-4])|-(\d{1,2})|M(\d{1,2}))?\s*$")
QUARTER_ZH = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
EXPECTED = "expected YYYY, YYYYQn (n = 1–4) or YYYY-MM, e.g. 2024, 2024Q4, 2024-11"


class PeriodError(ValueError):
    """A period that cannot be read; the message says what was expected."""


@dataclass(frozen=True, order=True)
class Period:
    """One dispatch period, ordered by its end (then start: of periods ending together, the longest first)."""

    end: date
    start: date
    kind: Kind
    code: str

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def label(self) -> str:
        """How a dispatch report names it: 2024年第四季度, 2024年11月, 2024年."""
        if self.kind == "year":
            return f"{self.year}年"
        if self.kind == "quarter":
            return f"{self.year}年{QUARTER_ZH[(self.start.month - 1) // 3 + 1]}"
        return f"{self.year}年{self.start.month}月"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        return containing(self.start - timedelta(days=1), self.kind)

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "kind": self.kind,
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }


def _month_end(year: int, month: int) -> date:
    return (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)


def year(y: int) -> Period:
    return Period(date(y, 12, 31), date(y, 1, 1), "year", f"{y}")


def quarter(y: int, q: int) -> Period:
    if not 1 <= q <= 4:
        raise PeriodError(f"quarter {q}: {EXPECTED}")
    first = 3 * (q - 1) + 1
    return Period(_month_end(y, first + 2), date(y, first, 1), "quarter", f"{y}Q{q}")


def month(y: int, m: int) -> Period:
    if not 1 <= m <= 12:
        raise PeriodError(f"month {m}: {EXPECTED}")
    return Period(_month_end(y, m), date(y, m, 1), "month", f"{y}-{m:02d}")


def parse_period(text: str) -> Period:
    """'2024Q4' → the fourth quarter of 2024; raises PeriodError naming what was expected."""
    match = _PATTERN.match(text or "")
    if not match:
        raise PeriodError(f"{text!r}: {EXPECTED}")
    y = int(match[1])
    if not 1900 <= y <= 2100:
        raise PeriodError(f"{text!r}: year {y} is out of range (1900–2100)")
    if match[2]:
        return quarter(y, int(match[2]))
    m = match[3] or match[4]
    if m:
        if not 1 <= int(m) <= 12:
            raise PeriodError(f"{text!r}: month {int(m)} is not 1–12; {EXPECTED}")
        return month(y, int(m))
    return year(y)


def containing(day: date, kind: Kind = "quarter") -> Period:
    """The period of the given kind that contains the day."""
    if kind == "year":
        return year(day.year)
    if kind == "month":
        return month(day.year, day.month)
    return quarter(day.year, (day.month - 1) // 3 + 1)


def recent(day: date, count: int = 4) -> list[Period]:
    """The quarter, month and year containing `day`, and earlier ones: what a report form suggests."""
    found: list[Period] = []
    for kind in ("quarter", "month", "year"):
        p = containing(day, kind)
        for _ in range(count if kind != "year" else 2):
            found.append(p)
            p = p.previous()
    return found
