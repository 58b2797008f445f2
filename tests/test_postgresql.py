"""Run the database tests again on the PostgreSQL server: the suite covers both backends.

This test fails (it never skips) when the server is not reachable, so CI cannot pass without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg

POSTGRES_URL = os.environ.get("TANDA_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
TESTS = Path(__file__).resolve().parent


def test_database_tests_pass_on_postgresql(tmp_path):
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return  # this run already is the PostgreSQL run
    try:
        psycopg.connect(POSTGRES_URL.replace("postgres://", "postgresql://"), connect_timeout=5).close()
    except psycopg.OperationalError as exc:
        raise AssertionError(f"PostgreSQL at {POSTGRES_URL} is not reachable: {exc}") from exc
    env = {**os.environ, "DATABASE_URL": POSTGRES_URL, "TANDA_HOME": str(tmp_path)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(TESTS / "web"),
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not browser",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    tail = (result.stdout + result.stderr)[-4000:]
    assert result.returncode == 0, f"database tests failed on PostgreSQL:\n{tail}"
    assert " passed" in result.stdout.splitlines()[-1], tail
