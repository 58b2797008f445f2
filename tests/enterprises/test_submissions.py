"""Submission files: every kind of bad input named by row and column; encodings; size; duplicates."""

from __future__ import annotations

import io

import numpy as np
import pytest

from tanda.enterprises import SubmissionValidator
from tanda.enterprises.errors import EnterpriseInputError


def run(path, units, **kwargs):
    validator = SubmissionValidator(path, units, **kwargs)
    chunks = list(validator.chunks())
    return chunks, validator.finish()


def by_row(report):
    return {(e.row, e.column): e.message for e in report.errors}


def test_a_valid_file_passes_with_quantities_in_canonical_units(write_csv, units, codes):
    path = write_csv(
        [
            [codes[0], 2024, 1, "原煤", "1,200", "t"],
            [codes[0], 2024, 1, "电力", 85, "万千瓦时"],
            [codes[1], 2024, 2, "Natural Gas", 3, "万立方米"],
            [codes[1], "2024", "2.0", "热力", 1, "万吉焦"],
        ]
    )
    chunks, report = run(path, units)
    assert report.ok and report.accepted == 4 and report.rejected == 0
    frame = chunks[0].frame()
    assert frame["canonical"].tolist() == pytest.approx([1200.0, 850_000.0, 30_000.0, 10_000.0])
    assert frame["fuel"].tolist() == ["raw_coal", "electricity", "natural_gas", "heat"]
    assert frame["row"].tolist() == [2, 3, 4, 5]


def test_each_error_names_its_row_and_column(write_csv, units, codes):
    good = codes[0]
    path = write_csv(
        [
            [good, 2024, 1, "原煤", 10, "t"],  # row 2: fine
            [good, 2024, 13, "原煤", 10, "t"],  # row 3: month
            [good, "二〇二四", 1, "原煤", 10, "t"],  # row 4: year
            [good, 2024, 2, "玉米", 10, "t"],  # row 5: fuel
            [good, 2024, 3, "原煤", "十吨", "t"],  # row 6: text in a number cell
            [good, 2024, 4, "原煤", -5, "t"],  # row 7: negative
            [good, 2024, 5, "原煤", 10, "千瓦时"],  # row 8: unit does not fit the fuel
            [good, 2024, 6, "电力", 10, "万吨标准煤"],  # row 9: electricity in coal equivalent
            [good[:-1] + ("0" if good[-1] != "0" else "1"), 2024, 7, "原煤", 10, "t"],  # row 10: checksum
            ["914403001922038216", 2024, 8, "原煤", 10, "t"],  # row 11: valid but not registered
            [good, 2024, 9, "原煤", "", "t"],  # row 12: empty quantity
        ]
    )
    chunks, report = run(path, units)
    errors = by_row(report)
    assert "not a month" in errors[(3, "month")]
    assert "not a year" in errors[(4, "year")]
    assert "not a known fuel" in errors[(5, "fuel")]
    assert "'十吨' is not a number" in errors[(6, "quantity")]
    assert "negative" in errors[(7, "quantity")]
    assert "needs a mass unit" in errors[(8, "unit")]
    assert "not in coal equivalent" in errors[(9, "unit")]
    assert "GB 32100" in errors[(10, "credit_code")]
    assert "not a registered unit" in errors[(11, "credit_code")]
    assert "empty" in errors[(12, "quantity")]
    assert report.rejected == 10 and report.accepted == 1
    assert sum(len(c) for c in chunks) == 1


def test_shifted_columns_are_errors_at_their_rows_and_later_rows_keep_their_numbers(tmp_path, units, codes):
    path = tmp_path / "shifted.csv"
    path.write_text(
        "credit_code,year,month,fuel,quantity,unit\n"
        f"{codes[0]},2024,1,原煤,10,t\n"
        f"{codes[0]},2024,2,原煤,1,200,t\n"  # row 3: a thousands comma splits the number
        "\n"  # row 4: blank
        f"{codes[0]},2024,3,t,原煤,10\n"  # row 5: columns in the wrong order
        f"{codes[0]},2024,4,原煤,10,t\n",  # row 6: fine
        encoding="utf-8",
    )
    chunks, report = run(path, units)
    errors = by_row(report)
    assert "7 cells where the header has 6" in errors[(3, None)]
    assert (5, "fuel") in errors and (5, "quantity") in errors
    assert chunks[0].rows.tolist() == [2, 6]


