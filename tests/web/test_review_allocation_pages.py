"""Allocation pages: the office splits a provincial total among its cities; checks and the cities' own plans."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tanda.plan import parse_text
from tanda.web.core.models import Region
from tanda.web.plans.store import store_plan
from tanda.web.review.models import Allocation, AllocationShare

pytestmark = pytest.mark.django_db

PARENT = (
    "吉林省碳达峰实施方案\n\n一、主要目标\n到2025年，新型储能装机容量达到25万千瓦以上，煤炭消费量控制在9000万吨以内。\n"
)
CHILD = "梅河口市碳达峰实施方案\n\n一、主要目标\n到2025年，煤炭消费量控制在800万吨以内。\n"


def store(text, region, parent=None):
    return store_plan(
        parse_text(text),
        region=Region.objects.get(code=region),
        source_name="p.txt",
        source_file=text.encode(),
        source_text=text,
        parent=parent,
        published=True,
    )


@pytest.fixture
def coal(regions):
    parent = store(PARENT, "220000")
    store(CHILD, "220581", parent=parent)
    return parent.targets.get(indicator__contains="煤炭")


def test_office_creates_an_allocation_for_its_cities_and_meihekou(client, coal, jilin_office):
    client.force_login(jilin_office)
    url = reverse("review:allocation_new") + f"?target={coal.pk}"
    page = client.get(url).content.decode()
    assert "长春市" in page and "梅河口市" in page
    response = client.post(url, {"method": "manual", "aggregation": "sum", "region": ["220100", "220581"]})
    allocation = Allocation.objects.get()
    assert response["Location"] == allocation.get_absolute_url()
    assert sorted(s.region_id for s in allocation.shares.all()) == ["220100", "220581"]


def test_manual_values_over_the_cap_fail_the_check_and_the_city_plan_is_shown(client, coal, jilin_office):
    allocation = Allocation.objects.create(target=coal, method="manual", aggregation="sum")
    changchun = AllocationShare.objects.create(allocation=allocation, region_id="220100")
    meihekou = AllocationShare.objects.create(allocation=allocation, region_id="220581")
    client.force_login(jilin_office)
    url = allocation.get_absolute_url()
    form = {"method": "manual", "aggregation": "sum", f"value-{changchun.pk}": "8500", f"value-{meihekou.pk}": "700"}
    client.post(url, form)
    page = client.get(url).content.decode()
    assert "下级合计不满足上级目标" in page  # 8500 + 700 > 9000
    assert "低于分解要求" in page  # 梅河口's own 800 exceeds the 700 allocated
    data = client.get(f"/api/review/allocations/{allocation.pk}").json()
    assert data["check"]["aggregate"] == 9200.0 and data["check"]["ok"] is False
    assert {r["region"]: r["status"] for r in data["rows"]} == {"220100": "not stated", "220581": "short"}


def test_a_bad_number_names_region_and_column_and_nothing_is_stored(client, coal, jilin_office):
    allocation = Allocation.objects.create(target=coal, method="weights", aggregation="sum")
    a = AllocationShare.objects.create(allocation=allocation, region_id="220100")
    b = AllocationShare.objects.create(allocation=allocation, region_id="220200")
    client.force_login(jilin_office)
    form = {"method": "weights", "aggregation": "sum", f"weight-{a.pk}": "3", f"weight-{b.pk}": "三"}
    page = client.post(allocation.get_absolute_url(), form).content.decode()
    assert "吉林市，权重：“三”不是数字" in page
    a.refresh_from_db()
    assert a.weight is None


def test_a_missing_weight_is_reported_not_taken_as_zero(client, coal, jilin_office):
    allocation = Allocation.objects.create(target=coal, method="weights", aggregation="sum")
    AllocationShare.objects.create(allocation=allocation, region_id="220100", weight=2.0)
    AllocationShare.objects.create(allocation=allocation, region_id="220200")
    page = client.get(allocation.get_absolute_url()).content.decode()
    assert "以下地区缺少权重，无法分解：吉林市" in page


def test_only_the_parent_regions_office_changes_an_allocation(client, coal, meihekou_office, viewer):
    allocation = Allocation.objects.create(target=coal, method="equal", aggregation="sum")
    share = AllocationShare.objects.create(allocation=allocation, region_id="220100")
    client.force_login(meihekou_office)
    assert client.get(reverse("review:allocation_new") + f"?target={coal.pk}").status_code == 403
    response = client.post(
        allocation.get_absolute_url(), {"method": "manual", "aggregation": "sum", f"value-{share.pk}": "1"}
    )
    assert response.status_code == 403
    client.force_login(viewer)
    assert client.get(allocation.get_absolute_url()).status_code == 200
    assert client.post(reverse("review:allocation_delete", args=[allocation.pk])).status_code == 403
    assert Allocation.objects.filter(pk=allocation.pk).exists()
