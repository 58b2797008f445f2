"""`tanda indicator …` prints what the issue documents."""

import json
from pathlib import Path

import pytest

from tanda.cli import main

GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold"


def run_json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_grade_prints_the_documented_json(capsys):
    data = run_json(
        capsys,
        "indicator", "grade", "--kind", "level", "--direction", "up",
        "--baseline", "2020:15.9", "--target", "2025:17.7",
        "--observed", "2021:16.1,2022:16.4,2023:16.6", "--format", "json",
    )  # fmt: skip
    assert {"grade", "progress", "required_pace", "actual_pace", "forecast", "p_meet"} <= data.keys()
    assert data["grade"] == "yellow"  # rising, but 0.233/yr against 0.36/yr required
    assert data["required_pace"] == pytest.approx(0.36)
    assert data["actual_pace"] == pytest.approx(0.7 / 3, rel=1e-4)
    assert data["progress"] == pytest.approx(0.7 / 1.8 * 100, rel=1e-4)
    assert data["forecast"]["year"] == 2025 and data["forecast"]["interval"] == 0.8
    assert data["forecast"]["lower"] < data["forecast"]["value"] < data["forecast"]["upper"]
    assert 0 <= data["p_meet"] <= 1
    assert [p["year"] for p in data["path"]] == list(range(2020, 2026))


def test_grade_a_falling_reduction_with_about(capsys):
    data = run_json(
        capsys,
        "indicator", "grade", "--kind", "reduction", "--direction", "down", "--qualifier", "左右",
        "--baseline", "2020:100", "--target", "2025:8.5", "--observed", "2021:101", "--no-forecast",
        "--format", "json",
    )  # fmt: skip
    assert data["grade"] == "red" and data["warning_level"] == "一级预警"
    assert data["goal"]["threshold"] == pytest.approx(100 * (1 - 0.085 * 0.98))
    assert data["pace_unit"] == "%/year" and data["forecast"] is None and data["p_meet"] is None


def test_grade_takes_the_direction_from_the_catalogue(capsys):
    data = run_json(
        capsys,
        "indicator", "grade", "--kind", "level", "--indicator", "煤炭消费比重",
        "--baseline", "2020:62", "--target", "2025:55", "--observed", "2021:61.9", "--no-forecast", "--format", "json",
    )  # fmt: skip
    assert data["direction"] == "down" and data["grade"] == "yellow"


def test_grade_table_and_errors(capsys):
    assert main(["indicator", "grade", "--kind", "cap", "--direction", "down", "--baseline", "2020:8000",
                 "--target", "2025:9000", "--observed", "2021:9100", "--no-forecast"]) == 0  # fmt: skip
    assert capsys.readouterr().out.startswith("red (一级预警): the cap is broken")
    assert main(["indicator", "grade", "--kind", "level", "--baseline", "2020", "--target", "2025:1",
                 "--observed", "2021:1"]) == 2  # fmt: skip
    assert "--baseline '2020': expected YEAR:VALUE" in capsys.readouterr().err
    assert main(["indicator", "grade", "--kind", "level", "--baseline", "2020:1", "--target", "2025:2",
                 "--observed", "2019:1"]) == 2  # fmt: skip
    assert "no observation after 2020" in capsys.readouterr().err


def test_list_and_link(capsys):
    catalogue = run_json(capsys, "indicator", "list", "--format", "json")
    assert (
        len(catalogue) >= 40 and {"code", "name_zh", "name_en", "unit", "direction", "formula"} <= catalogue[0].keys()
    )
    report = run_json(capsys, "indicator", "link", str(GOLD / "001_62a1f5ed089911f9.targets.json"), "--format", "json")
    piles = next(link for link in report["links"] if link["indicator_name"] == "充电桩数量")
    assert (piles["code"], piles["value"], piles["unit"]) == ("charging_piles", 12000.0, "个")
    assert report["review"]  # the borderline non-targets (碳达峰 without a number) are listed for review


def test_check_observations_csv(tmp_path, capsys):
    good = tmp_path / "ok.csv"
    good.write_text("indicator,year,value,unit\n充电桩,2022,1.2,万个\nforest_cover,2022,45,%\n", encoding="utf-8")
    assert main(["indicator", "check", str(good), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"valid": 2, "errors": []}
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,year,value,unit\nforest_cover,2022,45,%\nforest_cover,2022,145,%\n", encoding="utf-8")
    assert main(["indicator", "check", str(bad)]) == 2
    out = capsys.readouterr().out
    assert "row 3, value: 145 % is impossible for 森林覆盖率" in out  # row 1 of the file is the header
    assert "row 3, year: duplicate of row 2" in out
