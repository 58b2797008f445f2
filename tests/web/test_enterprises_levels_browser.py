"""In headless Chromium: an office enters a level on the levels page and a project's class appears on the list.

Uses Debian's /usr/bin/chromium (never a downloaded browser) and fails, not skips, without it.
A screenshot goes to /tmp/tanda-levels-*.png for a person to look at.
"""

from __future__ import annotations

import pytest
from browser_support import SHOTS, sign_in
from playwright.sync_api import expect
from test_enterprises_levels_support import FORM, make_project

from tanda.web.enterprises.models import EnteredLevel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_office_enters_a_level_and_the_project_gets_its_class(live_server, jilin_office, password, open_page):
    project = make_project("220581", design=15.0, name="梅河口示例项目（合成数据）")
    page = open_page()
    sign_in(page, live_server.url, jilin_office.username, password, next="/enterprises/projects/")
    row = page.locator("tr", has_text=project.name)
    expect(row.locator(".class-badge")).to_have_text("未作能效分类")

    page.click("nav.tabs >> text=标杆水平和基准水平")
    expect(page.locator("h1")).to_contain_text("能效标杆水平和基准水平")
    form = page.locator("#level-form")
    for name, value in FORM.items():
        form.locator(f"#id_{name}").fill(value)
    form.locator("#id_region").select_option("220000")
    form.locator("button[type=submit]").click()
    expect(page.locator("ul.messages")).to_contain_text("已录入")
    expect(page.locator("#entered-levels")).to_contain_text("附件1 表1 第3行")
    assert EnteredLevel.objects.get().entered_by_id == jilin_office.pk
    page.screenshot(path=str(SHOTS / "tanda-levels-page.png"), full_page=True)

    page.click("nav.tabs >> text=两高项目清单")
    row = page.locator("tr", has_text=project.name)
    expect(row.locator(".class-badge")).to_have_text("标杆与基准之间")
    expect(row.locator(".level-source").first).to_contain_text("本地录入")
    expect(row).to_contain_text("吉林省")
    page.screenshot(path=str(SHOTS / "tanda-levels-projects.png"), full_page=True)
