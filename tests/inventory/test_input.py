"""Row-level errors for bad activity files; a bad file yields nothing to compute."""

import pandas as pd
import pytest
from openpyxl import Workbook

from tanda.inventory import InventoryInputError, compute, read_activity

GOOD = "region,year,sector,fuel,quantity,unit\n吉林,2020,Urban,原煤,1,万吨\n"


def write(tmp_path, text, name="a.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path):
    with pytest.raises(InventoryInputError) as exc:
        read_activity(path)
    return exc.value.errors


def test_every_row_error_is_reported_with_row_and_column(tmp_path):
    path = write(
        tmp_path,
        "地区,年份,部门,能源品种,数量,单位\n"
        "吉林,2020,Urban,原煤,1,万吨\n"  # row 2: fine
        "吉林,2020,Urban,原煤X,1,万吨\n"  # row 3: unknown fuel
        "吉林,2020,钢铁厂家,焦炭,1,万吨\n"  # row 4: unknown sector
        "吉林,2020,Rural,柴油,-5,万吨\n"  # row 5: negative
        "吉林,2020,Rural,天然气,3,万吨\n"  # row 6: a mass unit for a gas
        "吉林,2020,Rural,原煤,2,亿立方米\n"  # row 7: a volume unit for coal
        "吉林,2020,Urban,原煤,1,万吨\n"  # row 8: duplicates row 2
        "吉林,20x0,Urban,汽油,1,万吨\n"  # row 9: bad year
        "吉林,2020,Urban,汽油,abc,万吨\n"  # row 10: not a number
        "吉林,2020,Urban,煤油,1,斤\n",  # row 11: unknown unit
    )
    errors = errors_of(path)
    where = [(e.row, e.column) for e in errors]
    assert where == [
        (3, "能源品种"),
        (4, "部门"),
        (5, "数量"),
        (6, "单位"),
        (7, "单位"),
        (8, None),
        (9, "年份"),
        (10, "数量"),
        (11, "单位"),
    ]
    text = {e.row: e.message for e in errors}
    assert "原煤X" in text[3] and "not a known fuel" in text[3]
    assert "钢铁厂家" in text[4]
    assert "negative" in text[5]
    assert "天然气" in text[6] and "volume" in text[6]
    assert "duplicates row 2" in text[8]
    assert "row 7, column 单位" in str(InventoryInputError("a.csv", errors))


def test_a_bad_file_yields_nothing(tmp_path):
    path = write(tmp_path, GOOD + "吉林,2020,Urban,原煤X,1,万吨\n")
    with pytest.raises(InventoryInputError, match="nothing was computed"):
        compute(read_activity(path))


def test_a_good_file_reads(tmp_path):
    activity = read_activity(write(tmp_path, GOOD))
    assert activity.frame[["flow", "sector", "fuel", "quantity"]].values.tolist() == [
        ["combustion", "urban", "raw_coal", 10000.0]
    ]


def test_missing_columns_are_named(tmp_path):
    errors = errors_of(write(tmp_path, "region,year,fuel,quantity\n吉林,2020,原煤,1\n"))
    assert errors[0].row == 1 and "sector" in errors[0].message and "unit" in errors[0].message


def test_a_total_and_its_parts_together_are_refused(tmp_path):
    path = write(tmp_path, GOOD + "吉林,2020,居民生活,原煤,3,万吨\n吉林,2020,黑色金属冶炼和压延加工业,原煤,3,万吨\n")
    errors = errors_of(path)
    assert len(errors) == 1 and errors[0].row == 3 and "城镇" in errors[0].message


def test_fuel_imports_are_not_electricity_imports(tmp_path):
    errors = errors_of(write(tmp_path, GOOD + "吉林,2020,调入,原煤,3,万吨\n"))
    assert errors[0].row == 3 and "electricity and heat" in errors[0].message


def test_coal_equivalent_units_are_turned_into_physical_ones(tmp_path):
    path = write(tmp_path, "region,year,sector,fuel,quantity,unit\n吉林,2020,Urban,原煤,0.7143,万吨标准煤\n")
    assert read_activity(path).frame["quantity"].iloc[0] == pytest.approx(10000.0)  # 1 万吨 at 0.7143 kgce/kg
    errors = errors_of(write(tmp_path, "region,year,sector,fuel,quantity,unit\n吉林,2020,调入,电力,1,万吨标准煤\n"))
    assert "电力" in errors[0].message  # electricity in tce depends on the convention: refused


def test_duplicates_across_files_are_refused(tmp_path):
    a = read_activity(write(tmp_path, GOOD, "a.csv"))
    b = read_activity(write(tmp_path, GOOD, "b.csv"))
    with pytest.raises(InventoryInputError, match="duplicates"):
        a.combine(b)


def test_xlsx_tidy_is_read_like_csv(tmp_path):
    path = tmp_path / "a.xlsx"
    pd.DataFrame(
        [{"region": "吉林", "year": 2020, "sector": "Urban", "fuel": "Diesel Oil", "quantity": 2, "unit": "万吨"}]
    ).to_excel(path, index=False)
    frame = read_activity(path).frame
    assert frame["fuel"].tolist() == ["diesel_oil"] and frame["quantity"].tolist() == [20000.0]


def balance_xlsx(tmp_path, rows, title="测试省能源平衡表(实物量) 2015", units=True):
    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(["项目", "原煤", "洗精煤", "焦炭", "天然气", "柴油", "热力", "电力"])
    if units:
        ws.append(["", "万吨", "万吨", "万吨", "亿立方米", "万吨", "万百万千焦", "亿千瓦时"])
    for row in rows:
        ws.append(row)
    path = tmp_path / "balance.xlsx"
    wb.save(path)
    return path


BALANCE = [
    ["一、可供本地区消费的能源量", 1000, 10, 50, 5, 100, 0, 200],
    ["1.一次能源生产量", 800, None, None, 4, None, None, 120],
    ["2.外省（区、市）调入量", 300, 10, 60, 1, 110, None, 30],
    ["5.本省（区、市）调出量（-）", -100, None, -10, None, -10, None, -50],
    ["二、加工转换投入（-）产出（+）量", None, None, None, None, None, None, None],
    ["1.火力发电", -500, None, None, -1, -0.5, -2, 180],
    ["2.供热", -200, None, None, -0.5, None, 900, None],
    ["4.炼焦", None, -10, 8, None, None, None, None],
    ["三、损失量", 5, None, None, 0.1, None, 30, 15],
    ["四、终端消费量", 300, 10, 58, 3.4, 99.5, 868, 285],
    ["1.农、林、牧、渔业", 10, None, None, None, 20, None, 5],
    ["2.工业", 250, 10, 58, 2, 30, 600, 200],
    ["#用作原料、材料", 20, 10, 3, 0.5, None, None, None],
    ["3.建筑业", 5, None, None, None, 10, None, 5],
    ["4.交通运输、仓储和邮政业", 1, None, None, 0.4, 39.5, 8, 10],
    ["7.居民生活", 34, None, None, 1, 0, 260, 65],
    ["城镇", 14, None, None, 0.8, None, 250, 40],
    ["乡村", 20, None, None, 0.2, None, 10, 25],
    ["五、平衡差额", 0, 0, 0, 0, 0, 0, 0],
]


def test_yearbook_balance_layout(tmp_path):
    activity = read_activity(balance_xlsx(tmp_path, BALANCE))
    assert activity.region_years() == [("测试省", 2015)]
    f = activity.frame.set_index(["flow", "sector", "fuel"])["quantity"]
    # burned in industry = industry − non-energy use; power = thermal power + heating inputs
    assert f[("combustion", "industry", "raw_coal")] == pytest.approx(230e4)
    assert f[("combustion", "power", "raw_coal")] == pytest.approx(700e4)
    assert f[("combustion", "power", "natural_gas")] == pytest.approx(1.5e8)
    assert f[("non_energy", "industry", "cleaned_coal")] == pytest.approx(10e4)
    assert ("combustion", "industry", "cleaned_coal") not in f.index  # all of it feedstock
    # households: 城镇 and 乡村 are given, so 居民生活 (their total) is not counted again
    assert f[("combustion", "urban", "raw_coal")] == pytest.approx(14e4)
    assert ("combustion", "households", "raw_coal") not in f.index
    assert f[("production", "", "primary_electricity")] == pytest.approx(120e8)
    assert f[("import", "", "electricity")] == pytest.approx(30e8) and f[
        ("export", "", "electricity")
    ] == pytest.approx(50e8)
    assert f[("transformation", "", "cleaned_coal")] == pytest.approx(10e4)  # coking input
    assert f[("transformation", "", "coke")] == pytest.approx(-8e4)  # coking output
    inv = compute(activity)[0]
    assert inv.energy.net_import_electricity_kwh == pytest.approx(-20e8)
    assert inv.scope2_electricity_kg < 0  # a net exporter


def test_yearbook_units_apply_when_there_is_no_unit_row(tmp_path):
    with_units = read_activity(balance_xlsx(tmp_path, BALANCE)).frame["quantity"].sum()
    without = read_activity(balance_xlsx(tmp_path, BALANCE, units=False)).frame["quantity"].sum()
    assert with_units == pytest.approx(without)


def test_balance_errors_name_row_and_column(tmp_path):
    rows = [
        *BALANCE[:3],
        ["2.工业", "abc", None, None, None, None, None, None],
        ["9.钢铁联合企业自用", 1, None, None, None, None, None, None],
    ]
    with pytest.raises(InventoryInputError) as exc:
        read_activity(balance_xlsx(tmp_path, rows))
    where = [(e.row, e.column) for e in exc.value.errors]
    assert where == [(7, "原煤"), (8, "项目")]


def test_balance_without_region_and_year_asks_for_them(tmp_path):
    path = balance_xlsx(tmp_path, BALANCE, title="能源平衡表")
    with pytest.raises(InventoryInputError, match="region and year"):
        read_activity(path)
    assert read_activity(path, region="某省", year=2016).region_years() == [("某省", 2016)]


def test_non_energy_use_larger_than_industry_is_refused(tmp_path):
    rows = [
        ["2.工业", 10, None, None, None, None, None, None],
        ["#用作原料、材料", 20, None, None, None, None, None, None],
    ]
    with pytest.raises(InventoryInputError, match="exceeds industrial consumption"):
        read_activity(balance_xlsx(tmp_path, rows))
