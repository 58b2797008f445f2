"""Benchmark: import 2.4 M submission rows (20,000 units × 12 months × 10 fuels), validated and stored.

The file is synthetic (labelled units from `tanda.enterprises.synthetic`, well-formed credit codes)
and written once, not timed. Timed, each on an empty submissions table:

- raw COPY (PostgreSQL only): psycopg streams the same CSV file into a plain six-column table —
  no parsing beyond PostgreSQL's own, no checks, no index: the floor;
- dry run: `import_submissions(..., dry_run=True)` — reading, every check, duplicate detection;
- import: `import_submissions` — the same, plus the canonical quantities, and the store (COPY per
  chunk on PostgreSQL, executemany on SQLite) into the real table with its unique index, in one
  transaction.

Goal (the issue): import ≤ 20 s and ≤ 3 × the raw COPY on PostgreSQL; on SQLite the figure is reported.

    python benchmarks/bench_enterprises.py [--units 20000] [--backend postgresql|sqlite|both]

PostgreSQL: the server at 127.0.0.1:5432 (trust), database `tanda_bench` (dropped and re-created).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgres://postgres@127.0.0.1:5432/tanda_bench"
FUELS = [
    ("原煤", "t", 900.0),
    ("洗精煤", "t", 400.0),
    ("焦炭", "t", 200.0),
    ("天然气", "万立方米", 30.0),
    ("柴油", "t", 20.0),
    ("汽油", "t", 5.0),
    ("燃料油", "t", 8.0),
    ("液化石油气", "t", 2.0),
    ("电力", "万千瓦时", 150.0),
    ("热力", "吉焦", 3000.0),
]


def write_files(folder: Path, count: int) -> tuple[Path, Path]:
    """The units file and the submissions file (credit_code,year,month,fuel,quantity,unit)."""
    from tanda.enterprises import synthetic_units

    units = synthetic_units(count, province="220000", seed=11)
    unit_path = folder / "units.csv"
    pd.DataFrame(
        {
            "credit_code": [u.credit_code for u in units],
            "name": [u.name for u in units],
            "industry": [u.industry for u in units],
            "region": [u.region for u in units],
        }
    ).to_csv(unit_path, index=False)
    rng = np.random.default_rng(3)
    codes = np.repeat(np.array([u.credit_code for u in units], dtype=object), 12 * len(FUELS))
    months = np.tile(np.repeat(np.arange(1, 13), len(FUELS)), count)
    fuel_index = np.tile(np.arange(len(FUELS)), count * 12)
    base = np.array([f[2] for f in FUELS])[fuel_index]
    quantity = np.round(base * rng.lognormal(0.0, 0.5, size=len(codes)), 2)
    sub_path = folder / "submissions.csv"
    pd.DataFrame(
        {
            "credit_code": codes,
            "year": 2024,
            "month": months,
            "fuel": np.array([f[0] for f in FUELS], dtype=object)[fuel_index],
            "quantity": quantity,
            "unit": np.array([f[1] for f in FUELS], dtype=object)[fuel_index],
        }
    ).to_csv(sub_path, index=False)
    return unit_path, sub_path


def raw_copy(path: Path) -> float:
    import psycopg

    with psycopg.connect(PG_BENCH.replace("postgres://", "postgresql://")) as conn:
        conn.execute("DROP TABLE IF EXISTS raw_submissions")
        conn.execute(
            "CREATE TABLE raw_submissions (credit_code text, year int, month int, fuel text, "
            "quantity double precision, unit text)"
        )
        conn.commit()
        start = time.perf_counter()
        statement = "COPY raw_submissions FROM STDIN WITH (FORMAT csv, HEADER true)"
        with conn.cursor() as cur, open(path, "rb") as fh, cur.copy(statement) as copy:
            for block in iter(lambda: fh.read(1 << 20), b""):
                copy.write(block)
        conn.commit()
        elapsed = time.perf_counter() - start
        rows = conn.execute("SELECT count(*) FROM raw_submissions").fetchone()[0]
        conn.execute("DROP TABLE raw_submissions")
        conn.commit()
    assert rows > 0
    return elapsed


def run_backend(backend: str, count: int) -> dict:
    """Runs inside a fresh process whose DATABASE_URL is already set."""
    from django.db import connection

    from tanda.web.bootstrap import setup

    setup()
    from tanda.web.enterprises.models import Submission
    from tanda.web.enterprises.store import import_submissions, register_units

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        unit_path, sub_path = write_files(Path(folder), count)
        written = time.perf_counter() - start
        empty_tables()
        start = time.perf_counter()
        report = register_units(unit_path)
        register_s = time.perf_counter() - start
        assert report.stored, report.to_dict(limit=3)
        out = {
            "backend": backend,
            "units": count,
            "rows": 12 * len(FUELS) * count,
            "file_mib": round(sub_path.stat().st_size / 2**20, 1),
            "write_file_s": round(written, 2),
            "register_units_s": round(register_s, 2),
        }
        if backend == "postgresql":
            out["raw_copy_s"] = round(raw_copy(sub_path), 2)
        start = time.perf_counter()
        dry = import_submissions(sub_path, dry_run=True)
        out["validate_only_s"] = round(time.perf_counter() - start, 2)
        assert dry.ok, dry.to_dict(limit=3)
        start = time.perf_counter()
        report = import_submissions(sub_path)
        out["import_s"] = round(time.perf_counter() - start, 2)
        assert report.stored, report.to_dict(limit=3)
        stored = Submission.objects.count()
        assert stored == out["rows"], (stored, out["rows"])
        if "raw_copy_s" in out:
            out["import_over_raw_copy"] = round(out["import_s"] / out["raw_copy_s"], 2)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT version()")
                out["server"] = cursor.fetchone()[0].split(" on ")[0]
        empty_tables()
    return out


def empty_tables() -> None:
    """Plain SQL: the ORM's delete would load every row to write its history."""
    from django.db import connection, transaction

    from tanda.web.enterprises.models import Enterprise, ImportBatch, Submission

    with transaction.atomic(), connection.cursor() as cursor:
        for model in (Submission, Submission.history.model, ImportBatch, Enterprise.history.model, Enterprise):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--backend", choices=["postgresql", "sqlite", "both"], default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_backend(args.backend, args.units)))
        return
    results = []
    for backend in ["postgresql", "sqlite"] if args.backend == "both" else [args.backend]:
        env = dict(os.environ)
        home = tempfile.mkdtemp(prefix=f"tanda-bench-{backend}-")
        env["TANDA_HOME"] = home
        if backend == "postgresql":
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS tanda_bench")
                conn.execute("CREATE DATABASE tanda_bench")
            env["DATABASE_URL"] = PG_BENCH
        else:
            env.pop("DATABASE_URL", None)
        done = subprocess.run(
            [sys.executable, __file__, "--child", "--backend", backend, "--units", str(args.units)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(done.stderr[-3000:])
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(
        json.dumps(
            {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs", "results": results},
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
