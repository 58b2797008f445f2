"""The dispatch report as an Excel workbook: a sheet of targets, a sheet of tasks, and an overview.

Headers are bold on a filled row, frozen, with filters; percentages are real numbers formatted as
percent, so the office can sort and compute on them; grade and flag cells are coloured like the Word
report.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tanda.reports.progress import GRADES, STATUSES
from tanda.reports.snapshot import check

HEADER_FILL = PatternFill("solid", fgColor="1D3F72")
HEADER_FONT = Font(bold=True, color="FFFFFF")
GRADE_FILL = {
    g: PatternFill("solid", fgColor=c) for g, c in (("red", "F4C7C3"), ("yellow", "FFE8A3"), ("green", "CDEBD5"))
}
THIN = Side(style="thin", color="D9DCE1")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")

TARGET_COLUMNS: Sequence[tuple[str, str, int]] = (
    ("序号", "", 6),
    ("指标", "indicator", 32),
    ("类型", "kind_label", 8),
    ("目标值", "value", 10),
    ("单位", "unit", 10),
    ("目标年", "year", 8),
    ("最新年份", "latest_year", 9),
    ("最新值", "latest_value", 11),
    ("完成进度", "progress", 10),
    ("应达进度", "required_progress", 10),
    ("实际年均变化", "actual_pace", 12),
    ("要求年均变化", "required_pace", 12),
    ("变化单位", "pace_unit", 10),
    ("预警等级", "grade", 16),
    ("预测值", "forecast", 11),
    ("达标概率", "p_meet", 10),
    ("说明", "reason", 40),
)
TASK_COLUMNS: Sequence[tuple[str, str, int]] = (
    ("序号", "number", 6),
    ("任务", "title", 36),
    ("牵头单位", "lead", 20),
    ("配合单位", "cooperating", 30),
    ("完成时限", "deadline", 12),
    ("状态", "status_label", 10),
    ("进度（%）", "percent", 9),
    ("进展情况", "narrative", 60),
    ("报送单位", "reported_by", 18),
    ("报送周期", "reported_period", 10),
    ("佐证材料（件）", "evidence", 10),
    ("逾期", "overdue", 6),
    ("本期未更新", "not_updated", 10),
)
PERCENT_KEYS = {"progress", "required_progress", "p_meet"}


def _header(ws: Worksheet, columns: Sequence[tuple[str, str, int]]) -> None:
    ws.append([c[0] for c in columns])
    for i, (_, _, width) in enumerate(columns, 1):
        cell = ws.cell(row=1, column=i)
        cell.fill, cell.font, cell.border = HEADER_FILL, HEADER_FONT, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A2"


def _finish(ws: Worksheet, columns: Sequence[tuple[str, str, int]]) -> None:
    if ws.max_row > 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{ws.max_row}"
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.border, cell.alignment = BORDER, WRAP


def _target_value(t: dict[str, Any], key: str) -> Any:
    if key == "value" and t.get("masked"):
        return "**"
    if key == "grade":
        return GRADES.get(t.get("grade") or "", "未评估")
    return t.get(key)


def _targets(wb: Workbook, targets: list[dict[str, Any]]) -> None:
    ws = wb.create_sheet("目标")
    _header(ws, TARGET_COLUMNS)
    for i, t in enumerate(targets, 1):
        ws.append([i if not key else _target_value(t, key) for _, key, _ in TARGET_COLUMNS])
        for col, (_, key, _) in enumerate(TARGET_COLUMNS, 1):
            if key in PERCENT_KEYS:
                ws.cell(row=i + 1, column=col).number_format = "0.0%"
            if key == "grade" and t.get("grade") in GRADE_FILL:
                ws.cell(row=i + 1, column=col).fill = GRADE_FILL[t["grade"]]
    _finish(ws, TARGET_COLUMNS)


def _task_value(t: dict[str, Any], key: str) -> Any:
    value = t.get(key)
    if key == "cooperating":
        return "、".join(value or [])
    if key in ("overdue", "not_updated"):
        return "是" if value else ""
    if key == "status_label":
        return value or "未报送"
    return value


def _tasks(wb: Workbook, tasks: list[dict[str, Any]]) -> None:
    ws = wb.create_sheet("任务")
    _header(ws, TASK_COLUMNS)
    flag_cols = {key: i for i, (_, key, _) in enumerate(TASK_COLUMNS, 1) if key in ("overdue", "not_updated")}
    for i, t in enumerate(tasks, 2):
        ws.append([_task_value(t, key) for _, key, _ in TASK_COLUMNS])
        if t["overdue"]:
            ws.cell(row=i, column=flag_cols["overdue"]).fill = GRADE_FILL["red"]
        if t["not_updated"]:
            ws.cell(row=i, column=flag_cols["not_updated"]).fill = GRADE_FILL["yellow"]
    _finish(ws, TASK_COLUMNS)


def _overview(wb: Workbook, s: dict[str, Any]) -> None:
    ws = wb.active
    ws.title = "概况"
    summary = s["summary"]
    ws.append([s["title"]])
    ws["A1"].font = Font(bold=True, size=14)
    rows = [
        ("期号", s.get("serial") or ""),
        ("发文单位", s["issuer"]),
        ("调度周期", f"{s['period']['label']}（{s['period']['code']}）"),
        ("地区", f"{s['region']['name']}（{s['region']['code']}）"),
        ("重点任务", summary["tasks"]),
        *((f"任务：{label}", summary["by_status"][code]) for code, label in STATUSES.items()),
        ("任务：未报送", summary["by_status"]["unreported"]),
        ("本期未更新", summary["not_updated"]),
        ("逾期未完成", summary["overdue"]),
        ("主要目标", summary["targets"]),
        *((f"目标：{label}", summary["grades"][g]) for g, label in GRADES.items()),
        ("目标：未评估", summary["grades"]["ungraded"]),
    ]
    for label, value in rows:
        ws.append([label, value])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 48


def build_xlsx(snapshot: dict[str, Any]) -> bytes:
    """The .xlsx bytes of a dispatch report built from its snapshot (see `tanda.reports.snapshot`)."""
    s = check(snapshot)
    wb = Workbook()
    _overview(wb, s)
    _targets(wb, s["targets"])
    _tasks(wb, s["tasks"])
    wb.properties.title = s["title"]
    wb.properties.creator = s["issuer"]
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
