"""The dispatch report as a Word document (.docx), in the manner of a government 调度通报.

Red masthead (红头) with the issue number (文号-like 〔2024〕第1期), the issuing office and date
above a red rule; a subject title; numbered headings 一、二、三… in 黑体; body in 仿宋; tables of
targets (with grades) and of tasks (with progress); charts as pictures. Page set-up follows the
official-document standard GB/T 9704 (A4, margins 37/35/28/26 mm, page number "— 1 —").
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from tanda.reports import charts
from tanda.reports.docx_text import add_paragraph, set_default_font, set_font
from tanda.reports.progress import GRADES
from tanda.reports.snapshot import check, number, percent, target_text

RED = RGBColor(0xC0, 0x00, 0x00)
BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋", "黑体", "宋体"
GRADE_FILL = {"red": "F4C7C3", "yellow": "FFE8A3", "green": "CDEBD5"}
NARRATIVE_CHARS = 160
TABLE_SIZE = 9  # 小五: tables of a 调度通报 are set smaller than the 三号 body
HEADINGS = ("一、总体情况", "二、主要目标完成情况", "三、重点任务推进情况", "四、需要关注的问题", "五、下一步工作")


def _paragraph(doc: Any, text: str = "", *, size: float = 16, font: str = BODY_FONT, align: Any = None, **kw: Any):
    return add_paragraph(doc, text, font=font, size=size, align=align, **kw)


def _body(doc: Any, text: str) -> None:
    """A body paragraph with a two-character first-line indent."""
    p = _paragraph(doc, text)
    p.paragraph_format.first_line_indent = Pt(32)
    p.paragraph_format.line_spacing = Pt(28)


def _rule(paragraph: Any, color: str = "C00000", size: int = 18) -> None:
    """A bottom border under the paragraph: the red rule of the masthead."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "1"), ("w:color", color)):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _page_number(section: Any) -> None:
    """'— PAGE —' centred in the footer."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run("— "), TITLE_FONT, 14)
    run = p.add_run()
    set_font(run, TITLE_FONT, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    set_font(p.add_run(" —"), TITLE_FONT, 14)


def _table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[str]], widths_mm: Sequence[float]) -> Any:
    """A grid table with a shaded header row repeated on every page; rows never split across pages."""
    widths = [Mm(w) for w in widths_mm]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # Word and LibreOffice then keep the widths below
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    _repeat_header(table.rows[0])
    for cell, text, width in zip(table.rows[0].cells, header, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(cell.paragraphs[0].add_run(text), HEADING_FONT, TABLE_SIZE)
        _shade(cell, "D9E2F3")
    for values in rows:
        row = table.add_row()
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, text, width in zip(row.cells, values, widths, strict=True):
            cell.width = width
            set_font(cell.paragraphs[0].add_run(str(text)), BODY_FONT, TABLE_SIZE)
    return table


def _picture(doc: Any, png: bytes, width_mm: float = 150) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))


def _heading(doc: Any, text: str) -> None:
    h = doc.add_heading(level=1)
    h.paragraph_format.space_before = Pt(12)
    h.paragraph_format.space_after = Pt(6)
    set_font(h.add_run(text), HEADING_FONT, 16, color=RGBColor(0, 0, 0))


def _issued(snapshot: dict[str, Any]) -> str:
    d = date.fromisoformat(snapshot.get("issued") or date.today().isoformat())
    return f"{d.year}年{d.month}月{d.day}日"


def _masthead(doc: Any, s: dict[str, Any]) -> None:
    region = s["region"]["name"]
    _paragraph(
        doc,
        f"{region}碳达峰碳中和工作",
        size=26,
        font=TITLE_FONT,
        bold=True,
        color=RED,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _paragraph(doc, "调 度 通 报", size=36, font=TITLE_FONT, bold=True, color=RED, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, s.get("serial") or "", size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    line = _paragraph(doc, f"{s['issuer']}　　　　{_issued(s)}", size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _rule(line)
    _paragraph(doc)
    _paragraph(doc, s["title"], size=20, font=TITLE_FONT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _overview(doc: Any, s: dict[str, Any]) -> None:
    summary, period = s["summary"], s["period"]["label"]
    by_status, grades = summary["by_status"], summary["grades"]
    plans = "、".join(f"《{p['title']}》" for p in s.get("plans", [])) or "实施方案"
    _body(
        doc,
        f"按照碳达峰工作调度安排，现将{period}{s['region']['name']}{plans}落实情况通报如下。"
        f"本期调度重点任务{summary['tasks']}项，其中已完成{by_status['completed']}项、"
        f"正常推进{by_status['on_track']}项、进度滞后{by_status['behind']}项、未启动{by_status['not_started']}项，"
        f"本期未报送进展{summary['not_updated']}项，逾期未完成{summary['overdue']}项。",
    )
    _body(
        doc,
        f"纳入监测的主要目标{summary['targets']}项，其中红色预警{grades['red']}项、黄色预警{grades['yellow']}项、"
        f"绿色{grades['green']}项，暂无监测数据未评估{grades['ungraded']}项。",
    )
    _picture(doc, charts.grade_chart(grades), 120)


def _targets(doc: Any, s: dict[str, Any]) -> None:
    targets = s["targets"]
    if not targets:
        _body(doc, "本期无纳入监测的主要目标。")
        return
    rows = []
    for i, t in enumerate(targets, 1):
        latest = "—" if t.get("latest_value") is None else f"{number(t['latest_value'])}\n（{t.get('latest_year')}）"
        rows.append(
            [
                str(i),
                t["indicator"],
                target_text(t),
                str(t.get("year") or "—"),
                latest,
                percent(t.get("progress")),
                GRADES.get(t.get("grade") or "", "未评估"),
                percent(t.get("p_meet")),
            ]
        )
    table = _table(
        doc,
        ["序号", "指标", "目标", "目标年", "最新值（年份）", "完成进度", "预警等级", "达标概率"],
        rows,
        [9, 35, 24, 12, 22, 15, 25, 14],
    )
    for row, t in zip(table.rows[1:], targets, strict=True):
        if t.get("grade") in GRADE_FILL:
            _shade(row.cells[6], GRADE_FILL[t["grade"]])
    if s.get("grades_note"):
        _paragraph(doc, s["grades_note"], size=10.5)
    png = charts.progress_chart(targets)
    if png:
        _picture(doc, png, 150)


def _tasks(doc: Any, s: dict[str, Any]) -> None:
    tasks = s["tasks"]
    if s["summary"]["departments"]:
        _picture(doc, charts.department_chart(s["summary"]["departments"]), 150)
    if not tasks:
        _body(doc, "本期无调度任务。")
        return
    rows = []
    for t in tasks:
        flags = "、".join(f for f, on in (("逾期", t["overdue"]), ("未更新", t["not_updated"])) if on)
        narrative = t.get("narrative") or ""
        if len(narrative) > NARRATIVE_CHARS:
            narrative = narrative[:NARRATIVE_CHARS] + "……"
        rows.append(
            [
                str(t.get("number") or ""),
                t["title"],
                t.get("lead") or "—",
                t.get("status_label") or "未报送",
                "—" if t.get("percent") is None else f"{t['percent']}%",
                t.get("deadline") or "—",
                narrative or "—",
                flags or "—",
            ]
        )
    table = _table(
        doc,
        ["序号", "任务", "牵头单位", "状态", "进度", "完成时限", "本期进展", "标记"],
        rows,
        [9, 28, 20, 16, 11, 19, 39, 14],
    )
    for row, t in zip(table.rows[1:], tasks, strict=True):
        if t["overdue"]:
            _shade(row.cells[7], GRADE_FILL["red"])
        elif t["not_updated"]:
            _shade(row.cells[7], GRADE_FILL["yellow"])


def _issues(doc: Any, s: dict[str, Any]) -> None:
    summary = s["summary"]
    red = [t for t in s["targets"] if t.get("grade") == "red"]
    if red:
        names = "、".join(f"{t['indicator']}（{t.get('year') or ''}年目标）" for t in red)
        _body(doc, f"（一）预警目标。{names}处于红色预警，需研究提出针对性措施。")
    else:
        _body(doc, "（一）预警目标。本期无红色预警目标。")
    overdue = [t for t in s["tasks"] if t["overdue"]]
    if overdue:
        names = "；".join(
            f"{t['title']}（{t.get('lead') or '牵头单位未明确'}，时限{t.get('deadline')}）" for t in overdue
        )
        _body(doc, f"（二）逾期任务。{len(overdue)}项任务已过完成时限尚未完成：{names}。")
    else:
        _body(doc, "（二）逾期任务。本期无逾期未完成任务。")
    lagging = [d for d in summary["departments"] if d["not_updated"]]
    _body(doc, f"（三）报送情况。{len(lagging)}个牵头单位有任务本期未报送进展，具体如下。")
    if lagging:
        _table(
            doc,
            ["牵头单位", "牵头任务", "本期已报送", "未报送", "逾期"],
            [
                [d["name"], str(d["tasks"]), str(d["reported"]), str(d["not_updated"]), str(d["overdue"])]
                for d in lagging
            ],
            [60, 24, 24, 24, 24],
        )


def _next_steps(doc: Any, s: dict[str, Any]) -> None:
    _body(
        doc,
        "请各牵头单位对照任务分工，于下一调度周期结束前在系统中报送任务进展和佐证材料；"
        "对逾期和进度滞后的任务，说明原因并提出整改措施和完成时限；"
        "对红色、黄色预警目标，相关单位要加强分析研判，确保完成目标任务。",
    )


def build_docx(snapshot: dict[str, Any]) -> bytes:
    """The .docx bytes of a dispatch report built from its snapshot (see `tanda.reports.snapshot`)."""
    s = check(snapshot)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    set_default_font(doc, BODY_FONT, 16)
    doc.core_properties.title = s["title"]
    doc.core_properties.author = s["issuer"]
    doc.core_properties.subject = f"{s['region']['name']} {s['period']['label']} 调度通报"
    _page_number(section)
    _masthead(doc, s)
    for heading, part in zip(HEADINGS, (_overview, _targets, _tasks, _issues, _next_steps), strict=True):
        _heading(doc, heading)
        part(doc, s)
    _paragraph(doc)
    _paragraph(doc, s["issuer"], align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(doc, _issued(s), align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
