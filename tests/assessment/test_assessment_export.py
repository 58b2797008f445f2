"""Excel and Word exports show the ranking, and missing data as missing (empty with a reason), never 0."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from openpyxl import load_workbook

from tanda.assessment import Datum, packaged_scheme, score_subjects
from tanda.assessment.export import build_report, build_workbook


def result():
    gdi = packaged_scheme("green_development_index")
    full = {i.code: Datum(80.0, source="demo") for i in gdi.indicators}
    partial = {i.code: Datum(70.0) for i in gdi.indicators if i.code != "environmental_governance_index"}
    return score_subjects(gdi, [("220100", "长春市"), ("220600", "白山市")], {"220100": full, "220600": partial})


def test_workbook_ranking_and_missing_cells():
    wb = load_workbook(io.BytesIO(build_workbook(result(), title="演示")))
    assert wb.sheetnames == ["排名", "指标得分", "评价方案", "等级标准"]
    ranking = list(wb["排名"].iter_rows(values_only=True))
    assert ranking[0][0] == "演示"
    assert ranking[1][:5] == ("排名", "评价对象", "综合得分", "等级", "数据覆盖率（%）")
    assert ranking[2][:4] == (1, "长春市", 80.0, "良好")
    assert ranking[3][1] == "白山市" and ranking[3][4] == 83.5  # graded on the 83.5 % of the weight it has
    detail = list(wb["指标得分"].iter_rows(values_only=True))
    gap = next(r for r in detail if r[0] == "白山市" and r[1] == "环境治理指数")
    assert gap[2] is None and gap[5] is None and gap[7] == "无数据"
    weights = [r[3] for r in wb["评价方案"].iter_rows(min_row=2, values_only=True)]
    assert sum(weights) == 100.0


def test_word_report_has_the_ranking_table_and_names_missing_data():
    doc = Document(io.BytesIO(build_report(result(), title="吉林省各市（州）绿色发展指数", today=date(2025, 1, 2))))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "白山市：环境治理指数（无数据）" in text
    ranking = doc.tables[0]
    header = [c.text for c in ranking.rows[0].cells]
    assert header[:4] == ["排名", "评价对象", "综合得分", "等级"]
    assert [c.text for c in ranking.rows[1].cells][:4] == ["1", "长春市", "80.00", "良好"]
    contributions = doc.tables[1]
    baishan = [c.text for c in contributions.rows[2].cells]
    assert "无数据" in baishan
