"""Benchmark: all 290 CEADs cities × 23 years × 47 sectors × 17 fuels computed from activity data.

The activity is built, not measured: every city-year gets Jilin's 2011 fuel × sector pattern of
fuel burned (CEADs CO2 / the CEADs-style factor), scaled to the city's published CEADs total
(its nearest published year when a year is missing), and every one of the 5,329,330 cells is a row.
So the computed totals can be checked against the published city totals, and the sizes are real.

Timed, on the same rows held in memory (building them is not timed):

- tanda: `compute_batch` with the CEADs-style set — kg CO2 per cell (rounded once), the fuel ×
  sector cube, energy in tce by category, electricity and heat trade, process and sinks — and the
  totals by fuel, by sector and per city-year taken from it;
- DuckDB: one SQL query over the same rows in a DuckDB table — kg per cell, energy tce, totals by
  (cell), (fuel), (sector), (city-year) — written two ways (GROUPING SETS, UNION ALL of one
  materialised CTE), the faster counting; materialised as a DuckDB table (compute only) and,
  separately, also fetched into numpy (what a Python caller gets).

Both results are checked cell by cell before any time is printed.

    pip install -e '.[bench]'
    python benchmarks/bench_inventory.py [--repeat 5] [--threads N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from tanda.inventory import Activity, ceads_fuels, ceads_sectors, compute_batch, load_factor_set
from tanda.inventory.activity import COLUMNS

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
YEARS = list(range(1997, 2020))


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def city_totals() -> pd.DataFrame:
    """Published CEADs city totals (Mt) for every city × year, gaps filled from the nearest published year."""
    cities = pd.read_csv(SHARED / "ceads_290cities_emission_vector_1997_2019.csv")
    wide = cities.pivot_table(index="city", columns="year", values="emission").reindex(columns=YEARS)
    return wide.ffill(axis=1).bfill(axis=1)


def activity_rows(factors) -> tuple[Activity, pd.DataFrame]:
    matrix = pd.read_csv(SHARED / "ceads_jilin_liaoning_sectoral_1997_2019.csv")
    jilin = matrix[(matrix.province == "Jilin") & (matrix.year == 2011) & (matrix.sector != "Total Consumption")]
    fuels = [f for name, f in ceads_fuels().items() if name != "Process"]
    names = [name for name in ceads_fuels() if name != "Process"]
    sectors = [s.id for s in ceads_sectors()]
    co2 = jilin.set_index("sector").loc[[s.name_en for s in ceads_sectors()], names].to_numpy()  # Mt, 47 × 17
    ef = factors.ef_array(fuels)  # t CO2 per unit
    pattern = co2 / co2.sum() * 1e6 / ef[None, :]  # units burned per Mt of city total
    totals = city_totals()
    n_cities, n_years = totals.shape
    scale = totals.to_numpy().reshape(-1)  # Mt per (city, year)
    quantity = (scale[:, None, None] * pattern[None, :, :]).reshape(-1)

    n_cells = len(sectors) * len(fuels)
    groups = n_cities * n_years
    frame = pd.DataFrame(
        {
            "region": pd.Categorical.from_codes(
                np.repeat(np.arange(n_cities), n_years * n_cells), categories=totals.index
            ),
            "year": np.tile(np.repeat(np.array(YEARS, dtype=np.int64), n_cells), n_cities),
            "flow": pd.Categorical.from_codes(np.zeros(groups * n_cells, dtype=np.int8), categories=["combustion"]),
            "sector": pd.Categorical.from_codes(
                np.tile(np.repeat(np.arange(len(sectors)), len(fuels)), groups), categories=sectors
            ),
            "fuel": pd.Categorical.from_codes(np.tile(np.arange(len(fuels)), groups * len(sectors)), categories=fuels),
            "quantity": quantity,
            "row": np.zeros(groups * n_cells, dtype=np.int64),
            "source": pd.Categorical.from_codes(np.zeros(groups * n_cells, dtype=np.int8), categories=["bench"]),
        },
        columns=COLUMNS,
    )
    return Activity(frame), totals


_CELLS = """
    SELECT a.region, a.year, a.sector, a.fuel,
           round(a.quantity * f.ef * 1000)::BIGINT AS kg,
           a.quantity * f.tce AS tce
    FROM activity a JOIN factors f USING (fuel)
    WHERE a.flow = 'combustion'
"""

# Two ways to write the one query; the faster one is DuckDB's time.
QUERIES = {
    "grouping_sets": f"""
CREATE OR REPLACE TEMP TABLE result AS
WITH cells AS ({_CELLS})
SELECT region, year, sector, fuel, sum(kg)::BIGINT AS kg, sum(tce) AS tce
FROM cells
GROUP BY GROUPING SETS ((region, year, sector, fuel), (region, year, fuel), (region, year, sector), (region, year))
""",
    "union_all": f"""
