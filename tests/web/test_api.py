"""The plans JSON API: the pages' reading rules, the parse shape, and a refused file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tanda.plan import parse_text
from tanda.web.core.models import Region
from tanda.web.plans.store import store_plan

pytestmark = pytest.mark.django_db

TEXT = """某市碳达峰实施方案

一、主要目标
到2025年，非化石能源消费比重达到12%左右。
二、重点任务
（一）能源绿色低碳转型行动
1.大力发展新能源。推进风电光伏建设。（市能源局、市发改委按职责分工负责）
"""


def _plan(published: bool):
    region = Region.objects.get(code="220581")
    data = TEXT.encode()
    return store_plan(
        parse_text(TEXT), region=region, source_name="p.txt", source_file=data, source_text=TEXT, published=published
    )


def test_published_plan_is_served_with_tasks_and_targets(client):
    plan = _plan(published=True)
    body = client.get(f"/api/plans/{plan.pk}").json()
    assert body["region"] == "220581"
    target = body["targets"][0]
    assert (target["indicator"], target["value"], target["unit"], target["year"]) == (
        "非化石能源消费比重",
        12,
        "%",
        2025,
    )
    assert TEXT[target["start"] : target["end"]] == target["quote"]
    task = body["tasks"][0]
    assert task["title"] == "大力发展新能源"
    assert task["departments"] == ["市能源局", "市发改委"] and task["lead"] == "市能源局"
    assert [p["id"] for p in client.get("/api/plans/").json()] == [plan.pk]


def test_unpublished_plan_needs_an_account(client, django_user_model):
    plan = _plan(published=False)
    assert client.get(f"/api/plans/{plan.pk}").status_code == 401
    assert client.get("/api/plans/").json() == []
    client.force_login(django_user_model.objects.create_user("reader"))
    assert client.get(f"/api/plans/{plan.pk}").status_code == 200


def test_parse_returns_the_structure_and_stores_nothing(client):
    upload = SimpleUploadedFile("plan.txt", TEXT.encode())
    body = client.post("/api/plans/parse", {"file": upload}).json()
    assert body["targets"][0]["value"] == 12
    assert {"title", "doc_number", "issuer", "date", "sections", "tasks", "targets", "rules"} <= body.keys()
    assert client.get("/api/plans/").json() == []


def test_parse_refuses_a_binary_file_with_its_name(client):
    upload = SimpleUploadedFile("plan.txt", b"\x00\x01\x02binary\x00" * 10)
    response = client.post("/api/plans/parse", {"file": upload})
    assert response.status_code == 422
    assert "plan.txt" in response.json()["detail"]
