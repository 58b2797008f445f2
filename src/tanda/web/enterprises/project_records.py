"""Two-high projects and benchmark levels as records (the API, the command line) and as a workbook.

The list page, its Excel export, `/api/enterprises/projects` and `tanda enterprise projects` show
the same screenings; they are turned into rows here, once.
"""

from __future__ import annotations

import io
from dataclasses import asdict

from openpyxl import Workbook
from openpyxl.styles import Font

from tanda.enterprises.benchmarks import CLASS_LABELS_ZH, LEVEL_FIELDS
from tanda.web.enterprises.levels import AppliedLevel
from tanda.web.enterprises.services import ProjectView

__all__ = ["level_record", "project_record", "projects_workbook"]


def level_record(level: AppliedLevel) -> dict:
    """A level as the API and the command line give it, with where its numbers come from."""
    ref = level.ref
    return {
        "origin": level.origin,
        "id": level.pk,
        **{name: getattr(ref, name) for name in LEVEL_FIELDS if name != "citation"},
        "region": level.region_code,
        "citation": level.citation,
        "entered_by": level.entered_by or None,
        "changed": level.changed,
        "source": level.source_text(),
    }


def project_record(view: ProjectView) -> dict:
    """A project's screening as the API and the command line give it (class, level, budget shares)."""
    p = view.project
    screenings = [
        {
            "basis": basis,
            "value": s.value,
            "unit": s.unit,
            "screening_class": s.level,
            "deadline": s.deadline,
        }
        for basis, s in (("design", view.design), ("measured", view.measured))
        if s is not None
    ]
    return {
        "id": p.pk,
        "name": p.name,
        "credit_code": p.enterprise.credit_code if p.enterprise else None,
        "region": p.region_id,
        "industry": p.industry,
        "product": p.product,
        "status": p.status,
        "capacity": p.capacity,
        "capacity_unit": p.capacity_unit,
        "design_energy_tce": p.design_energy_tce,
        "design_co2_t": p.design_co2_t,
        "screening_class": view.screening_class,
        "screenings": screenings,
        "level": level_record(view.level) if view.level else None,
        "energy_share": asdict(view.energy) if view.energy else None,
        "carbon_share": asdict(view.carbon) if view.carbon else None,
        "synthetic": p.synthetic,
    }


def projects_workbook(views: list[ProjectView]) -> bytes:
    """The list as xlsx: one sheet with class, levels, their source, deadline and budget shares."""
    book = Workbook()
    sheet = book.active
    sheet.title = "两高项目清单"
    header = [
        "项目名称",
        "建设单位",
        "统一社会信用代码",
        "地区",
        "行业代码",
        "产品",
        "状态",
        "设计产能",
        "产能单位",
        "设计年综合能耗(tce)",
        "设计年CO2(t)",
        "单位产品能耗",
        "指标单位",
        "依据",
        "标杆水平",
        "基准水平",
        "能效分类",
        "改造或退出期限",
        "水平来源",
        "水平出处",
        "占剩余能耗额度",
        "占剩余碳排放额度",
        "审批情况",
    ]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for v in views:
        p, s = v.project, v.current
        ref = v.level.ref if v.level else None
        sheet.append(
            [
                p.name + ("（合成数据）" if p.synthetic and "合成数据" not in p.name else ""),
                p.enterprise.name if p.enterprise else "",
                p.enterprise.credit_code if p.enterprise else "",
                p.region.name,
                p.industry,
                ref.product_zh if ref else p.product,
                p.get_status_display(),
                p.capacity,
                p.capacity_unit,
                p.design_energy_tce,
                p.design_co2_t,
                s.value if s else None,
                ref.unit if ref else "",
                "实测" if v.measured else ("设计" if v.design else ""),
                ref.benchmark if ref else None,
                ref.baseline if ref else None,
                CLASS_LABELS_ZH[s.level] if s else "未作能效分类",
                s.deadline.isoformat() if s and s.deadline else "",
                ("本地录入" if v.level.entered else "已核实公开来源") if v.level else "",
                v.level.source_text() if v.level else "",
                v.energy.share if v.energy else None,
                v.carbon.share if v.carbon else None,
                p.approvals,
            ]
        )
    for column, width in zip(
        "ABCDEFGHIJKLMNOPQRSTUVW",
        [28, 24, 20, 10, 8, 20, 10, 8, 8, 14, 12, 10, 14, 6, 8, 8, 22, 12, 14, 40, 10, 10, 30],
        strict=True,
    ):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
