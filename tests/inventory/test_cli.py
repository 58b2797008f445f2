"""`tanda inventory compute FILE [--factors NAME] --format json|table|xlsx`."""

import json

import pytest
from openpyxl import load_workbook

from tanda.cli import main

CSV = (
    "region,year,sector,fuel,quantity,unit\n"
    "示范县,2022,Urban,原煤,1,万吨\n"
    "示范县,2022,Smelting and Pressing of Ferrous Metals,焦炭,2,万吨\n"
    "示范县,2022,,水泥,10,万吨\n"
    "示范县,2022,调入,电力,1,亿千瓦时\n"
)


@pytest.fixture
def activity_file(tmp_path):
    path = tmp_path / "activity.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_json_has_the_documented_keys(activity_file, capsys):
    assert main(["inventory", "compute", str(activity_file), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("total_tco2", "by_fuel", "by_sector", "process_tco2", "scope2_tco2", "energy_tce", "factor_set"):
        assert key in data
    assert data["factor_set"]["name"] == "guideline"
    assert data["process_tco2"] == 29_060.0  # 10 万t cement × 0.2906
    assert data["scope2_tco2"] == 53_660.0  # 10⁸ kWh × 0.5366 kg/kWh (2022 national)
    assert set(data["by_sector"]) == {"Urban", "Smelting and Pressing of Ferrous Metals", "Nonmetal Mineral Products"}
    assert data["total_tco2"] == pytest.approx(sum(data["by_fuel"].values()))


def test_factors_option_changes_the_set(activity_file, capsys):
    main(["inventory", "compute", str(activity_file), "--format", "json"])
    guideline = json.loads(capsys.readouterr().out)
    assert main(["inventory", "compute", str(activity_file), "--format", "json", "--factors", "ceads"]) == 0
    ceads = json.loads(capsys.readouterr().out)
    assert ceads["factor_set"]["name"] == "ceads"
    assert ceads["by_fuel"]["Raw Coal"] < guideline["by_fuel"]["Raw Coal"]  # 1.69 vs 1.87 t CO2/t


def test_chinese_names(activity_file, capsys):
    main(["inventory", "compute", str(activity_file), "--format", "json", "--lang", "zh"])
    data = json.loads(capsys.readouterr().out)
    assert "原煤" in data["by_fuel"] and "城镇" in data["by_sector"]


def test_table(activity_file, capsys):
    assert main(["inventory", "compute", str(activity_file)]) == 0
    out = capsys.readouterr().out
    assert "示范县 2022" in out and "原煤" in out and "total (scope 1)" in out


def test_xlsx(activity_file, tmp_path, capsys):
    out = tmp_path / "inv.xlsx"
    assert main(["inventory", "compute", str(activity_file), "--format", "xlsx", "--output", str(out)]) == 0
    wb = load_workbook(out)
    assert len(wb.sheetnames) == 4
    summary = wb.worksheets[0]
    header = [c.value for c in summary[1]]
    row = dict(zip(header, [c.value for c in summary[2]], strict=True))
    assert row["region"] == "示范县" and row["factor_set"] == "guideline" and row["process_tco2"] == 29_060.0


def test_xlsx_needs_output(activity_file, capsys):
    assert main(["inventory", "compute", str(activity_file), "--format", "xlsx"]) == 2
    assert "--output" in capsys.readouterr().err


def test_bad_file_exits_2_with_row_errors(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("region,year,sector,fuel,quantity,unit\n县,2022,Urban,原煤,-1,万吨\n", encoding="utf-8")
    assert main(["inventory", "compute", str(path), "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "row 2, column quantity" in captured.err


def test_missing_factor_exits_2(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text("region,year,sector,fuel,quantity,unit\n县,2022,Urban,型煤,1,万吨\n", encoding="utf-8")
    assert main(["inventory", "compute", str(path), "--factors", "ipcc2006"]) == 2
    assert "型煤" in capsys.readouterr().err


def test_factors_listing(capsys):
    assert main(["inventory", "factors"]) == 0
    out = capsys.readouterr().out
    assert "guideline" in out and "ceads" in out and "ipcc2006" in out
