"""The change log shows who changed which field, old → new, and the import as one entry."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def rows(page: str) -> list[str]:
    """The history table's body rows as plain text, tags removed."""
    body = page.split("<tbody>", 1)[1].rsplit("</tbody>", 1)[0]
    entries = body.split('<tr class="action-')[1:]  # one per change; a change holds a table of fields
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", "<" + entry)).strip() for entry in entries]


def test_history_shows_old_and_new_value_and_who(client, make_plan, jilin_office):
    plan = make_plan("220000")
    target = plan.targets.get(indicator="单位地区生产总值能源消耗")
    client.force_login(jilin_office)
    data = {
        "section": target.section_id,
        "indicator": target.indicator,
        "value": "14",
        "unit": "%",
        "year": "2025",
        "baseline_year": "2020",
        "kind": "reduction",
        "quote": target.quote,
    }
    client.post(reverse("plans:target_edit", args=[plan.pk, target.pk]), data)
    client.post(reverse("plans:publish", args=[plan.pk]), {"published": "0"})
    page = client.get(reverse("plans:history", args=[plan.pk])).content.decode()
    lines = rows(page)
    edit = next(line for line in lines if "单位地区生产总值能源消耗" in line)
    assert "jilin-office" in edit
    assert "修改" in edit
    assert "目标值 13.5 → 14" in edit
    assert "start" not in edit
    publish = next(line for line in lines if "已公开" in line)
    assert "是 → 否" in publish and "jilin-office" in publish
    imported = lines[-1]
    assert "导入文件 plan-1.txt：2 个目标，1 项任务，0 条规则" in imported
    # the import's own rows are the baseline, not entries
    assert len(lines) == 3


def test_history_of_task_departments_deletion_and_addition(client, make_plan, meihekou_office):
    plan = make_plan("220581")
    task = plan.tasks.get()
    client.force_login(meihekou_office)
    data = {"title": task.title, "text": task.text, "departments": "市能源局、市发展改革委", "implementers_text": ""}
    client.post(reverse("plans:task_edit", args=[plan.pk, task.pk]), data)
    target = plan.targets.first()
    client.post(reverse("plans:target_delete", args=[plan.pk, target.pk]))
    lines = rows(client.get(reverse("plans:history", args=[plan.pk])).content.decode())
    joined = "\n".join(lines)
    assert "市能源局 配合 → 牵头" in joined
    assert "市发展改革委 牵头 → 配合" in joined
    assert "市工业和信息化局 配合 → —" in joined
    assert "落实单位 各县（市、区）政府 → —" in joined
    deletion = next(line for line in lines if "删除" in line)
    assert target.indicator in deletion and "meihekou-office" in deletion
    assert "目标值 13.5 → —" in deletion  # what was deleted stays readable


def test_history_of_a_deleted_task_is_one_entry(client, make_plan, jilin_office):
    plan = make_plan("220000")
    task = plan.tasks.get()
    client.force_login(jilin_office)
    client.post(reverse("plans:task_delete", args=[plan.pk, task.pk]))
    lines = rows(client.get(reverse("plans:history", args=[plan.pk])).content.decode())
    assert len(lines) == 2  # the deletion and the import; its departments went with it
    assert "删除" in lines[0] and task.title in lines[0]


def test_added_target_lists_its_values(client, make_plan, jilin_office):
    plan = make_plan("220000")
    client.force_login(jilin_office)
    data = {"indicator": "森林覆盖率", "value": "45", "unit": "%", "year": "2030", "kind": "level", "quote": ""}
    client.post(reverse("plans:target_add", args=[plan.pk]), data)
    added = next(line for line in rows(client.get(reverse("plans:history", args=[plan.pk])).content.decode()))
    assert "新增" in added and "目标值 — → 45" in added and "目标年 — → 2030" in added
