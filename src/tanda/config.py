"""Where tanda keeps its data: TANDA_HOME (default ~/.tanda) and the database URL."""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """The data directory, created on first use."""
    path = Path(os.environ.get("TANDA_HOME") or Path.home() / ".tanda").expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    """DATABASE_URL when set (PostgreSQL for multi-user use), else a SQLite file in TANDA_HOME."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{home() / 'tanda.sqlite3'}"
