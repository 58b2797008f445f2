"""Assessment results as an Excel workbook and as a Word report.

Both show missing data as missing: an empty cell with the reason beside it in Excel, "无数据" in
Word; never a 0 that would read as a score.
"""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from tanda.assessment.scheme import RULE_LABELS
from tanda.assessment.scoring import MISSING_LABELS, Result
from tanda.reports.docx_text import add_paragraph, set_cell_text

DIRECTIONS = {"up": "越大越好", "down": "越小越好"}
HEADER_FILL = PatternFill("solid", fgColor="EEF1F6")
MISSING_FILL = PatternFill("solid", fgColor="FFF8E6")
INCOMPLETE = "数据不全"


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[object]], *, first: bool = False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        ws.append(row)
    for i, name in enumerate(header, start=1):
        width = max(len(str(name)) * 2, *(len(str(r[i - 1] or "")) * 1.6 for r in rows)) if rows else len(name) * 2
        ws.column_dimensions[get_column_letter(i)].width = min(max(8, width), 60)
    ws.freeze_panes = "A2"
    return ws


def build_workbook(result: Result, *, title: str = "") -> bytes:
    """排名 (ranking, grades, coverage, categories), 指标得分 (one row per subject and indicator), 评价方案."""
    scheme = result.scheme
    wb = Workbook()
    cats = list(scheme.categories)
    rows = [
        [
            s.rank,
            s.name,
            _round(s.score),
            s.grade or INCOMPLETE,
            _round(100 * s.coverage, 1),
            *(_round(s.categories.get(c.code)) for c in cats),
        ]
        for s in result.subjects
    ]
    header = ["排名", "评价对象", "综合得分", "等级", "数据覆盖率（%）", *(f"{c.name}（{c.weight:g}）" for c in cats)]
    ws = _sheet(wb, "排名", header, rows, first=True)
    if title:
        ws.insert_rows(1)
        ws["A1"] = title
        ws["A1"].font = Font(bold=True, size=13)
        ws.freeze_panes = "A3"
    detail = []
    for s in result.subjects:
        for ind in scheme.indicators:
            score = s.indicators[ind.code]
            detail.append(
                [
                    s.name,
                    ind.name,
                    score.value,
                    ind.unit,
                    score.source,
                    _round(score.score),
                    _round(score.contribution, 3),
                    MISSING_LABELS.get(score.missing or "", ""),
                ]
            )
    ws = _sheet(wb, "指标得分", ["评价对象", "指标", "数值", "单位", "来源", "得分", "贡献", "缺失"], detail)
    for row in ws.iter_rows(min_row=2):
        if row[7].value:
            for cell in row:
                cell.fill = MISSING_FILL
    scheme_rows = [
        [ind.name, ind.code, ind.category, ind.weight, RULE_LABELS[ind.rule], DIRECTIONS[ind.direction], ind.unit]
        for ind in scheme.indicators
    ]
    _sheet(wb, "评价方案", ["指标", "代码", "分类", "权重", "评分规则", "方向", "单位"], scheme_rows)
    grades = [[g.label, g.min] for g in scheme.grades] + [[f"最低数据覆盖率 {scheme.min_coverage:.0%}", None]]
    _sheet(wb, "等级标准", ["等级", "最低得分"], grades)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _para(doc, text: str, *, size: float = 14, font: str = "仿宋_GB2312", align=None, bold: bool = False) -> None:
    add_paragraph(doc, text, font=font, size=size, align=align, bold=bold)


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        set_cell_text(cell, text, font="黑体", size=10.5)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            set_cell_text(cell, text, font="仿宋_GB2312", size=10.5)


def _fmt(value: float | None, digits: int = 2) -> str:
    return "无数据" if value is None else f"{value:.{digits}f}"


def build_report(result: Result, *, title: str, issuer: str = "", today: date | None = None) -> bytes:
    """A Word report: the ranking with grades, the grade counts, what data was missing, and the scheme."""
    scheme = result.scheme
    doc = Document()
    _para(doc, title, size=20, font="方正小标宋简体", align=WD_ALIGN_PARAGRAPH.CENTER)
    graded = [s for s in result.subjects if s.grade is not None]
    counts = "、".join(f"{label}{n}个" for label, n in result.grade_counts().items() if n)
    _para(
        doc,
        f"按照《{scheme.name}》评价方案（{len(scheme.indicators)}项指标，权重合计100），对{len(result.subjects)}个"
        f"评价对象进行了评价，其中{len(graded)}个数据完整程度达到要求（数据覆盖率不低于{scheme.min_coverage:.0%}），"
        f"评定等级为：{counts or '无'}。缺少数据的指标不计分、不按0分处理，其权重在有数据的指标间分摊。",
    )
    _para(doc, "一、评价结果", font="黑体", size=16)
    cats = list(scheme.categories)
    header = ["排名", "评价对象", "综合得分", "等级", "数据覆盖率", *(c.name for c in cats)]
    rows = [
        [
            str(s.rank) if s.rank else "—",
            s.name,
            _fmt(s.score),
            s.grade or INCOMPLETE,
            f"{s.coverage:.0%}",
            *(_fmt(s.categories.get(c.code)) for c in cats),
        ]
        for s in result.subjects
    ]
    _table(doc, header, rows)
    _para(doc, "二、各指标得分贡献", font="黑体", size=16)
    header = ["评价对象", *(f"{i.name}（{i.weight:g}）" for i in scheme.indicators)]
    rows = [[s.name, *(_fmt(s.indicators[i.code].contribution) for i in scheme.indicators)] for s in result.subjects]
    _table(doc, header, rows)
    missing = result.missing
    _para(doc, "三、数据缺失情况", font="黑体", size=16)
    if missing:
        names = {i.code: i.name for i in scheme.indicators}
        lines = [f"{who}：{names[code]}（{MISSING_LABELS[why]}）" for who, code, why in missing]
        _para(doc, "；".join(lines) + "。")
    else:
        _para(doc, "所有评价对象的各项指标数据齐全。")
    _para(doc, "四、评价方案", font="黑体", size=16)
    rows = [[i.name, f"{i.weight:g}", RULE_LABELS[i.rule], DIRECTIONS[i.direction]] for i in scheme.indicators]
    _table(doc, ["指标", "权重", "评分规则", "方向"], rows)
    grades = "；".join(f"{g.label}：{g.min:g}分及以上" for g in scheme.grades)
    _para(doc, f"等级标准：{grades}。" + (f"方案依据：{scheme.source}。" if scheme.source else ""))
    when = today or date.today()
    if issuer:
        _para(doc, issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, f"{when.year}年{when.month}月{when.day}日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
