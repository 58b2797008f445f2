"""What every subcommand prints the same way: JSON and errors."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=_iso))


def _iso(value: object) -> str:
    """Dates and times as ISO 8601 text, as the JSON API writes them."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def fail(message: str) -> int:
    """Print a user error to stderr and return the exit code for it."""
    print(f"tanda: error: {message}", file=sys.stderr)
    return 2
