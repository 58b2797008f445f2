"""`tanda pathway …` prints the documented JSON; bad input exits 2 with the field named."""

from __future__ import annotations

import json

import pytest
import yaml
from pathway_samples import ONE_SECTOR, TWO_SECTORS, doc

from tanda.cli import main
from tanda.pathways import load_scenario, sharecode


def _json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_run_prints_documented_json(tmp_path, capsys):
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(TWO_SECTORS), encoding="utf-8")
    iamc = tmp_path / "out.csv"
    data = _json(capsys, ["pathway", "run", str(path), "--format", "json", "--iamc", str(iamc)])
    for key in ("peak_year", "peak_tco2", "years", "total_tco2", "targets"):
        assert key in data
    assert data["years"][0] == 2020 and data["years"][-1] == 2060
    assert len(data["total_tco2"]) == len(data["years"])
    assert data["peak_tco2"] == max(data["total_tco2"])
    for t in data["targets"]:
        assert {"indicator", "year", "value", "projected", "met"} <= set(t)
    assert iamc.read_text(encoding="utf-8").startswith("model,scenario,region,variable,unit,year,value\n")
    assert sharecode.decode(data["code"]).name == "two-sectors"


def test_run_accepts_packaged_name_and_code(capsys):
    by_name = _json(capsys, ["pathway", "run", "jilin-policy"])
    code = _json(capsys, ["pathway", "code", "jilin-policy"])["code"]
    by_code = _json(capsys, ["pathway", "run", code])
    assert by_name["total_tco2"] == by_code["total_tco2"] and by_name["peak_year"] == by_code["peak_year"]


def test_montecarlo_prints_probability_and_quantiles(tmp_path, capsys):
    argv = ["pathway", "montecarlo", "jilin-baseline", "--members", "400", "--seed", "3"]
    first = _json(capsys, argv)
    assert 0.0 <= first["p_peak_by_2030"] <= 1.0
    assert set(first["peak_year_quantiles"]) == {"p05", "p25", "p50", "p75", "p95"}
    assert _json(capsys, argv) == first


def test_peak_prints_decision(tmp_path, capsys):
    assert main(["pathway", "history", "jilin"]) == 0
    series = tmp_path / "jilin.csv"
    series.write_text(capsys.readouterr().out, encoding="utf-8")
    data = _json(capsys, ["pathway", "peak", str(series)])
    assert {"peaked", "peak_year", "peak_value", "latest_year", "below_peak_pct", "reason"} <= set(data)
    assert data["peaked"] is True and data["peak_year"] == 2011 and round(data["below_peak_pct"]) == 13


def test_lmdi_prints_effects(tmp_path, capsys):
    assert main(["pathway", "history", "jilin", "--series", "kaya"]) == 0
    table = tmp_path / "kaya.csv"
    table.write_text(capsys.readouterr().out, encoding="utf-8")
    data = _json(capsys, ["pathway", "lmdi", str(table), "--from", "2005", "--to", "2019"])
    assert set(data["effects"]) == {"population", "affluence", "energy_intensity", "carbon_intensity"}
    assert sum(data["effects"].values()) == pytest.approx(data["delta"], rel=1e-12)


def test_decompose_two_scenarios_sums_to_difference(capsys):
    data = _json(capsys, ["pathway", "decompose", "jilin-baseline", "jilin-policy", "--from", "2030", "--to", "2030"])
    assert sum(data["effects"].values()) == pytest.approx(data["delta"], rel=1e-9)
    assert data["delta"] < 0


def test_bad_scenario_exits_2_naming_the_field(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(doc(ONE_SECTOR, drivers={"non_fossil_share": {2030: 150}})), encoding="utf-8")
    assert main(["pathway", "run", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "drivers.non_fossil_share[2030]" in captured.err


def test_lmdi_missing_year_is_named(tmp_path, capsys):
    table = tmp_path / "k.csv"
    table.write_text("year,population,gdp,energy,co2\n2005,1,2,3,4\n2010,1,2,,4\n", encoding="utf-8")
    assert main(["pathway", "lmdi", str(table), "--from", "2005", "--to", "2010"]) == 2
    assert "2010.energy: missing" in capsys.readouterr().err


def test_list_names_the_packaged_scenarios(capsys):
    names = _json(capsys, ["pathway", "list"])
    assert names == ["jilin-baseline", "jilin-enhanced", "jilin-policy"]
    assert all(load_scenario(n).name == n for n in names)


def test_run_several_on_a_local_cluster_equals_single_process(capsys):
    names = ["jilin-baseline", "jilin-policy", "jilin-enhanced"]
    spread = _json(capsys, ["pathway", "run", *names, "--workers", "1"])
    single = _json(capsys, ["pathway", "run", *names])
    assert [d["scenario"] for d in spread] == names
    assert spread == single


def test_not_peaked_is_null(tmp_path, capsys):
    path = tmp_path / "rising.yaml"
    rising = doc(ONE_SECTOR, drivers={"gdp_growth": [{"from": 2021, "to": 2060, "pct": 5}]})
    path.write_text(yaml.safe_dump(rising), encoding="utf-8")
    data = _json(capsys, ["pathway", "run", str(path)])
    assert data["peak_year"] is None and data["peak_tco2"] is None and data["max_year"] == 2060