CREATE OR REPLACE TEMP TABLE result AS
WITH cells AS MATERIALIZED ({_CELLS})
SELECT region, year, sector, fuel, kg, tce FROM cells
UNION ALL SELECT region, year, NULL, fuel, sum(kg)::BIGINT, sum(tce) FROM cells GROUP BY region, year, fuel
UNION ALL SELECT region, year, sector, NULL, sum(kg)::BIGINT, sum(tce) FROM cells GROUP BY region, year, sector
UNION ALL SELECT region, year, NULL, NULL, sum(kg)::BIGINT, sum(tce) FROM cells GROUP BY region, year
""",
}


def tanda_run(activity: Activity, factors) -> tuple[np.ndarray, ...]:
    """What the DuckDB query returns: cells, totals by fuel, by sector and per city-year (and energy)."""
    batch = compute_batch(activity, factors)
    return batch.cube_kg, batch.by_fuel_kg(), batch.by_sector_kg(), batch.total_kg(), batch.fossil_tce


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="DuckDB threads")
    args = parser.parse_args()

    import duckdb

    factors = load_factor_set("ceads")
    activity, totals = activity_rows(factors)
    frame = activity.frame
    n_rows = len(frame)

    batch = compute_batch(activity, factors)
    # Check: the computed city-year totals are the published ones (the activity was built from them).
    computed_mt = batch.total_kg() / 1e9
    published_mt = totals.to_numpy().reshape(-1)
    order = [totals.index.get_loc(r) * len(YEARS) + YEARS.index(y) for r, y in batch.keys]
    assert np.allclose(computed_mt, published_mt[order], rtol=1e-6), "totals differ from the published ones"

    con = duckdb.connect()
    con.execute(f"SET threads = {args.threads}")
    con.register("activity_df", frame.astype({"region": str, "sector": str, "fuel": str, "flow": str, "source": str}))
    con.execute("CREATE TABLE activity AS SELECT * FROM activity_df")
    con.unregister("activity_df")
    fuels = list(frame["fuel"].cat.categories)
    con.register(
        "factors_df", pd.DataFrame({"fuel": fuels, "ef": factors.ef_array(fuels), "tce": factors.tce_array(fuels)})
    )
    con.execute("CREATE TABLE factors AS SELECT * FROM factors_df")
    for sql in QUERIES.values():
        con.execute(sql)

    # Check: DuckDB's cells, fuel totals and city-year totals equal tanda's, to the kilogram.
    cells = con.execute(
        "SELECT region, year, sector, fuel, kg FROM result WHERE sector IS NOT NULL AND fuel IS NOT NULL"
    ).df()
    sector_index = {s: i for i, s in enumerate(batch.sectors)}
    fuel_index = {f: i for i, f in enumerate(batch.fuels)}
    key_index = {k: i for i, k in enumerate(batch.keys)}
    g = np.array([key_index[(r, int(y))] for r, y in zip(cells.region, cells.year, strict=True)])
    s = cells.sector.map(sector_index).to_numpy()
    f = cells.fuel.map(fuel_index).to_numpy()
    assert len(cells) == n_rows
    assert np.array_equal(batch.cube_kg[g, s, f], cells.kg.to_numpy()), "cells differ"
    group_totals = con.execute("SELECT region, year, kg FROM result WHERE sector IS NULL AND fuel IS NULL").df()
    g2 = np.array([key_index[(r, int(y))] for r, y in zip(group_totals.region, group_totals.year, strict=True)])
    assert np.array_equal(batch.total_kg()[g2], group_totals.kg.to_numpy()), "totals differ"

    t_tanda = best_of(lambda: tanda_run(activity, factors), args.repeat)
    t_queries = {name: best_of(lambda sql=sql: con.execute(sql), args.repeat) for name, sql in QUERIES.items()}
    fastest = min(t_queries, key=t_queries.get)
    t_duck = t_queries[fastest]
    t_duck_fetch = best_of(
        lambda: (con.execute(QUERIES[fastest]), con.execute("SELECT * FROM result").fetchnumpy()), args.repeat
    )

    report = {
        "rows": n_rows,
        "city_years": len(batch.keys),
        "tanda_s": round(t_tanda, 4),
        "duckdb_query_s": round(t_duck, 4),
        "duckdb_query_variants_s": {k: round(v, 4) for k, v in t_queries.items()},
        "duckdb_query_and_fetch_s": round(t_duck_fetch, 4),
        "ratio_tanda_to_duckdb": round(t_tanda / t_duck, 3),
        "ratio_tanda_to_duckdb_with_fetch": round(t_tanda / t_duck_fetch, 3),
        "goal": "tanda <= 1 s and ratio <= 1",
        "duckdb_threads": args.threads,
        "tanda_threads": 1,
        "cpu_count": os.cpu_count(),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "duckdb": duckdb.__version__,
        "repeat": args.repeat,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
