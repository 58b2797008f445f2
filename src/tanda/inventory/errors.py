"""Errors a user can cause: a bad activity file, a missing factor, a bad override.

An import is all or nothing, so a reader collects every row-level problem before it raises:
the user fixes the file once instead of once per error.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowError:
    """One problem at one place of an input file.

    `row` counts as a spreadsheet shows it (the header is row 1), `column` is the header text
    as written, and `message` says what was found and what was expected.
    """

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class InventoryInputError(ValueError):
    """An activity file that cannot be used; `errors` lists every row-level problem found."""

    MAX_SHOWN = 20

    def __init__(self, source: str, errors: list[RowError]) -> None:
        self.source = source
        self.errors = list(errors)
        shown = "\n".join(f"  {e}" for e in self.errors[: self.MAX_SHOWN])
        more = len(self.errors) - self.MAX_SHOWN
        tail = f"\n  … and {more} more" if more > 0 else ""
        count = f"{len(self.errors)} error{'s' if len(self.errors) != 1 else ''}"
        super().__init__(f"{source}: {count}, nothing was computed\n{shown}{tail}")


class FactorError(ValueError):
    """A factor set that cannot serve a computation (a fuel without a factor, a bad override)."""
