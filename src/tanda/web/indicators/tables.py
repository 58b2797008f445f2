"""Reading an observation sheet (.xlsx or .csv) into rows keyed by field, numbered as the sheet shows them.

Headers may be the field names (indicator, region, period, year, value, unit, source, status) or
their Chinese labels (指标, 地区, 时期, 年份, 数值, 单位, 来源, 状态). Row 1 is the header, so the first
data row is row 2 — the number a person sees in Excel, and the one error messages name.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from charset_normalizer import from_bytes

FIELDS = ("indicator", "region", "period", "year", "value", "unit", "source", "status")
HEADER_ALIASES = {
    "指标": "indicator",
    "指标名称": "indicator",
    "指标代码": "indicator",
    "地区": "region",
    "行政区划": "region",
    "区划代码": "region",
    "时期": "period",
    "期间": "period",
    "年份": "year",
    "年度": "year",
    "数值": "value",
    "值": "value",
    "单位": "unit",
    "来源": "source",
    "数据来源": "source",
    "状态": "status",
}
FIRST_DATA_ROW = 2
MAX_ROWS = 50_000


class SheetError(ValueError):
    """The file as a whole cannot be read (wrong type, no header, no known column)."""


def _header(cells: list[Any]) -> list[str | None]:
    names = []
    for cell in cells:
        text = str(cell or "").strip()
        key = text.lower() if text.lower() in FIELDS else HEADER_ALIASES.get(text)
        names.append(key)
    if "indicator" not in names or "value" not in names:
        raise SheetError(
            "row 1 must be a header naming at least the columns indicator (指标) and value (数值); "
            f"found: {', '.join(str(c) for c in cells if c) or 'nothing'}"
        )
    return names


def _rows(table: list[list[Any]]) -> list[dict[str, Any]]:
    if not table:
        raise SheetError("the file is empty")
    names = _header(table[0])
    rows = []
    for cells in table[1:]:
        if all(c is None or str(c).strip() == "" for c in cells):
            rows.append({})  # keep numbering; an empty row is reported as missing fields only if not trailing
            continue
        rows.append({name: cells[i] if i < len(cells) else None for i, name in enumerate(names) if name})
    while rows and not rows[-1]:
        rows.pop()
    if len(rows) > MAX_ROWS:
        raise SheetError(f"{len(rows)} rows: at most {MAX_ROWS} per import")
    return rows


def read_sheet(data: bytes, name: str) -> list[dict[str, Any]]:
    """The data rows of an .xlsx (first sheet) or .csv file; SheetError when it cannot be read."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
            raise SheetError(f"{name} is not a readable .xlsx workbook ({exc.__class__.__name__})") from exc
        sheet = book.worksheets[0]
        table = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
        return _rows(table)
    if lower.endswith(".csv"):
        best = from_bytes(data).best()
        text = str(best) if best is not None else data.decode("utf-8", errors="replace")
        return _rows([list(r) for r in csv.reader(io.StringIO(text.lstrip("\ufeff")))])
    raise SheetError(f"{name}: expected an .xlsx or .csv file")


def template_workbook() -> bytes:
    """An empty import sheet with the header and one example row, for download."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "observations"
    sheet.append(["指标", "地区", "时期", "数值", "单位", "来源", "状态"])
    sheet.append(["非化石能源消费比重", "220000", "2023", 12.5, "%", "统计公报", "reported"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
