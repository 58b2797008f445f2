"""Benchmark: the indicators dashboard on a national-size database, under 20 concurrent clients.

The database: every division of the packaged GB/T 2260 list (31 provinces, 333 cities, 2,850
counties), each with 60 catalogue indicators × 20 years (2005–2024) of observations (≈ 3.9 million
rows) and one published plan of 20 targets linked to those indicators (≈ 64,000 targets). Values
are synthetic (a random walk per region and indicator within the indicator's range); the grading
they get is real.

The server is `tanda serve` (waitress, 8 threads) on 127.0.0.1; a second process runs a bounded
loop of `--clients` threads, each requesting dashboards of random provinces and cities until
`--requests` requests are done in all. Reported: the latency of the first (cold) visit of each
dashboard, and p50/p95/p99/max of the loaded (warm) requests, and throughput.

    python benchmarks/bench_dashboard.py [--home /tmp/tanda-bench] [--clients 20] [--requests 600]

The database is built once in `--home` and reused by later runs (delete the folder to rebuild);
set DATABASE_URL to benchmark PostgreSQL instead of SQLite.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

YEARS = range(2005, 2025)
AS_OF = 2024
N_INDICATORS = 60
TARGETS_PER_PLAN = 20


def populate(home: Path) -> dict[str, int]:
    """Build the national database in `home` (once); returns row counts."""
    os.environ["TANDA_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tanda.web.settings")
    from tanda.web.bootstrap import setup

    setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from tanda.indicators import load_catalogue
    from tanda.regions import divisions
    from tanda.web.indicators import revision
    from tanda.web.indicators.links import signature
    from tanda.web.indicators.models import Observation, TargetLink
    from tanda.web.plans.models import Plan, Target

    if Plan.objects.filter(source_name="bench").exists():
        return {"observations": Observation.objects.count(), "targets": Target.objects.count()}
    rng = random.Random(2024)
    catalogue = [ind for ind in load_catalogue() if not ind.formula][:N_INDICATORS]
    regions = divisions()
    now = timezone.now()
    last: dict[tuple[str, str], float] = {}
    columns = (
        "indicator, region_id, period, year, frequency, value, unit, source, status, entered_unit, created, updated"
    )
    sql = f"INSERT INTO indicators_observation ({columns}) VALUES ({', '.join(['%s'] * 12)})"
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        batch = []
        for region in regions:
            for ind in catalogue:
                hi = ind.max if ind.max is not None else 1000.0
                value = rng.uniform(0.2, 0.6) * hi
                drift = rng.uniform(-0.01, 0.03) * hi
                for year in YEARS:
                    value = min(max(value + drift + rng.gauss(0, 0.01 * hi), ind.min or 0.0), hi)
                    batch.append(
                        (
                            ind.code,
                            region.code,
                            str(year),
                            year,
                            "year",
                            value,
                            ind.unit,
                            "bench",
                            "reported",
                            "",
                            now,
                            now,
                        )
                    )
                last[(region.code, ind.code)] = value
            if len(batch) > 50_000:
                cursor.executemany(sql, batch)
                batch = []
        cursor.executemany(sql, batch)
    print(f"observations: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with transaction.atomic():
        plans = Plan.objects.bulk_create(
            [
                Plan(
                    region_id=r.code,
                    title=f"{r.name}碳达峰实施方案（基准测试）",
                    published=True,
                    source_name="bench",
                    source_file=b"",
                    source_text="",
                    source_sha256=f"bench-{r.code}",
                )
                for r in regions
            ],
            batch_size=2000,
        )
        targets = []
        for i, plan in enumerate(plans):
            for k in range(TARGETS_PER_PLAN):
                ind = catalogue[(i + 3 * k) % len(catalogue)]
                end = last[(plan.region_id, ind.code)]
                value = end * (1.05 if ind.direction == "up" else 0.95)
                if ind.max is not None:
                    value = min(value, ind.max)
                targets.append(
                    Target(
                        plan=plan,
                        order=k,
                        indicator=ind.name_zh,
                        value=round(value, 3),
                        unit=ind.unit,
                        year=2025 if k % 2 else 2030,
                        kind="level",
                        quote=f"{ind.name_zh}达到{value:.3g}",
                    )
                )
        targets = Target.objects.bulk_create(targets, batch_size=5000)
        by_name = {ind.name_zh: ind for ind in catalogue}
        # What the linker makes of a target named exactly as its indicator (method "name"), written in bulk.
        TargetLink.objects.bulk_create(
            [
                TargetLink(
                    target=t,
                    indicator=by_name[t.indicator].code,
                    status="auto",
                    method="name",
                    score=1.0,
                    value=t.value,
                    unit=t.unit,
                    signature=signature(t),
                )
                for t in targets
            ],
            batch_size=5000,
        )
        revision.bump()
    print(f"plans, targets, links: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return {"observations": Observation.objects.count(), "targets": len(targets)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
            status = response.status
    except Exception:
        status = 0
    return time.perf_counter() - start, status


def load_loop(urls: list[str], clients: int, total: int, out: mp.Queue) -> None:
    """The second process: `clients` threads share `total` requests of random dashboards."""
    rng = random.Random(7)
    plan = [rng.choice(urls) for _ in range(total)]
    lock = threading.Lock()
    results: list[tuple[float, int]] = []

    def client() -> None:
        while True:
            with lock:
                if not plan:
                    return
                url = plan.pop()
            result = get(url)
            with lock:
                results.append(result)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put((results, time.perf_counter() - started))


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", default="/tmp/tanda-bench")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--cities", type=int, default=49, help="how many random cities join the 31 provinces")
    args = parser.parse_args()
    home = Path(args.home)
    home.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    counts = populate(home)
    build = time.perf_counter() - started

    from tanda.regions import divisions

    rng = random.Random(1)
    provinces = [d.code for d in divisions() if d.level == "province"]
    cities = rng.sample([d.code for d in divisions() if d.level == "city"], args.cities)
    port = free_port()
    env = {**os.environ, "TANDA_HOME": str(home)}
    server = subprocess.Popen(
        [sys.executable, "-m", "tanda", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            if get(f"{base}/indicators/catalogue/")[1] == 200:
                break
            time.sleep(0.5)
        urls = [f"{base}/indicators/{code}/?as_of={AS_OF}" for code in provinces + cities]
        cold = [get(url) for url in urls]  # first visits: forecasts computed and stored, maps cached
        queue: mp.Queue = mp.Queue()
        worker = mp.Process(target=load_loop, args=(urls, args.clients, args.requests, queue))
        worker.start()
        results, wall = queue.get()
        worker.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    ok = [t for t, status in results if status == 200]
    cold_ok = [t for t, status in cold if status == 200]
    report = {
        "database": os.environ.get("DATABASE_URL", "sqlite").split("@")[-1],
        "regions": len(divisions()),
        "indicators": N_INDICATORS,
        "years": len(YEARS),
        **counts,
        "build_s": round(build, 1),
        "dashboards": {"provinces": len(provinces), "cities": len(cities)},
        "cold_first_visit_s": {
            "median": round(statistics.median(cold_ok), 3),
            "max": round(max(cold_ok), 3),
            "errors": len(cold) - len(cold_ok),
        },
        "loaded": {
            "clients": args.clients,
            "requests": len(results),
            "errors": len(results) - len(ok),
            "p50_s": round(percentile(ok, 50), 3),
            "p95_s": round(percentile(ok, 95), 3),
            "p99_s": round(percentile(ok, 99), 3),
            "max_s": round(max(ok), 3),
            "requests_per_s": round(len(results) / wall, 1),
        },
        "machine": f"{platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}",
    }
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
