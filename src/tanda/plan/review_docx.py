"""The review opinion (审核意见) as a Word document an office edits and sends.

Laid out like a government letter (GB/T 9704 page margins; 仿宋 body, 黑体/楷体 headings, 小标宋 title):
the addressee, what was reviewed against what, the verdict counts, the target-by-target table with both
quotes, then what the child should change (weaker, missing and other-year targets, actions without
tasks, tasks without a responsible unit), the department correspondence, and a signature block left for
the office to fill in. Everything is ordinary Word text: the office edits it freely before sending.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from tanda.plan.review import WARNINGS, Review
from tanda.plan.review_compare import VERDICT_LABELS, VERDICTS
from tanda.reports.docx_text import add_paragraph, set_cell_text, set_default_font

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312"}
TO_CHANGE = ("weaker", "missing", "different year")
TABLE_HEADER = ("序号", "指标", "目标年", "上级方案目标（原文）", "本级方案目标（原文）", "审核结论", "说明")


def _paragraph(doc, text: str = "", *, font: str = BODY_FONT, size: float = 16, indent: bool = True, align=None):
    p = add_paragraph(doc, text, font=font, size=size, align=align)
    p.paragraph_format.line_spacing = Pt(28)
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    return p


def _heading(doc, text: str, level: int) -> None:
    _paragraph(doc, text, font=HEADING_FONTS[level], size=16)


def _cell(cell, text: str, *, bold: bool = False, size: float = 10.5) -> None:
    set_cell_text(cell, text, font="黑体" if bold else BODY_FONT, size=size, bold=bold)


def _plan_name(title: str, doc_number: str | None) -> str:
    return f"《{title}》" + (f"（{doc_number}）" if doc_number else "")


def _summary(review: Review) -> str:
    counts = review.counts()
    parts = [f"{VERDICT_LABELS[v]}{counts[v]}项" for v in VERDICTS if counts[v]]
    return f"上级方案共设置量化目标{len(review.items)}项，经逐项比对，" + "、".join(parts) + "。"


def _target_table(doc, review: Review) -> None:
    table = doc.add_table(rows=1, cols=len(TABLE_HEADER))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, TABLE_HEADER, strict=True):
        _cell(cell, text, bold=True)
    for n, item in enumerate(review.items, start=1):
        name = item.indicator.name_zh if item.indicator else item.parent.indicator
        year = str(item.parent.year) if item.parent.year else "—"
        child = item.child.quote if item.child else "—"
        if item.child and item.child.year != item.parent.year:
            child += f"（{item.child.year or '未写明'}年）"
        explanation = "；".join([item.explanation, *item.note_texts])
        row = table.add_row().cells
        for cell, text in zip(
            row,
            (str(n), name, year, item.parent.quote, child, VERDICT_LABELS[item.verdict], explanation),
            strict=True,
        ):
            _cell(cell, text)
    widths = (Cm(1.1), Cm(3.2), Cm(1.5), Cm(6.0), Cm(6.0), Cm(2.2), Cm(4.5))
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _numbered(doc, lines: list[str]) -> None:
    for n, line in enumerate(lines, start=1):
        _paragraph(doc, f"{n}. {line}")


def _changes(review: Review) -> list[str]:
    lines = []
    for item in review.items:
        if item.verdict not in TO_CHANGE:
            continue
        name = item.indicator.name_zh if item.indicator else item.parent.indicator
        year = f"{item.parent.year}年" if item.parent.year else ""
        if item.verdict == "weaker":
            lines.append(
                f"{name}：上级方案要求{year}{item.parent_text}，本级方案为{item.child_text}，建议对标上级要求。"
            )
        elif item.verdict == "missing":
            lines.append(f"{name}：上级方案要求{year}{item.parent_text}，本级方案未设置，建议结合本地实际补充。")
        else:
            lines.append(f"{name}：{item.explanation}，建议补充{year}目标。")
    for action in review.uncovered_actions:
        lines.append(
            f"上级方案“{action.parent.title}”（{len(action.parent.tasks)}项任务）在本级方案中没有对应任务，建议补充或说明理由。"
        )
    for task in review.tasks_without_departments:
        lines.append(f"任务“{task.title}”未明确责任单位，建议明确牵头和配合单位。")
    return lines


def build_opinion(review: Review, *, reviewer: str = "", addressee: str = "", today: date | None = None) -> bytes:
    """The opinion as .docx bytes. `reviewer` signs it (e.g. 省碳达峰碳中和工作领导小组办公室);
    `addressee` defaults to the child plan's issuer."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2.8), Cm(2.6)
    section.left_margin, section.right_margin = Cm(2.6), Cm(2.6)
    set_default_font(doc, BODY_FONT)

    child, parent = review.child, review.parent
    _paragraph(
        doc,
        f"关于{_plan_name(child.title, None)}的审核意见",
        font=TITLE_FONT,
        size=22,
        indent=False,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _paragraph(doc)
    _paragraph(doc, f"{addressee or child.issuer or '（报送单位）'}：", indent=False)
    _paragraph(
        doc,
        f"报送的{_plan_name(child.title, child.doc_number)}收悉。按照{_plan_name(parent.title, parent.doc_number)}"
        "关于各地区制定碳达峰实施方案、经综合平衡和审核后印发实施的要求，对照上级方案的主要目标、重点任务和责任分工，"
        "对方案进行了审核。现将审核意见反馈如下：",
    )
    for code in review.warnings:
        _paragraph(doc, f"（{WARNINGS[code]}）")

    _heading(doc, "一、总体情况", 1)
    covered = sum(1 for a in review.actions if a.covered)
    _paragraph(
        doc,
        _summary(review)
        + f"上级方案{len(review.actions)}项重点行动和保障措施中，本级方案有对应任务的{covered}项。"
        + f"本级方案另设上级方案未涉及的指标{len(review.child_only)}项。",
    )

    _heading(doc, "二、目标衔接情况", 1)
    _paragraph(doc, "逐项比对情况见下表（“原文”为两份方案的表述；总量指标需与分解到本地区的份额比较）。")
    _target_table(doc, review)

    _heading(doc, "三、需要修改完善的问题", 1)
    changes = _changes(review)
    if changes:
        _numbered(doc, changes)
    else:
        _paragraph(doc, "未发现需要修改的问题。")

    _heading(doc, "四、责任分工衔接", 1)
    mapped = [d for d in review.departments if d.child]
    unmapped = [d.parent for d in review.departments if not d.child]
    _paragraph(
        doc,
        f"上级方案涉及的{len(review.departments)}个责任单位中，{len(mapped)}个在本级方案中有对应单位："
        + "；".join(f"{d.parent}—{'、'.join(d.child)}" for d in mapped)
        + "。",
    )
    if unmapped:
        _paragraph(doc, "以下单位在本级方案中未找到对应单位，请核实是否需要明确：" + "、".join(unmapped) + "。")

    _heading(doc, "五、下一步工作", 1)
    _paragraph(
        doc, "请对照上述意见修改完善方案，经本级碳达峰碳中和工作领导小组审议后按程序印发实施，并将印发稿报送备案。"
    )
    _paragraph(doc)
    _paragraph(doc, reviewer or "（审核单位）", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    when = today or date.today()
    _paragraph(doc, f"{when.year}年{when.month}月{when.day}日", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def write_opinion(review: Review, path: str | Path, **kwargs) -> Path:
    path = Path(path)
    path.write_bytes(build_opinion(review, **kwargs))
    return path
