"""In headless Chromium: the assessment's map of Jilin's cities and the ranking chart are drawn (ECharts,
vendored, offline), and the review page downloads its Word opinion."""

from __future__ import annotations

import pytest
from browser_support import SHOTS
from playwright.sync_api import expect
from test_assessment_pages import SCHEME
from test_review_pages import CHILD, PARENT, store

from tanda.web.assessment.models import Assessment, Scheme, Subject, Value
from tanda.web.assessment.services import create_subjects

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_map_and_ranking_chart_are_drawn_and_the_opinion_downloads(live_server, regions, open_page):
    scheme = Scheme.objects.create(name="测试方案", region_id="220000", definition=SCHEME)
    assessment = Assessment.objects.create(
        title="吉林省各市评价", year=2016, scheme=scheme, region_id="220000", subject_kind="region", published=True
    )
    create_subjects(assessment)
    for code, tasks in (("220100", 90), ("220200", 70)):
        subject = Subject.objects.get(assessment=assessment, region_id=code)
        Value.objects.create(subject=subject, indicator="co2", value=95, previous=100)
        Value.objects.create(subject=subject, indicator="tasks", value=tasks)
    parent = store(PARENT, "220000")
    child = store(CHILD, "220581", parent=parent)
    page = open_page()
    page.goto(f"{live_server.url}{assessment.get_absolute_url()}")
    expect(page.locator("#assessment-map[data-ready='1'] canvas")).to_have_count(1)
    expect(page.locator("#assessment-chart[data-ready='1'] canvas")).to_have_count(1)
    page.screenshot(path=str(SHOTS / "tanda-browser-assessment.png"), full_page=True)
    page.goto(f"{live_server.url}/review/{child.pk}/{parent.pk}/")
    with page.expect_download() as download:
        page.click("text=下载审核意见（Word）")
    assert download.value.suggested_filename.endswith(".docx")
    page.screenshot(path=str(SHOTS / "tanda-browser-review.png"), full_page=True)
