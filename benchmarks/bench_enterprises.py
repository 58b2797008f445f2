"""Benchmark: import 2.4 M submission rows (20,000 units × 12 months × 10 fuels), validated and stored.

The file is synthetic (labelled units from `tanda.enterprises.synthetic`, well-formed credit codes)
and written once, not timed. Timed, each on an empty table, `--repeat` times (min and median reported):

- (a) raw COPY, plain table (PostgreSQL only): psycopg streams the same CSV file into a plain
  six-column table of the file's columns — no parsing beyond PostgreSQL's own, no checks, no
  index: the floor of reading the file at all;
- (b) raw COPY, submissions schema (PostgreSQL only): the same rows as tanda stores them (the ten
  stored columns, exported once from the first import, untimed, in key order — the file's order)
  streamed as CSV into a table created `LIKE` the submissions table `INCLUDING ALL` (defaults,
  CHECK constraints, the primary key packing unit, year, month, fuel and direction) plus its
  foreign keys if any: the cost any ingest into that table must pay;
- dry run: `import_submissions(..., dry_run=True)` — reading, every check, duplicate detection;
- import: `import_submissions` — the same, plus the canonical quantities, and the store (COPY per
  chunk on PostgreSQL, executemany on SQLite) into the real table with its unique index, in one
  transaction.

A CHECKPOINT precedes every timed PostgreSQL step, so that none pays for the previous one's writes.

Goal (the issue): import ≤ 20 s and ≤ 3 × the raw COPY on PostgreSQL; on SQLite the figure is reported.

    python benchmarks/bench_enterprises.py [--units 20000] [--backend postgresql|sqlite|both] [--repeat 3]

PostgreSQL: the server at 127.0.0.1:5432 (trust), database `tanda_bench` (dropped and re-created).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
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


def _pg_connect():
    import psycopg

    return psycopg.connect(PG_BENCH.replace("postgres://", "postgresql://"))


def checkpoint() -> None:
    """Flush dirty buffers before a timed step (needs a superuser; skipped otherwise)."""
    import psycopg

    try:
        with _pg_connect() as conn:
            conn.execute("CHECKPOINT")
    except psycopg.Error:
        pass


def _timed_copy(conn, table: str, statement: str, path: Path) -> float:
    checkpoint()
    start = time.perf_counter()
    with conn.cursor() as cur, open(path, "rb") as fh, cur.copy(statement) as copy:
        for block in iter(lambda: fh.read(1 << 20), b""):
            copy.write(block)
    conn.commit()
    elapsed = time.perf_counter() - start
    rows = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    assert rows > 0
    return elapsed


def raw_copy(path: Path) -> float:
    """(a) The submission file, COPY'd into a plain table of its six columns, no index."""
    with _pg_connect() as conn:
        conn.execute("DROP TABLE IF EXISTS raw_submissions")
        conn.execute(
            "CREATE TABLE raw_submissions (credit_code text, year int, month int, fuel text, "
            "quantity double precision, unit text)"
        )
        conn.commit()
        statement = "COPY raw_submissions FROM STDIN WITH (FORMAT csv, HEADER true)"
        elapsed = _timed_copy(conn, "raw_submissions", statement, path)
        conn.execute("DROP TABLE raw_submissions")
        conn.commit()
    return elapsed


def export_stored(path: Path) -> None:
    """The stored rows (tanda's ten columns), as CSV in key order: the input of the (b) baseline."""
    from tanda.web.enterprises.models import Submission
    from tanda.web.enterprises.store import _COLUMNS

    table = Submission._meta.db_table
    query = f"COPY (SELECT {', '.join(_COLUMNS)} FROM {table} ORDER BY key) TO STDOUT WITH (FORMAT csv)"
    with _pg_connect() as conn, conn.cursor() as cur, open(path, "wb") as fh, cur.copy(query) as copy:
        for block in copy:
            fh.write(block)


def raw_copy_indexed(path: Path) -> float:
    """(b) The stored rows, COPY'd into a clone of the submissions table with its indexes and constraints."""
    from tanda.web.enterprises.models import Submission
    from tanda.web.enterprises.store import _COLUMNS

    table = Submission._meta.db_table
    with _pg_connect() as conn:
        conn.execute("DROP TABLE IF EXISTS raw_submissions_indexed")
        conn.execute(f"CREATE TABLE raw_submissions_indexed (LIKE {table} INCLUDING ALL)")
        foreign = conn.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [table],
        ).fetchall()
        for name, definition in foreign:
            conn.execute(f"ALTER TABLE raw_submissions_indexed ADD CONSTRAINT bench_{name} {definition}")
        indexes = conn.execute(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'raw_submissions_indexed'"
        ).fetchone()[0]
        assert indexes >= 1, indexes  # the primary key: (unit, year, month, fuel, direction) packed
        conn.commit()
        statement = f"COPY raw_submissions_indexed ({', '.join(_COLUMNS)}) FROM STDIN WITH (FORMAT csv)"
        elapsed = _timed_copy(conn, "raw_submissions_indexed", statement, path)
        conn.execute("DROP TABLE raw_submissions_indexed")
        conn.commit()
    return elapsed


