"""What every subcommand prints the same way: JSON and errors."""

from __future__ import annotations

import json
import sys


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def fail(message: str) -> int:
    """Print a user error to stderr and return the exit code for it."""
    print(f"tanda: error: {message}", file=sys.stderr)
    return 2
