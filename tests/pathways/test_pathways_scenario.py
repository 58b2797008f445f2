"""Scenario documents: inheritance, and bad input named by its field before anything runs."""

from __future__ import annotations

import json

import pytest
import yaml
from pathway_samples import ONE_SECTOR, TWO_SECTORS, doc

from tanda.pathways import PathwayInputError, compile_model, load_scenario, validate
from tanda.pathways.scenario import merge


def _error(document) -> PathwayInputError:
    with pytest.raises(PathwayInputError) as info:
        validate(document)
    return info.value


def test_unknown_sector_is_named():
    bad = doc(TWO_SECTORS, drivers={"energy_intensity": {"steel": [{"from": 2021, "to": 2030, "pct": -2}]}})
    err = _error(bad)
    assert err.field == "drivers.energy_intensity.steel"
    assert "unknown sector 'steel'" in str(err) and "industry" in str(err)


def test_unknown_fuel_is_named_in_base_and_in_shift():
    base = doc(ONE_SECTOR)
    base["base"]["sectors"]["industry"]["energy"] = {"Coal": 100}
    err = _error(base)
    assert err.field == "base.sectors.industry.energy" and "unknown fuel 'Coal'" in str(err)
    shift = doc(
        ONE_SECTOR,
        drivers={
            "fuel_shifts": [
                {"id": "x", "from": "coal", "to": "Hydrogen", "fraction_pct": 10, "start": 2021, "end": 2030}
            ]
        },
    )
    err = _error(shift)
    assert err.field == "drivers.fuel_shifts[0].to" and "unknown fuel 'Hydrogen'" in str(err)


def test_unit_that_does_not_fit_is_named():
    bad = doc(ONE_SECTOR, drivers={"grid_factor": {"unit": "kWh", "path": {2025: 0.5}}})
    err = _error(bad)
    assert err.field == "drivers.grid_factor.unit"
    assert "does not fit" in str(err) and "kgCO2/kWh" in str(err)
    base = doc(ONE_SECTOR)
    base["base"]["gdp"]["unit"] = "Mt"
    assert _error(base).field == "base.gdp.unit"


def test_share_above_100_is_named():
    err = _error(doc(ONE_SECTOR, drivers={"non_fossil_share": {2030: 120}}))
    assert err.field == "drivers.non_fossil_share[2030]" and "less than or equal to 100" in str(err)
    structure = doc(TWO_SECTORS)
    structure["base"]["industry_structure"] = {"primary": 10, "secondary": 60, "tertiary": 50}
    err = _error(structure)
    assert err.field == "base.industry_structure" and "sum to 120" in str(err)


def test_negative_gdp_is_named():
    bad = doc(ONE_SECTOR)
    bad["base"]["gdp"]["value"] = -5
    err = _error(bad)
    assert err.field == "base.gdp.value" and "GDP must be positive" in str(err)


def test_path_that_ends_before_it_starts_is_named():
    err = _error(doc(ONE_SECTOR, drivers={"gdp_growth": [{"from": 2030, "to": 2025, "pct": 5}]}))
    assert err.field == "drivers.gdp_growth[0]" and "ends in 2025 before it starts in 2030" in str(err)
    err = _error(doc(ONE_SECTOR, end_year=2015))
    assert err.field == "end_year"


def test_all_problems_are_reported_together():
    bad = doc(
        TWO_SECTORS,
        drivers={
            "energy_intensity": {"steel": [{"from": 2021, "to": 2030, "pct": -2}]},
            "process": {"glass": [{"from": 2021, "to": 2030, "pct": 1}]},
        },
    )
    err = _error(bad)
    fields = [f for f, _ in err.problems]
    assert "drivers.energy_intensity.steel" in fields and "drivers.process.glass" in fields


def test_nothing_runs_on_bad_input(tmp_path, monkeypatch):
    import tanda.pathways.engine as engine

    calls = []
    monkeypatch.setattr(engine, "project", lambda *a, **k: calls.append(a))
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(doc(ONE_SECTOR, drivers={"non_fossil_share": {2030: 120}})), encoding="utf-8")
    with pytest.raises(PathwayInputError):
        load_scenario(path)
    assert calls == []


def test_inheritance_merges_parent_and_child(tmp_path):
    (tmp_path / "parent.yaml").write_text(yaml.safe_dump(TWO_SECTORS), encoding="utf-8")
    child = {
        "name": "child",
        "parent": "parent",
        "drivers": {
            "gdp_growth": [{"from": 2021, "to": 2060, "pct": 2}],
            "energy_intensity": {"homes": [{"from": 2021, "to": 2060, "pct": -1}]},
        },
        "measures": [{"id": "efficiency", "start": 2030, "drivers": {}}, {"id": "new", "start": 2040, "drivers": {}}],
    }
    (tmp_path / "child.json").write_text(json.dumps(child), encoding="utf-8")
    s = load_scenario(tmp_path / "child.json")
    assert s.name == "child" and s.parent == "parent"
    assert [p.pct for p in s.drivers.gdp_growth] == [2]  # a list replaces the parent's
    assert set(s.drivers.energy_intensity) == {"*", "homes"}  # a mapping merges
    assert [m.id for m in s.measures] == ["efficiency", "more-gas", "new"]  # measures merge by id
    assert s.measures[0].start == 2030
    assert s.drivers.non_fossil_share == {2030: 20, 2060: 60}  # inherited unchanged


def test_inheritance_loop_is_named(tmp_path):
    (tmp_path / "a.yaml").write_text("name: a\nparent: b\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("name: b\nparent: a\n", encoding="utf-8")
    with pytest.raises(PathwayInputError, match="parent: inheritance loops"):
        load_scenario(tmp_path / "a.yaml")


def test_packaged_jilin_chain():
    policy = load_scenario("jilin-policy")
    enhanced = load_scenario("jilin-enhanced")
    assert policy.parent == "jilin-baseline" and enhanced.parent == "jilin-policy"
    assert enhanced.base == policy.base
    ids = [m.id for m in enhanced.measures]
    assert ids[: len(policy.measures)] == [m.id for m in policy.measures]
    nf = {m.id: m for m in enhanced.measures}["non-fossil-expansion"].drivers.non_fossil_share
    assert nf[2030] == 25.0  # the child's version of a parent measure replaces it


def test_merge_rules():
    assert merge({"a": 1, "b": {"c": 1, "d": 2}}, {"b": {"d": 3}}) == {"a": 1, "b": {"c": 1, "d": 3}}
    assert merge([1, 2], [3]) == [3]
    assert merge(
        {"targets": [{"indicator": "x", "year": 2025, "value": 1}]},
        {"targets": [{"indicator": "x", "year": 2025, "value": 2}]},
    ) == {"targets": [{"indicator": "x", "year": 2025, "value": 2}]}


def test_reference_year_without_history_is_named():
    bad = doc(
        TWO_SECTORS, targets=[{"indicator": "co2_intensity_change", "year": 2030, "reference_year": 2010, "value": -50}]
    )
    with pytest.raises(PathwayInputError, match=r"targets\[0\]\.reference_year: no history"):
        compile_model(validate(bad))
