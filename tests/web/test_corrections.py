"""Edit, add and delete targets and tasks; plain pages and htmx inline rows."""

from __future__ import annotations

import pytest
from django.urls import reverse
from web_samples import ENERGY_QUOTE, SHARE_QUOTE

from tanda.web.plans.models import Target, Task, TaskDepartment

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(make_plan):
    return make_plan("220000", published=False)


@pytest.fixture
def editor(client, jilin_office):
    client.force_login(jilin_office)
    return jilin_office


def target_data(target: Target, **changes) -> dict:
    data = {
        "section": target.section_id or "",
        "indicator": target.indicator,
        "value": target.value,
        "unit": target.unit,
        "year": target.year,
        "baseline_year": target.baseline_year or "",
        "kind": target.kind,
        "qualifier": target.qualifier,
        "quote": target.quote,
    }
    return {**data, **changes}


def test_edit_every_field_of_a_target(client, editor, plan):
    target = plan.targets.get(indicator="单位地区生产总值能源消耗")
    section = plan.sections.get(title="重点任务")
    changes = {
        "section": section.pk,
        "indicator": "单位GDP能耗",
        "value": "14",
        "unit": "％",
        "year": "2030",
        "baseline_year": "2025",
        "kind": "cap",
        "qualifier": "以上",
        "masked": "on",
        "quote": ENERGY_QUOTE,
    }
    response = client.post(reverse("plans:target_edit", args=[plan.pk, target.pk]), target_data(target, **changes))
    assert response.status_code == 302
    assert response["Location"] == f"{plan.get_absolute_url()}#target-{target.pk}"
    target.refresh_from_db()
    assert (target.section, target.indicator, target.value, target.unit) == (section, "单位GDP能耗", 14.0, "％")
    assert (target.year, target.baseline_year, target.kind, target.qualifier, target.masked) == (
        2030,
        2025,
        "cap",
        "以上",
        True,
    )


def test_changed_quote_is_found_again_in_the_source(client, editor, plan):
    target = plan.targets.get(indicator="单位地区生产总值能源消耗")
    client.post(reverse("plans:target_edit", args=[plan.pk, target.pk]), target_data(target, quote=SHARE_QUOTE))
    target.refresh_from_db()
    text = plan.source_text
    assert text[target.start : target.end] == SHARE_QUOTE
    client.post(reverse("plans:target_edit", args=[plan.pk, target.pk]), target_data(target, quote="原文里没有这句话"))
    target.refresh_from_db()
    assert (target.start, target.end) == (None, None)


def test_invalid_target_is_refused_with_the_reason(client, editor, plan):
    target = plan.targets.first()
    url = reverse("plans:target_edit", args=[plan.pk, target.pk])
    response = client.post(url, target_data(target, year="2020", baseline_year="2025", value="1"))
    assert response.status_code == 200
    assert "基准年应早于目标年" in response.content.decode()
    response = client.post(url, target_data(target, value=""))
    assert "请填写目标值" in response.content.decode()
    target.refresh_from_db()
    assert (target.year, target.value) == (2025, 13.5)


def test_add_a_missed_target(client, editor, plan):
    data = {
        "indicator": "森林覆盖率",
        "value": "45.5",
        "unit": "%",
        "year": "2030",
        "kind": "level",
        "quote": "非化石能源消费比重",
    }
    response = client.post(reverse("plans:target_add", args=[plan.pk]), data)
    assert response.status_code == 302
    added = plan.targets.get(indicator="森林覆盖率")
    assert (added.value, added.order) == (45.5, 2)
    assert plan.source_text[added.start : added.end] == "非化石能源消费比重"


def test_delete_asks_first_and_deletes_only_on_post(client, editor, plan):
    target = plan.targets.first()
    url = reverse("plans:target_delete", args=[plan.pk, target.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert target.indicator in confirm.content.decode()
    assert 'method="post"' in confirm.content.decode()
    assert Target.objects.filter(pk=target.pk).exists()
    assert client.post(url).status_code == 302
    assert not Target.objects.filter(pk=target.pk).exists()


def test_edit_a_task_and_its_departments(client, editor, plan):
    task = plan.tasks.get()
    data = {
        "section": task.section_id,
        "title": "严控煤炭消费",
        "text": "严格控制煤炭消费总量。",
        "departments": "市能源局、市发展改革委，市生态环境局",
        "implementers_text": "各县（市、区）政府、各开发区管委会",
    }
    assert client.post(reverse("plans:task_edit", args=[plan.pk, task.pk]), data).status_code == 302
    task.refresh_from_db()
    assert (task.title, task.text) == ("严控煤炭消费", "严格控制煤炭消费总量。")
    assert task.implementers == ["各县（市、区）政府", "各开发区管委会"]
    roles = {a.department.name: a.role for a in task.assignments.select_related("department")}
    assert roles == {
        "市能源局": TaskDepartment.Role.LEAD,
        "市发展改革委": TaskDepartment.Role.COOPERATING,
        "市生态环境局": TaskDepartment.Role.COOPERATING,
    }
    form = client.get(reverse("plans:task_edit", args=[plan.pk, task.pk])).content.decode()
    assert "市能源局、市发展改革委、市生态环境局" in form


def test_add_and_delete_a_task(client, editor, plan):
    data = {"title": "推进氢能产业", "text": "", "departments": "市工业和信息化局", "implementers_text": ""}
    assert client.post(reverse("plans:task_add", args=[plan.pk]), data).status_code == 302
    task = plan.tasks.get(title="推进氢能产业")
    assert task.assignments.get().role == TaskDepartment.Role.LEAD
    url = reverse("plans:task_delete", args=[plan.pk, task.pk])
    assert Task.objects.filter(pk=task.pk).exists()  # nothing deleted by the form itself
    client.post(url)
    assert not Task.objects.filter(pk=task.pk).exists()
    assert plan.tasks.count() == 1


def test_htmx_edit_swaps_a_table_row(client, editor, plan):
    target = plan.targets.first()
    url = reverse("plans:target_edit", args=[plan.pk, target.pk])
    form = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert form.lstrip().startswith('<tr class="editing">')
    assert "<html" not in form
    row = client.post(url, target_data(target, value="15"), headers={"HX-Request": "true"}).content.decode()
    assert row.lstrip().startswith(f'<tr id="target-{target.pk}">')
    assert '<td class="num nowrap">15 %</td>' in row
    target.refresh_from_db()
    assert target.value == 15.0


def test_plan_page_shows_departments_and_targets(client, plan, editor):
    page = client.get(plan.get_absolute_url()).content.decode()
    assert '<span class="dept lead">市发展改革委</span>' in page
    assert '<span class="dept">市工业和信息化局</span>' in page
    assert '<span class="dept impl">各县（市、区）政府</span>' in page
    assert "13.5 %" in page
    assert "左右" in page
    assert plan.doc_number in page
