"""The assessment demo: Jilin's nine cities under a demonstration scheme and under the green development index.

- CO2 of the cities from the CEADs city inventories (packaged reference data, read, never retyped),
  stored as observations of the indicators app through its checked import (`store_observations`);
  the assessment reads them from there. If that app has no observation store, they are entered as
  this assessment's own values instead (same numbers, same source).
- the invented values of `demo_data/demo_values.csv` (source `demo`, marked on every page).

A second run finds everything in place and changes nothing.
"""

from __future__ import annotations

import csv
import io
from importlib import resources

from django.db import transaction

from tanda.assessment.ceads import city_emissions
from tanda.assessment.scheme import load_scheme_text, packaged_scheme_text
from tanda.web.assessment.models import Assessment, Scheme, Subject, Value
from tanda.web.assessment.services import create_subjects, evaluate
from tanda.web.core.models import Region

JILIN = "220000"
YEAR = 2016  # the latest year CEADs has both this and last year's CO2 for most of Jilin's cities
CEADS_SOURCE = "CEADs city inventories (CEADs 290 cities), via tanda/data/ceads"
DEMO_TITLES = {
    "peak": "吉林省各市（州）2016年度碳达峰碳中和工作评价（演示）",
    "gdi": "吉林省各市（州）2016年度绿色发展指数（演示）",
}


def _text(name: str) -> str:
    return resources.files("tanda.web.assessment.demo_data").joinpath(name).read_text(encoding="utf-8")


def _store_ceads() -> tuple[str, int]:
    """CEADs city CO2 as observations (Mt, converted by the indicators app to the catalogue's 万吨)."""
    rows = [
        {
            "indicator": "co2_emissions",
            "region": code,
            "period": str(year),
            "value": str(mt),
            "unit": "百万吨",
            "source": CEADS_SOURCE,
            "status": "reported",
        }
        for (code, year), mt in sorted(city_emissions(JILIN).items())
    ]
    try:
        from tanda.web.indicators.store import store_observations
    except ImportError:
        return "own", 0
    counts = store_observations(rows, user=None, trusted=True, reason="demo: CEADs city inventories")
    return "observations", counts.get("new", 0)


def _scheme(name: str, text: str, packaged_key: str = "") -> Scheme:
    parsed = load_scheme_text(text)
    scheme = Scheme.objects.filter(name=name, year=YEAR).first()
    if scheme is None:
        scheme = Scheme.objects.create(
            name=name, year=YEAR, region_id=JILIN, definition=text, packaged_key=packaged_key
        )
    assert parsed.total_weight > 0
    return scheme


def _assessment(key: str, scheme: Scheme, note: str) -> Assessment:
    assessment = Assessment.objects.filter(title=DEMO_TITLES[key]).first()
    if assessment is None:
        assessment = Assessment.objects.create(
            title=DEMO_TITLES[key],
            year=YEAR,
            scheme=scheme,
            region_id=JILIN,
            subject_kind=Assessment.SubjectKind.REGION,
            published=True,
            note=note,
        )
        create_subjects(assessment)
    return assessment


def _values(assessments: dict[str, Assessment], own_co2: bool) -> int:
    subjects = {(s.assessment_id, s.region_id): s for s in Subject.objects.filter(assessment__in=assessments.values())}
    made = 0

    def number(text: str) -> float | None:
        return float(text) if text.strip() else None

    for row in csv.DictReader(io.StringIO(_text("demo_values.csv"))):
        subject = subjects[(assessments[row["assessment"]].pk, row["region"])]
        _, created = Value.objects.get_or_create(
            subject=subject,
            indicator=row["indicator"],
            defaults={
                "value": number(row["value"]),
                "previous": number(row["previous"]),
                "target": number(row["target"]),
                "source": row["source"],
            },
        )
        made += created
    if own_co2:  # no observation store: the same CEADs numbers as this assessment's own inputs (Mt → 万吨)
        co2 = city_emissions(JILIN)
        for (_, code), subject in subjects.items():
            if subject.assessment_id != assessments["peak"].pk:
                continue
            now, before = co2.get((code, YEAR)), co2.get((code, YEAR - 1))
            if now is None and before is None:
                continue
            _, created = Value.objects.get_or_create(
                subject=subject,
                indicator="co2_change",
                defaults={
                    "value": None if now is None else now * 100,
                    "previous": None if before is None else before * 100,
                    "source": CEADS_SOURCE,
                },
            )
            made += created
    return made


@transaction.atomic
def load_demo() -> list[str]:
    if not Region.objects.filter(code=JILIN).exists():
        return ["assessment: no region 220000 — demo skipped"]
    where, stored = _store_ceads()
    peak = _scheme("吉林省市（州）碳达峰碳中和年度评价（演示方案）", _text("jilin_peak_scheme.yaml"))
    gdi = _scheme("绿色发展指数", packaged_scheme_text("green_development_index"), "green_development_index")
    assessments = {
        "peak": _assessment("peak", peak, "二氧化碳排放量为CEADs城市清单数据，其余指标为演示数据（【演示】）。"),
        "gdi": _assessment("gdi", gdi, "各分类指数均为演示数据（【演示】），不是统计部门测算结果。"),
    }
    made = _values(assessments, own_co2=where == "own")
    lines = [f"assessment: CEADs city CO2 for Jilin's cities: {stored} new observations"]
    for assessment in assessments.values():
        result, error = evaluate(assessment)
        graded = sum(1 for s in result.subjects if s.grade) if result else 0
        lines.append(
            f"assessment: [{assessment.pk}] {assessment.title}: {graded} of {assessment.subjects.count()} cities graded"
            f" — /assessment/{assessment.pk}/" + (f" ({error})" if error else "")
        )
    lines.append(f"assessment: {made} demo input values stored")
    return lines
