"""Chinese fonts survive in Word: the East Asian font is named on runs, cells and the Normal style."""

from docx import Document
from docx.oxml.ns import qn

from tanda.reports.docx_text import add_paragraph, set_cell_text, set_default_font


def _east_asian(element) -> str | None:
    return element.get_or_add_rPr().get_or_add_rFonts().get(qn("w:eastAsia"))


def test_paragraphs_cells_and_default_name_the_east_asian_font():
    doc = Document()
    set_default_font(doc, "仿宋_GB2312", 16)
    run = add_paragraph(doc, "到2025年", font="黑体", size=16, bold=True).runs[0]
    table = doc.add_table(rows=1, cols=1)
    set_cell_text(table.cell(0, 0), "非化石能源消费比重", font="仿宋_GB2312", size=10.5)
    cell_run = table.cell(0, 0).paragraphs[0].runs[0]

    assert _east_asian(doc.styles["Normal"].element) == "仿宋_GB2312"
    assert doc.styles["Normal"].font.size.pt == 16
    assert (_east_asian(run._element), run.font.name, run.font.bold, run.font.size.pt) == ("黑体", "黑体", True, 16)
    assert (cell_run.text, _east_asian(cell_run._element), cell_run.font.bold) == (
        "非化石能源消费比重",
        "仿宋_GB2312",
        None,
    )
    assert add_paragraph(doc, "", font="黑体", size=16).runs == []