def test_duplicates_in_the_file_and_against_stored_rows(write_csv, units, codes):
    path = write_csv(
        [
            [codes[0], 2024, 1, "原煤", 10, "t"],
            [codes[0], 2024, 1, "Raw Coal", 12, "吨"],  # same unit-month-fuel, other spelling
            [codes[0], 2024, 2, "原煤", 10, "t"],
        ]
    )
    _, report = run(path, units)
    assert "duplicates row 2" in by_row(report)[(3, None)]

    stored = {2024 * 0 + 1}  # any non-empty marker: the callable decides

    def existing(keys: np.ndarray) -> np.ndarray:
        mask = np.zeros(len(keys), dtype=bool)
        mask[-1] = bool(stored)
        return mask

    path2 = write_csv([[codes[1], 2024, 1, "原煤", 10, "t"]], name="again.csv")
    _, report2 = run(path2, units, existing=existing)
    assert "already stored" in by_row(report2)[(2, None)]


def test_chunk_boundaries_do_not_hide_duplicates(write_csv, units, codes):
    rows = [[codes[0], 2024, m, "原煤", 1, "t"] for m in range(1, 13)] + [[codes[0], 2024, 1, "原煤", 1, "t"]]
    chunks, report = run(write_csv(rows), units, chunk_rows=5)
    assert len(chunks) == 3
    assert "duplicates row 2" in by_row(report)[(14, None)]


def test_gb18030_and_utf16_are_read(write_csv, units, codes):
    rows = [[codes[0], 2024, 1, "原煤", 10, "吨"]]
    for encoding in ("gb18030", "utf-16", "utf-8-sig"):
        _, report = run(write_csv(rows, name=f"{encoding}.csv", encoding=encoding), units)
        assert report.ok, (encoding, report.to_dict())


def test_a_file_in_another_encoding_is_refused(tmp_path, units):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"credit_code,year,month,fuel,quantity,unit\n" + bytes(range(0x80, 0x100)) * 4)
    with pytest.raises(EnterpriseInputError, match="neither UTF-8 nor GB18030"):
        SubmissionValidator(path, units)


def test_a_binary_file_is_refused(tmp_path, units):
    path = tmp_path / "book.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(EnterpriseInputError, match="binary"):
        SubmissionValidator(path, units)


def test_missing_and_unexpected_columns(write_csv, units):
    path = write_csv([["x"]], header=["credit_code", "year", "month", "fuel", "amount", "unit"])
    with pytest.raises(EnterpriseInputError) as info:
        SubmissionValidator(path, units)
    messages = [str(e) for e in info.value.errors]
    assert any("missing column(s) quantity" in m for m in messages)
    assert any("column amount" in m and "unexpected" in m for m in messages)


def test_a_2_gb_file_is_refused_before_it_is_read(tmp_path, units):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as fh:
        fh.truncate(2 * 1024**3)  # sparse: no disk used, and nothing may read it
    with pytest.raises(EnterpriseInputError, match="limited to 512 MiB"):
        SubmissionValidator(path, units, max_bytes=512 * 2**20)


def test_chinese_headers_and_direction(write_csv, units, codes):
    path = write_csv(
        [[codes[0], 2024, 1, "电力", 10, "万千瓦时", "购入"], [codes[0], 2024, 1, "电力", 2, "万千瓦时", "外供"]],
        header=["统一社会信用代码", "年", "月", "能源品种", "数量", "计量单位", "方向"],
    )
    chunks, report = run(path, units)
    assert report.ok
    assert chunks[0].direction.tolist() == ["in", "out"]


def test_enterprise_scope_limits_codes(write_csv, units, codes):
    path = write_csv([[codes[1], 2024, 1, "原煤", 10, "t"]])
    _, report = run(path, units, allowed={codes[0]})
    assert "not your unit" in by_row(report)[(2, "credit_code")]


def test_xlsx_is_read_row_by_row(tmp_path, units, codes):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["credit_code", "year", "month", "fuel", "quantity", "unit"])
    sheet.append([codes[0], 2024, 1, "原煤", 10.5, "t"])
    sheet.append([codes[0], 2024, 2, "原煤", "n/a", "t"])
    sheet.append([codes[0], 2024, 3, "原煤", 10, "t", "extra"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "book.xlsx"
    chunks, report = run(buffer, units)
    errors = by_row(report)
    assert "'n/a' is not a number" in errors[(3, "quantity")]
    assert "beyond the 6 header columns" in errors[(4, None)]
    assert chunks[0].canonical.tolist() == [10.5]
