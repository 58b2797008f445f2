"""Stored plan targets are linked to catalogue indicators; what cannot be linked goes to a review list
where an office user picks the indicator, and that choice is stored and recorded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tanda.web.indicators.links import ensure_links
from tanda.web.indicators.models import TargetLink
from tanda.web.plans.models import Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_with_odd_targets(make_plan):
    """The sample plan (energy intensity −13.5 %, non-fossil share 20 % 左右) and three harder targets."""
    plan = make_plan("220000")
    Target.objects.create(plan=plan, order=3, indicator="充电桩数量", value=1.2, unit="万个", year=2025, kind="level")
    Target.objects.create(plan=plan, order=4, indicator="装机", value=300, unit="万千瓦", year=2025, kind="level")
    Target.objects.create(plan=plan, order=5, indicator="森林覆盖率", value=46, unit="万吨", year=2030, kind="level")
    return plan


def links_by_name(plan) -> dict[str, TargetLink]:
    links = ensure_links(plan.targets.select_related("plan"))
    return {link.target.indicator: link for link in links.values()}


def test_stored_targets_are_linked_with_their_numbers_in_the_indicators_unit(plan_with_odd_targets):
    links = links_by_name(plan_with_odd_targets)
    energy = links["单位地区生产总值能源消耗"]
    assert (energy.indicator, energy.status, energy.relative, energy.value) == ("energy_intensity", "auto", True, 13.5)
    share = links["非化石能源消费比重"]
    assert (share.indicator, share.status, share.value, share.unit) == ("non_fossil_share", "auto", 20.0, "%")
    piles = links["充电桩数量"]
    assert (piles.indicator, piles.value, piles.unit) == ("charging_piles", 12000.0, "个")  # 1.2万个
    unknown = links["装机"]
    assert (unknown.indicator, unknown.status) == ("", "review") and "装机" in unknown.problem
    wrong_unit = links["森林覆盖率"]
    assert wrong_unit.status == "review" and wrong_unit.problem.startswith("unit")
    assert TargetLink.objects.count() == 5


def test_a_second_pass_changes_nothing_and_a_corrected_target_is_linked_again(plan_with_odd_targets):
    links_by_name(plan_with_odd_targets)
    records = TargetLink.history.count()
    links_by_name(plan_with_odd_targets)
    assert TargetLink.history.count() == records
    target = plan_with_odd_targets.targets.get(indicator="充电桩数量")
    target.value, target.unit = 15000, "个"
    target.save()
    assert links_by_name(plan_with_odd_targets)["充电桩数量"].value == 15000.0
    assert TargetLink.history.count() == records + 1


def test_review_page_lists_what_could_not_be_linked(client, jilin_office, password, plan_with_odd_targets):
    client.login(username=jilin_office.username, password=password)
    page = client.get(reverse("indicators:review", args=["220000"])).content.decode()
    assert "装机" in page and "森林覆盖率" in page
    assert "充电桩数量" not in page  # linked by name: nothing to review


def test_an_office_users_choice_is_stored_and_recorded(client, jilin_office, password, plan_with_odd_targets):
    link = links_by_name(plan_with_odd_targets)["装机"]
    client.login(username=jilin_office.username, password=password)
    response = client.post(reverse("indicators:choose", args=[link.pk]), {"indicator": "wind_solar_capacity"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.indicator, link.status, link.value, link.chosen_by) == (
        "wind_solar_capacity",
        "chosen",
        300.0,
        jilin_office,
    )
    last = link.history.latest("history_date")
    assert last.history_user == jilin_office and last.indicator == "wind_solar_capacity"
    page = client.get(reverse("indicators:review", args=["220000"])).content.decode()
    assert f'id="link-{link.pk}"' not in page
    # the choice survives a correction of the target: the number is converted again, the indicator kept
    target = link.target
    target.value = 0.04
    target.unit = "亿千瓦"
    target.save()
    assert links_by_name(plan_with_odd_targets)["装机"].value == pytest.approx(400.0)
    assert TargetLink.objects.get(pk=link.pk).status == "chosen"


def test_not_tracked_is_a_choice_too(client, jilin_office, password, plan_with_odd_targets):
    link = links_by_name(plan_with_odd_targets)["森林覆盖率"]
    client.login(username=jilin_office.username, password=password)
    client.post(reverse("indicators:choose", args=[link.pk]), {"indicator": "-"})
    link.refresh_from_db()
    assert (link.status, link.indicator) == ("untracked", "")


def test_only_the_plans_office_may_choose(client, meihekou_office, viewer, password, plan_with_odd_targets):
    link = links_by_name(plan_with_odd_targets)["装机"]
    for user in (meihekou_office, viewer):
        client.login(username=user.username, password=password)
        response = client.post(reverse("indicators:choose", args=[link.pk]), {"indicator": "wind_capacity"})
        assert response.status_code == 403
    link.refresh_from_db()
    assert link.status == "review"
