"""Dispatch reports (调度通报) as Word and Excel files, and the period and progress rules behind them.

Plain Python (no Django, no database): builders take the plain snapshot a dispatch report is frozen
as (see `tanda.reports.snapshot`) and return file bytes.
"""

from tanda.reports.excel import build_xlsx
from tanda.reports.periods import Period, PeriodError, containing, parse_period, recent
from tanda.reports.progress import COMPLETED, GRADES, STATUSES, as_of, is_not_updated, is_overdue, summarize
from tanda.reports.snapshot import SCHEMA, SnapshotError
from tanda.reports.word import build_docx

__all__ = [
    "COMPLETED",
    "GRADES",
    "SCHEMA",
    "STATUSES",
    "Period",
    "PeriodError",
    "SnapshotError",
    "as_of",
    "build_docx",
    "build_xlsx",
    "containing",
    "is_not_updated",
    "is_overdue",
    "parse_period",
    "recent",
    "summarize",
]
