"""Helpers of the levels tests: a made-up product's level and projects (no published numbers here)."""

from __future__ import annotations

from typing import Any

from tanda.web.enterprises.models import EnteredLevel, Project

PRODUCT = "demo_widget"

# A made-up product: benchmark 10, baseline 20 (kgce/t). These test the rules, not a published level.
FORM = {
    "product": PRODUCT,
    "field_zh": "示例领域",
    "product_zh": "示例产品（测试）",
    "product_en": "Demo widget",
    "indicator_zh": "单位产品综合能耗",
    "unit": "kgce/t",
    "benchmark": "10",
    "baseline": "20",
    "edition": "2023",
    "document": "示例文件〔2023〕1号",
    "deadline": "2026-12-31",
    "division": "26",
    "citation": "附件1 表1 第3行",
}


def make_level(region: str | None = None, user: Any = None, **values: Any) -> EnteredLevel:
    """Store a level directly (as a stored row would be), overriding any of FORM's values."""
    data: dict[str, Any] = {**FORM, **values}
    data["benchmark"], data["baseline"], data["edition"] = (
        float(data["benchmark"]),
        float(data["baseline"]),
        int(data["edition"]),
    )
    return EnteredLevel.objects.create(region_id=region, entered_by=user, **data)


def make_project(region: str = "220581", *, product: str = PRODUCT, design: float = 15.0, name: str = "") -> Project:
    return Project.objects.create(
        name=name or f"示例项目 {region}（合成数据）",
        region_id=region,
        industry="2614",
        product=product,
        design_energy_tce=1000,
        design_unit_consumption=design,
        status="planned",
        synthetic=True,
    )
