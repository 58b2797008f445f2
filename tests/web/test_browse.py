"""The plan list (grouped by region, counts, region filter) and the plan page's header and links."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tanda.web.core.models import Region
from tanda.web.plans.queries import region_and_descendants

pytestmark = pytest.mark.django_db


def test_list_groups_by_region_with_counts(client, make_plan):
    make_plan("220000", title="省方案")
    make_plan("220581", title="县方案")
    page = client.get(reverse("plans:list")).content.decode().split("</form>", 2)[2]  # after the two forms
    assert page.index("<h2>吉林省") < page.index("省方案") < page.index("<h2>梅河口市") < page.index("县方案")
    assert '<td class="num">2</td>' in page and '<td class="num">1</td>' in page  # targets, tasks
    assert "某政发〔2024〕1号" in page and "2024-03-01" in page


def test_region_filter_keeps_the_region_and_those_below(client, make_plan):
    make_plan("220000", title="省方案")
    make_plan("220581", title="县方案")
    make_plan("211300", title="朝阳方案")
    assert "220581" in region_and_descendants("220000")
    page = client.get(reverse("plans:list"), {"region": "220000"}).content.decode()
    assert "省方案" in page and "县方案" in page and "朝阳方案" not in page
    page = client.get(reverse("plans:list"), {"region": "220581"}).content.decode()
    assert "县方案" in page and "省方案" not in page
    options = client.get(reverse("plans:list")).content.decode().split('name="region"', 1)[1].split("</select>")[0]
    offered = {r.code for r in Region.objects.all() if f'value="{r.code}"' in options}
    assert {"220000", "220581", "211300"} <= offered
    assert len(offered) < 10  # only regions with plans and the regions above them


def test_plan_page_links_parent_and_children(client, make_plan):
    parent = make_plan("220000", title="吉林省碳达峰实施方案")
    child = make_plan("220581", title="梅河口市碳达峰实施方案")
    child.parent = parent
    child.save()
    hidden = make_plan("220581", title="未公开的下级方案", published=False)
    hidden.parent = parent
    hidden.save()
    page = client.get(parent.get_absolute_url()).content.decode()
    assert f'href="{child.get_absolute_url()}"' in page
    assert "未公开的下级方案" not in page  # anonymous visitors do not learn of unpublished plans
    child_page = client.get(child.get_absolute_url()).content.decode()
    assert f'href="{parent.get_absolute_url()}"' in child_page
    assert "某市人民政府" in child_page  # issuer
    assert "（一）推进煤炭消费替代和转型升级" in child_page  # the section tree


def test_plan_header_can_be_corrected(client, make_plan, jilin_office):
    plan = make_plan("220000")
    client.force_login(jilin_office)
    data = {
        "title": "吉林省碳达峰实施方案",
        "doc_number": "吉政发〔2022〕11号",
        "issuer": "吉林省人民政府",
        "date": "2022-07-22",
    }
    assert client.post(reverse("plans:edit", args=[plan.pk]), data).status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.doc_number, str(plan.date), plan.published) == (
        "吉林省碳达峰实施方案",
        "吉政发〔2022〕11号",
        "2022-07-22",
        False,
    )
