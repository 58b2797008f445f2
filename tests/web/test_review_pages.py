"""The review pages: two stored plans reviewed, the Word opinion, the API, permissions, and the mapping table."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from docx import Document

from tanda.plan import parse_text
from tanda.web.core.models import Region
from tanda.web.plans.store import store_plan
from tanda.web.review.models import DepartmentMapping

pytestmark = pytest.mark.django_db

PARENT = """某省碳达峰实施方案

一、主要目标
到2025年，非化石能源消费比重达到20%，单位地区生产总值二氧化碳排放比2020年下降18%，森林覆盖率达到46%，风电、太阳能发电装机容量达到3000万千瓦。

二、重点任务
（一）能源绿色低碳转型行动
1.大力发展新能源。加快建设风电和光伏发电基地。（省能源局、省工业和信息化厅按职责分工负责）
（二）各地区梯次有序碳达峰行动
1.科学合理确定达峰目标。各市县制定方案。（省发展改革委负责）
"""
CHILD = """梅河口市碳达峰实施方案

一、主要目标
到2025年，非化石能源消费占比达到20%，单位地区生产总值二氧化碳排放比2020年下降16%，风电、太阳能发电装机容量达到30万千瓦。

二、重点任务
（一）能源绿色低碳转型行动
1.大力发展新能源。建设风电项目。（发改局、经信局负责）
"""


def store(text: str, region: str, *, published: bool = True, parent=None):
    return store_plan(
        parse_text(text),
        region=Region.objects.get(code=region),
        source_name=f"{region}.txt",
        source_file=text.encode(),
        source_text=text,
        parent=parent,
        published=published,
    )


@pytest.fixture
def pair(regions):
    parent = store(PARENT, "220000")
    return store(CHILD, "220581", parent=parent), parent


def test_anyone_sees_the_review_of_two_published_plans(client, pair):
    child, parent = pair
    page = client.get(reverse("review:review", args=[child.pk, parent.pk])).content.decode()
    for label in ("一致", "弱于上级", "未设置", "不可直接比较"):
        assert label in page
    assert page.count('class="verdict v-') >= 4 + 6  # four rows and the six counters
    source = reverse("plans:source", args=[parent.pk])
    assert f"{source}?target=" in page  # each quote links to its place in the source
    assert reverse("review:opinion", args=[child.pk, parent.pk]) in page


def test_the_index_offers_the_stored_pair(client, pair):
    child, parent = pair
    page = client.get(reverse("review:index")).content.decode()
    assert reverse("review:review", args=[child.pk, parent.pk]) in page
    response = client.get(reverse("review:index"), {"child": child.pk, "parent": parent.pk})
    assert response.status_code == 302 and response["Location"] == reverse("review:review", args=[child.pk, parent.pk])


def test_filtering_by_verdict(client, pair):
    child, parent = pair
    page = client.get(reverse("review:review", args=[child.pk, parent.pk]), {"verdict": "weaker"}).content.decode()
    assert page.count('class="row-weaker"') == 1 and 'class="row-consistent"' not in page


def test_unpublished_plans_need_an_account(client, regions, viewer):
    parent = store(PARENT, "220000", published=False)
    child = store(CHILD, "220581", parent=parent)
    url = reverse("review:review", args=[child.pk, parent.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(reverse("review:opinion", args=[child.pk, parent.pk])).status_code == 302
    assert client.get("/api/review/", {"child": child.pk, "parent": parent.pk}).status_code == 401
    client.force_login(viewer)
    assert client.get(url).status_code == 200


def test_the_opinion_downloads_as_word_with_the_table(client, pair):
    child, parent = pair
    response = client.get(reverse("review:opinion", args=[child.pk, parent.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    assert len(doc.tables[0].rows) == 1 + 4
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "梅河口市碳达峰实施方案" in text and "吉林省碳达峰碳中和工作领导小组办公室" in text


def test_a_plan_against_itself_is_refused_with_a_message(client, pair):
    child, _ = pair
    response = client.get(reverse("review:review", args=[child.pk, child.pk]))
    assert response.status_code == 400
    assert "同一份方案" in response.content.decode()
    assert client.get("/api/review/", {"child": child.pk, "parent": child.pk}).status_code == 400


def test_api_answers_the_cli_shape(client, pair):
    child, parent = pair
    data = client.get("/api/review/", {"child": child.pk, "parent": parent.pk}).json()
    assert [i["verdict"] for i in data["items"]] == ["consistent", "weaker", "missing", "not comparable"]
    assert "非化石能源消费比重达到20%" in data["items"][0]["parent"]["quote"]
    assert data["uncovered_actions"][0]["title"] == "各地区梯次有序碳达峰行动"
    assert data["child"]["ref"] == f"plan:{child.pk}"


def test_cli_reviews_stored_plans(pair, capsys):
    from tanda.cli import main

    child, parent = pair
    assert main(["plan", "review", f"plan:{child.pk}", f"plan:{parent.pk}"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["items"]) == 4 and data["items"][1]["verdict"] == "weaker"
    assert main(["plan", "review", f"plan:{child.pk}", "plan:999999"]) == 2
    assert "999999" in capsys.readouterr().err


def test_the_regions_mapping_table_is_used_and_edited_only_by_its_office(client, pair, jilin_office, meihekou_office):
    child, parent = pair
    url = reverse("review:departments", args=["220000"])
    client.force_login(meihekou_office)
    assert client.post(url, {"action": "copy_defaults"}).status_code == 403
    assert not DepartmentMapping.objects.exists()
    client.force_login(jilin_office)
    assert client.post(url, {"action": "copy_defaults"}).status_code == 302
    assert DepartmentMapping.objects.filter(region_id="220000").count() > 20
    review = reverse("review:review", args=[child.pk, parent.pk])
    assert (
        "经信局"
        not in client.get(review).content.decode().split('id="departments"')[1].split("下级方案中无上级对应的单位")[0]
    )
    response = client.post(url, {"parent_name": "工业和信息化厅", "child_name": "经信局", "note": "梅河口的叫法"})
    assert response.status_code == 302
    departments = client.get(review).content.decode().split('id="departments"')[1]
    row = departments.split("省工业和信息化厅")[1].split("</tr>")[0]
    assert "经信局" in row
    duplicate = client.post(url, {"parent_name": "工业和信息化厅", "child_name": "经信局"})
    assert "已经存在" in duplicate.content.decode()
    mapping = DepartmentMapping.objects.get(child_name="经信局")
    client.post(url, {"action": "delete", "row": mapping.pk})
    assert not DepartmentMapping.objects.filter(child_name="经信局").exists()
    assert mapping.history.count() == 2  # created, deleted