def _stats(times: list[float]) -> dict:
    return {
        "min": round(min(times), 2),
        "median": round(statistics.median(times), 2),
        "all": [round(t, 2) for t in times],
    }


def run_backend(backend: str, count: int, repeat: int) -> dict:
    """Runs inside a fresh process whose DATABASE_URL is already set."""
    from django.db import connection

    from tanda.web.bootstrap import setup

    setup()
    from tanda.web.enterprises.models import Submission
    from tanda.web.enterprises.store import import_submissions, register_units

    pg = backend == "postgresql"
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        unit_path, sub_path = write_files(Path(folder), count)
        written = time.perf_counter() - start
        stored_path = Path(folder) / "stored.csv"
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
            "repeat": repeat,
        }
        times: dict[str, list[float]] = {
            "raw_copy_plain_s": [],
            "raw_copy_indexed_s": [],
            "validate_only_s": [],
            "import_s": [],
        }
        for _ in range(repeat):
            if pg:
                times["raw_copy_plain_s"].append(raw_copy(sub_path))
                checkpoint()
            start = time.perf_counter()
            dry = import_submissions(sub_path, dry_run=True)
            times["validate_only_s"].append(time.perf_counter() - start)
            assert dry.ok, dry.to_dict(limit=3)
            if pg:
                checkpoint()
            start = time.perf_counter()
            report = import_submissions(sub_path)
            times["import_s"].append(time.perf_counter() - start)
            assert report.stored, report.to_dict(limit=3)
            stored = Submission.objects.count()
            assert stored == out["rows"], (stored, out["rows"])
            if pg and not stored_path.exists():
                export_stored(stored_path)
            empty_submissions()
            if pg:
                times["raw_copy_indexed_s"].append(raw_copy_indexed(stored_path))
        for key, values in times.items():
            if values:
                out[key] = _stats(values)
        if pg:
            for base in ("raw_copy_plain_s", "raw_copy_indexed_s"):
                name = base.removeprefix("raw_copy_").removesuffix("_s")
                out[f"import_over_{name}"] = {
                    "min": round(min(times["import_s"]) / min(times[base]), 2),
                    "median": round(statistics.median(times["import_s"]) / statistics.median(times[base]), 2),
                }
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT version()")
                out["server"] = cursor.fetchone()[0].split(" on ")[0]
        empty_tables()
    return out


def _empty(models, truncate=()) -> None:
    """Plain SQL: the ORM's delete would load every row to write its history. `truncate` (PostgreSQL):
    tables emptied with TRUNCATE instead, so that no dead rows or bloated index slow the next repetition."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            if connection.vendor == "postgresql" and model in truncate:
                cursor.execute(f"TRUNCATE {table}")
            else:
                cursor.execute(f"DELETE FROM {table}")


def empty_submissions() -> None:
    from tanda.web.enterprises.models import ImportBatch, Submission

    rows = [Submission, Submission.history.model]
    _empty([*rows, ImportBatch], truncate=rows)


def empty_tables() -> None:
    from tanda.web.enterprises.models import Enterprise, ImportBatch, Submission

    _empty([Submission, Submission.history.model, ImportBatch, Enterprise.history.model, Enterprise])


def report_lines(machine: str, results: list[dict]) -> list[str]:
    """The headline, side by side: each timing as min / median over the repetitions."""

    def fmt(stat: dict) -> str:
        return f"min {stat['min']:6.2f} s  median {stat['median']:6.2f} s"

    lines = [f"machine: {machine}"]
    for r in results:
        lines.append(
            f"[{r['backend']}] {r['rows']:,} rows, {r['file_mib']} MiB, {r['repeat']} repetitions"
            + (f", {r['server']}" if "server" in r else "")
        )
        if "raw_copy_plain_s" in r:
            lines.append(f"  (a) raw COPY, plain table, no indexes:          {fmt(r['raw_copy_plain_s'])}")
            lines.append(f"  (b) raw COPY, submissions schema + indexes:     {fmt(r['raw_copy_indexed_s'])}")
        lines.append(f"  dry run (validate only):                        {fmt(r['validate_only_s'])}")
        lines.append(f"  tanda import (validate + store):                {fmt(r['import_s'])}")
        for name, label in (("plain", "(a)"), ("indexed", "(b)")):
            ratio = r.get(f"import_over_{name}")
            if ratio:
                lines.append(f"  import / {label}:  min/min {ratio['min']:.2f}x  median/median {ratio['median']:.2f}x")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--backend", choices=["postgresql", "sqlite", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_backend(args.backend, args.units, args.repeat)))
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
            [
                sys.executable,
                __file__,
                "--child",
                "--backend",
                backend,
                "--units",
                str(args.units),
                "--repeat",
                str(args.repeat),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(done.stderr[-3000:])
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs"
    print(json.dumps({"machine": machine, "results": results}, ensure_ascii=False, indent=2))
    print("\n".join(report_lines(machine, results)))


if __name__ == "__main__":
    main()
