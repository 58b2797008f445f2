"""The packaged Jilin scenarios against their stored outputs.

A change of the engine, the data or a scenario file that moves any of these numbers fails here;
if the move is intended, regenerate with `TANDA_UPDATE_EXPECTED=1 pytest tests/pathways/test_pathways_regression.py`
and commit the new files with the change that explains them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tanda.pathways import compile_model, load_scenario, montecarlo, run

EXPECTED = Path(__file__).parent / "expected"
NAMES = ["jilin-baseline", "jilin-policy", "jilin-enhanced"]


def _outputs(name: str) -> dict:
    scenario = load_scenario(name)
    data = run(scenario).to_dict()
    keep = [
        "scenario",
        "digest",
        "peak_year",
        "peak_tco2",
        "max_year",
        "plateau_end",
        "years",
        "total_tco2",
        "energy_tce",
        "coal_tce",
        "non_fossil_share_pct",
        "targets",
        "wedges",
    ]
    out = {k: data[k] for k in keep}
    model = compile_model(scenario)
    summary = montecarlo.summary(model, montecarlo.run(scenario, model, 2000, seed=1), seed=1)
    out["montecarlo_2000_seed_1"] = {k: summary[k] for k in ("p_peak_by_2030", "peak_year_quantiles", "targets")}
    return out


def _close(actual, expected, path="") -> None:
    if isinstance(expected, dict):
        assert set(actual) == set(expected), path
        for k in expected:
            _close(actual[k], expected[k], f"{path}.{k}")
    elif isinstance(expected, list):
        assert len(actual) == len(expected), path
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            _close(a, e, f"{path}[{i}]")
    elif isinstance(expected, float) and not isinstance(expected, bool):
        assert actual == pytest.approx(expected, rel=1e-9, abs=1e-6), path
    else:
        assert actual == expected, path


@pytest.mark.parametrize("name", NAMES)
def test_saved_scenario_matches_stored_outputs(name):
    actual = json.loads(json.dumps(_outputs(name)))
    path = EXPECTED / f"{name}.json"
    if os.environ.get("TANDA_UPDATE_EXPECTED"):
        EXPECTED.mkdir(exist_ok=True)
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    _close(actual, expected)
