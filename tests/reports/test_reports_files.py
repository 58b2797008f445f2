"""The Word and Excel files of a dispatch report, read back with python-docx and openpyxl."""

from __future__ import annotations

import io
import warnings

import pytest
from docx import Document
from openpyxl import load_workbook

from tanda.reports import SnapshotError, build_docx, build_xlsx
from tanda.reports.charts import cjk_font, department_chart, grade_chart, progress_chart

PNG = b"\x89PNG\r\n\x1a\n"


def test_charts_are_pngs_drawn_with_a_cjk_font(snapshot):
    assert "CJK" in cjk_font().get_name() or "SC" in cjk_font().get_name()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font" for a Latin-only font
        images = [
            grade_chart(snapshot["summary"]["grades"]),
            department_chart(snapshot["summary"]["departments"]),
            progress_chart(snapshot["targets"]),
        ]
    assert all(img.startswith(PNG) and len(img) > 5000 for img in images)
    assert progress_chart([{**t, "progress": None} for t in snapshot["targets"]]) is None


def test_docx_has_masthead_headings_tables_and_pictures(snapshot):
    doc = Document(io.BytesIO(build_docx(snapshot)))
    texts = [p.text for p in doc.paragraphs]
    assert "调 度 通 报" in texts
    assert "〔2024〕第1期" in texts
    assert snapshot["title"] in texts
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "一、总体情况",
        "二、主要目标完成情况",
        "三、重点任务推进情况",
        "四、需要关注的问题",
        "五、下一步工作",
    ]
    targets, tasks, lagging = doc.tables
    assert [c.text for c in targets.rows[0].cells][:3] == ["序号", "指标", "目标"]
    assert len(targets.rows) == 1 + 3
    assert targets.rows[1].cells[1].text == "单位地区生产总值能源消耗"
    assert targets.rows[1].cells[6].text == "红色（一级预警）"
    assert targets.rows[3].cells[2].text == "达到 **"  # a masked value stays masked
    assert len(tasks.rows) == 1 + 4
    assert [tasks.rows[2].cells[i].text for i in (1, 2, 3, 7)] == ["严格控制煤炭消费", "省能源局", "进度滞后", "逾期"]
    assert tasks.rows[3].cells[3].text == "未报送" and tasks.rows[3].cells[7].text == "未更新"
    assert [r.cells[0].text for r in lagging.rows] == ["牵头单位", "省发展改革委"]
    assert len(doc.inline_shapes) == 3  # grade chart, progress chart, department chart
    body = "\n".join(texts)
    assert "本期调度重点任务4项，其中已完成1项、正常推进1项、进度滞后1项、未启动0项" in body
    assert "单位地区生产总值能源消耗（2025年目标）处于红色预警" in body


def test_docx_without_grades_says_so_and_leaves_the_progress_chart_out(snapshot):
    for t in snapshot["targets"]:
        t.update(grade=None, progress=None, required_progress=None, p_meet=None)
    snapshot["grades_note"] = "指标预警等级由指标监测模块提供，本期尚无可用的评估结果。"
    doc = Document(io.BytesIO(build_docx(snapshot)))
    assert snapshot["grades_note"] in [p.text for p in doc.paragraphs]
    assert len(doc.inline_shapes) == 2


def test_xlsx_has_overview_targets_and_tasks_sheets(snapshot):
    wb = load_workbook(io.BytesIO(build_xlsx(snapshot)))
    assert wb.sheetnames == ["概况", "目标", "任务"]
    targets, tasks = wb["目标"], wb["任务"]
    assert targets.max_row == 1 + 3 and tasks.max_row == 1 + 4
    header = [c.value for c in targets[1]]
    assert header[:4] == ["序号", "指标", "类型", "目标值"]
    assert targets["A1"].font.bold and targets["A1"].fill.fgColor.rgb.endswith("1D3F72")
    assert targets.freeze_panes == "A2" and targets.auto_filter.ref == "A1:Q4"
    progress = header.index("完成进度") + 1
    assert targets.cell(row=2, column=progress).value == pytest.approx(0.42)
    assert targets.cell(row=2, column=progress).number_format == "0.0%"
    assert targets.cell(row=4, column=4).value == "**"
    task_header = [c.value for c in tasks[1]]
    row = {h: c.value for h, c in zip(task_header, tasks[3], strict=True)}
    assert (row["任务"], row["状态"], row["进度（%）"], row["逾期"]) == ("严格控制煤炭消费", "进度滞后", 30, "是")
    assert row["配合单位"] == "省发展改革委、省生态环境厅"
    overview = {r[0].value: r[1].value for r in wb["概况"].iter_rows(min_row=2) if r[0].value}
    assert overview["重点任务"] == 4 and overview["逾期未完成"] == 1


def test_builders_name_what_a_snapshot_lacks(snapshot):
    del snapshot["tasks"][1]["overdue"]
    with pytest.raises(SnapshotError, match=r"tasks\[1\] lacks overdue"):
        build_xlsx(snapshot)
    with pytest.raises(SnapshotError, match="missing 'summary'"):
        build_docx({k: v for k, v in snapshot.items() if k != "summary"})
