"""Chinese text in python-docx, shared by every Word document tanda writes.

python-docx names only the Latin font of a run (w:ascii/w:hAnsi); without the East Asian name
(w:eastAsia) Word shows the Chinese in its own default font, so 仿宋/黑体 would silently be lost.
The dispatch report, the review opinion and the assessment report all set fonts through here.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor


def set_font(run: Any, name: str, size: float, *, bold: bool | None = None, color: RGBColor | None = None) -> None:
    """Name the font for Latin and East Asian text, and set size, weight and colour."""
    run.font.name = name
    run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def add_paragraph(doc: Any, text: str = "", *, font: str, size: float, align: Any = None, **run_format: Any) -> Any:
    """A paragraph holding one run of `text` in `font` (empty text adds no run)."""
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if text:
        set_font(paragraph.add_run(text), font, size, **run_format)
    return paragraph


def set_cell_text(cell: Any, text: str, *, font: str, size: float, bold: bool | None = None) -> None:
    """Replace a table cell's text with one run in `font`."""
    cell.text = text  # one paragraph holding one run
    set_font(cell.paragraphs[0].runs[0], font, size, bold=bold)


def set_default_font(doc: Any, name: str, size: float | None = None) -> None:
    """The document's Normal style in `name`, for Latin and East Asian text."""
    normal = doc.styles["Normal"]
    normal.font.name = name
    if size is not None:
        normal.font.size = Pt(size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
