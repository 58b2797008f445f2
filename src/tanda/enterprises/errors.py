"""Errors a user can cause with an enterprise file, and the report an import returns.

Row-level problems reuse the inventory's `RowError` (row as a spreadsheet counts it, the header
being row 1; column as its header is written; a message saying what was found and expected).
A file-level problem — an encoding that is not text, a missing column, a file over the size
limit — is a `RowError` too, with row 1 or no row, so that one list says everything.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from tanda.i18n import _
from tanda.inventory.errors import RowError

__all__ = ["MAX_KEPT_ERRORS", "EnterpriseInputError", "ImportReport", "RowError"]

# Enough to fix any file by; a file with every row wrong would otherwise hold millions in memory.
MAX_KEPT_ERRORS = 100_000


class EnterpriseInputError(ValueError):
    """A file that cannot be read at all (too large, not text, wrong header); nothing was stored."""

    def __init__(self, source: str, errors: list[RowError]) -> None:
        self.source = source
        self.errors = list(errors)
        super().__init__(f"{source}: " + "; ".join(str(e) for e in self.errors[:5]))


@dataclass
class ImportReport:
    """What an import found: rows accepted and rejected, and the row-level errors (the first MAX_KEPT_ERRORS)."""

    source: str = ""
    rows: int = 0  # data rows read (blank lines not counted)
    rejected_rows: set[int] = field(default_factory=set)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    stored: bool = False
    updated: int = 0  # registry rows that changed a unit already registered
    notes: list[str] = field(default_factory=list)
    years: set[int] = field(default_factory=set)  # years of the rows accepted (submission files)

    def add(self, error: RowError) -> None:
        self.error_count += 1
        if error.row is not None:
            self.rejected_rows.add(error.row)
        if len(self.errors) < MAX_KEPT_ERRORS:
            self.errors.append(error)

    @property
    def rejected(self) -> int:
        """Rows with at least one error; a file-level error (no row, or the header) rejects the whole file."""
        data_rows = {r for r in self.rejected_rows if r > 1}
        if self.error_count and (1 in self.rejected_rows or any(e.row is None for e in self.errors)):
            return max(self.rows, len(data_rows), 1)
        return len(data_rows)

    @property
    def accepted(self) -> int:
        return max(self.rows - self.rejected, 0)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def sorted_errors(self) -> list[RowError]:
        return sorted(self.errors, key=lambda e: (e.row or 0, e.column or ""))

    def to_dict(self, limit: int | None = 1000) -> dict[str, Any]:
        """The JSON shape of `tanda enterprise register/import`: accepted, rejected, errors (row, column, message)."""
        shown = self.sorted_errors()
        out: dict[str, Any] = {
            "accepted": self.accepted,
            "rejected": self.rejected,
            "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in shown[:limit]],
            "stored": self.stored,
        }
        if self.updated:
            out["updated"] = self.updated
        if self.error_count > len(out["errors"]):
            out["errors_not_shown"] = self.error_count - len(out["errors"])
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    def error_csv(self) -> str:
        """The row-level error file: row, column, message (UTF-8 with BOM so that Excel opens it)."""
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow(["row", "column", "message"])
        for e in self.sorted_errors():
            writer.writerow([e.row if e.row is not None else "", e.column or "", e.message])
        if self.error_count > len(self.errors):
            more = self.error_count - len(self.errors)
            writer.writerow(["", "", _("… and {count} more errors not listed").format(count=more)])
        return buffer.getvalue()
