"""Benchmark: the unit list and the roll-up over a province's 20,000 units and 2.4 M submission rows.

The units and submissions are the import benchmark's (`bench_enterprises.write_files`), imported
once (untimed) into a fresh database. Timed with Django's test client, signed in as an admin, in
one process: the first visit after the import (every submission of the year is read and turned
into monthly energy and flags), then `--repeat` further visits (the year's result is kept per data
version), for the province-wide list, a later page, one prefecture's list and the roll-up.

    python benchmarks/bench_enterprise_pages.py [--units 20000] [--backend postgresql|sqlite] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_enterprises import PG_ADMIN, PG_BENCH, write_files

PAGES = {
    "unit list, province": "/enterprises/?year=2024",
    "unit list, page 3": "/enterprises/?year=2024&page=3",
    "unit list, one prefecture": "/enterprises/?year=2024&region=220100",
    "roll-up": "/enterprises/rollup/?year=2024",
}


def run(units: int, repeat: int) -> dict:
    from tanda.web.bootstrap import setup

    setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from tanda.web.enterprises.store import import_submissions, register_units

    with tempfile.TemporaryDirectory() as folder:
        unit_path, sub_path = write_files(Path(folder), units)
        assert register_units(unit_path).stored
        assert import_submissions(sub_path).stored
    admin = get_user_model().objects.create_superuser("bench-admin", password="x")
    client = Client()
    client.force_login(admin)
    out = {}
    for name, url in PAGES.items():
        times = []
        for _ in range(repeat + 1):
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        out[name] = {"first": round(times[0], 2), "again_median": round(statistics.median(times[1:]), 2)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--backend", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.units, args.repeat)))
        return
    env = {**os.environ, "TANDA_HOME": tempfile.mkdtemp(prefix="tanda-bench-pages-")}
    if args.backend == "postgresql":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS tanda_bench")
            conn.execute("CREATE DATABASE tanda_bench")
        env["DATABASE_URL"] = PG_BENCH
    else:
        env.pop("DATABASE_URL", None)
    command = [sys.executable, __file__, "--child", "--units", str(args.units), "--repeat", str(args.repeat)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"[{args.backend}] {args.units:,} units, {args.units * 120:,} submission rows")
    for name, t in result.items():
        print(
            f"  {name:28s} first visit {t['first']:6.2f} s   again (median of {args.repeat}) {t['again_median']:6.2f} s"
        )


if __name__ == "__main__":
    main()
