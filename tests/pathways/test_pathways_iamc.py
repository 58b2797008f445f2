"""IAMC export: the long format pyam reads, consistent with the run."""

from __future__ import annotations

import csv
from collections import defaultdict

import numpy as np
import pytest

from tanda.pathways import iamc, load_scenario, run


def test_iamc_csv(tmp_path):
    results = [run(load_scenario("jilin-baseline")), run(load_scenario("jilin-policy"))]
    out = tmp_path / "jilin.csv"
    n = iamc.write_csv(results, out)
    with out.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == iamc.COLUMNS
        rows = list(reader)
    assert len(rows) == n
    assert {r["scenario"] for r in rows} == {"jilin-baseline", "jilin-policy"}
    assert {r["region"] for r in rows} == {"220000"}
    values: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    for r in rows:
        values[(r["scenario"], r["variable"])][int(r["year"])] = float(r["value"])
    total = values[("jilin-policy", "Emissions|CO2")]
    assert total[2019] == pytest.approx(203.66, abs=0.005)
    expected = results[1].projection.total_co2[0] / 1e6
    assert np.allclose([total[y] for y in range(2019, 2061)], expected)
    sectors = [v for (s, var), v in values.items() if s == "jilin-policy" and var.startswith("Emissions|CO2|Energy|")]
    assert len(sectors) == 16
    energy = values[("jilin-policy", "Emissions|CO2|Energy")]
    for year in (2019, 2030, 2060):
        assert sum(s[year] for s in sectors) == pytest.approx(energy[year], rel=1e-9)
    primary = values[("jilin-policy", "Primary Energy")]
    parts = [values[("jilin-policy", f"Primary Energy|{p}")] for p in ("Coal", "Oil", "Gas", "Non-Fossil")]
    assert sum(p[2040] for p in parts) == pytest.approx(primary[2040], rel=1e-9)
