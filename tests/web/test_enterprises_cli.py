"""`tanda enterprise register`, `import`, `screen` and `projects`: the JSON they print and their exit codes."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook
from test_enterprises_levels_support import make_level

from tanda.cli import main
from tanda.enterprises import make_credit_code
from tanda.web.enterprises.models import Enterprise, Project, Submission

pytestmark = pytest.mark.django_db

CODE = make_credit_code("220100", 90_000_101)


@pytest.fixture(autouse=True)
def no_bootstrap(monkeypatch, regions):
    """The test database is already migrated; the command must not migrate it again."""
    monkeypatch.setattr("tanda.web.bootstrap.setup", lambda **_: None)


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def run(capsys, *argv):
    code = main(["enterprise", *argv])
    return code, json.loads(capsys.readouterr().out)


def test_register_then_import(tmp_path, capsys):
    units = write(
        tmp_path / "units.csv",
        ["credit_code", "name", "industry", "region"],
        [[CODE, "示例（合成数据）", "3011", "220100"]],
    )
    code, out = run(capsys, "register", units)
    assert code == 0 and out == {"accepted": 1, "rejected": 0, "errors": [], "stored": True}
    subs = write(
        tmp_path / "subs.csv",
        ["credit_code", "year", "month", "fuel", "quantity", "unit"],
        [[CODE, 2024, m, "Raw Coal", 100, "t"] for m in range(1, 13)],
    )
    code, out = run(capsys, "import", subs)
    assert code == 0 and out["accepted"] == 12 and out["stored"] is True
    assert Submission.objects.count() == 12


def test_a_rejected_row_exits_non_zero_and_stores_nothing(tmp_path, capsys):
    Enterprise.objects.create(credit_code=CODE, name="示例（合成数据）", industry="3011", region_id="220100")
    subs = write(
        tmp_path / "subs.csv",
        ["credit_code", "year", "month", "fuel", "quantity", "unit"],
        [[CODE, 2024, 1, "原煤", 100, "t"], [CODE, 2024, 2, "原煤", "lots", "t"], [CODE, 2024, 3, "汽油", 1, "千瓦时"]],
    )
    errors_file = tmp_path / "errors.csv"
    code, out = run(capsys, "import", subs, "--errors-file", str(errors_file))
    assert code == 1
    assert out["accepted"] == 1 and out["rejected"] == 2 and out["stored"] is False
    assert out["errors"] == [
        {"row": 3, "column": "quantity", "message": "'lots' is not a number"},
        {"row": 4, "column": "unit", "message": out["errors"][1]["message"]},
    ]
    assert "mass unit" in out["errors"][1]["message"]
    assert Submission.objects.count() == 0
    assert errors_file.read_text(encoding="utf-8-sig").splitlines()[0] == "row,column,message"


def test_a_file_that_cannot_be_read_is_one_error(tmp_path, capsys):
    bad = tmp_path / "subs.csv"
    bad.write_bytes(b"credit_code,year\n" + bytes(range(0x80, 0x100)) * 10)
    code, out = run(capsys, "import", str(bad))
    assert code == 1 and out["rejected"] >= 1 and out["stored"] is False
    assert out["errors"][0]["row"] is None and "neither UTF-8 nor GB18030" in out["errors"][0]["message"]


def test_screen(capsys):
    code, out = run(capsys, "screen", "cement_clinker", "117")
    assert code == 0 and out["class"] == "between" and out["baseline"] == 117 and out["origin"] == "packaged"


def test_screen_uses_a_level_entered_for_the_region_or_above(capsys):
    make_level("220000", product="cement_clinker", benchmark=1, baseline=2)  # made-up, far stricter
    code, out = run(capsys, "screen", "cement_clinker", "117", "--region", "220581")
    assert code == 0 and out["class"] == "below_baseline" and out["origin"] == "entered"
    assert out["level_region"] == "220000" and out["baseline"] == 2
    code, out = run(capsys, "screen", "cement_clinker", "117", "--region", "110000")  # elsewhere: the packaged one
    assert out["origin"] == "packaged" and out["class"] == "between"
    code = main(["enterprise", "screen", "no_such_product", "1"])
    assert code != 0


def test_projects_lists_the_pages_classes_and_writes_its_export(tmp_path, capsys):
    for name, value in [("甲（合成数据）", 118.0), ("乙（合成数据）", 95.0)]:  # clinker: baseline 117, benchmark 100
        Project.objects.create(
            name=name,
            region_id="220581",
            industry="3011",
            product="cement_clinker",
            design_energy_tce=10_000,
            design_unit_consumption=value,
        )
    code, out = run(capsys, "projects", "--region", "220000")
    assert code == 0
    assert out["counts"] == {"benchmark": 1, "between": 0, "below_baseline": 1, "unscreened": 0}
    below = next(p for p in out["projects"] if p["name"] == "甲（合成数据）")
    assert below["screening_class"] == "below_baseline" and below["screenings"][0]["deadline"] == "2025-12-31"
    assert below["level"]["baseline"] == 117.0 and below["level"]["origin"] == "packaged"

    code, out = run(capsys, "projects", "--class", "benchmark")
    assert code == 0 and [p["name"] for p in out["projects"]] == ["乙（合成数据）"]
    code, out = run(capsys, "projects", "--region", "220100")  # Changchun: none there
    assert out["projects"] == []

    path = tmp_path / "list.xlsx"
    code, out = run(capsys, "projects", "--xlsx", str(path))
    assert code == 0 and out == {"projects": 2, "xlsx": str(path)}
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    classes = {row[0]: row[header.index("能效分类")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert classes["甲（合成数据）"].startswith("低于基准水平") and classes["乙（合成数据）"] == "达到标杆水平"


def test_projects_refuses_an_unknown_class_status_or_region(capsys):
    for argv in (["--class", "worst"], ["--status", "dreamt"], ["--region", "999999"]):
        assert main(["enterprise", "projects", *argv]) == 2
        err = capsys.readouterr().err
        assert argv[1] in err and "tanda: error:" in err
