"""In headless Chromium: a department user sees the unread badge (loaded by htmx), reports progress with
a file, and the board shows it. Uses Debian's /usr/bin/chromium; a screenshot goes to /tmp."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from dispatch_samples import make_world
from playwright.sync_api import expect, sync_playwright

from tanda.reports import parse_period
from tanda.web.core.models import Region
from tanda.web.dispatch.models import ProgressReport, TaskSchedule
from tanda.web.dispatch.notify import scan

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop runs in this thread
CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_department_user_reports_progress_in_the_browser(
    live_server, make_plan, make_user, password, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = make_world(make_plan, make_user)
    TaskSchedule.objects.create(task=world.renewables, deadline=date(2024, 11, 30))
    scan(
        Region.objects.get(code="220000"), parse_period("2024Q4"), today=date(2025, 1, 15), grade_service=lambda *a: []
    )
    evidence = tmp_path / "验收报告.pdf"
    evidence.write_bytes(b"%PDF-1.4 demo")
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(locale="zh-CN", viewport={"width": 1360, "height": 900})
            page.set_default_timeout(15_000)
            page.goto(f"{live_server.url}/accounts/login/")
            page.fill("#id_username", world.energy_user.username)
            page.fill("#id_password", password)
            page.click("main button[type=submit]")
            page.goto(f"{live_server.url}/dispatch/?period=2024Q4")
            expect(page.locator(".mainnav .dispatch-badge.count")).to_have_text("2")  # overdue + not updated
            page.locator(f"#task-{world.renewables.pk} a.button").click()
            page.select_option("#id_status", "behind")
            page.fill("#id_percent", "45")
            page.fill("#id_narrative", "风电项目并网推迟至明年一季度。")
            page.set_input_files("#id_files", str(evidence))
            page.click("main form button[type=submit].primary")
            expect(page.locator(".messages")).to_contain_text("2024Q4")
            page.goto(f"{live_server.url}/dispatch/?period=2024Q4")
            row = page.locator(f"#task-{world.renewables.pk}")
            expect(row).to_contain_text("进度滞后")
            expect(row).to_contain_text("45%")
            expect(row.locator(".badge.overdue")).to_be_visible()
            page.screenshot(path="/tmp/tanda-browser-dispatch-board.png", full_page=True)
        finally:
            browser.close()
    report = ProgressReport.objects.get(task=world.renewables)
    assert (report.status, report.percent, report.evidence.get().name) == ("behind", 45, "验收报告.pdf")
