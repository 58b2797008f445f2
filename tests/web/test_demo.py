"""The demo loads the seed plans and accounts, and a second load changes nothing."""

import pytest
from django.contrib.auth import get_user_model

from tanda.web.core.reference import sync_regions
from tanda.web.plans.demo import SEED_PLANS, load_demo
from tanda.web.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_demo_loads_five_published_plans_once():
    sync_regions()
    plans, accounts = load_demo()
    assert len(plans) == len(SEED_PLANS) == 5
    assert all(p.published for p in plans)
    meihekou = Plan.objects.get(region__code="220581")
    assert meihekou.parent.region.code == "220000"
    assert "碳达峰" in meihekou.parent.source_text
    counts = (Plan.objects.count(), get_user_model().objects.count())
    load_demo()
    assert (Plan.objects.count(), get_user_model().objects.count()) == counts
    assert {a.role for a in accounts} == {"admin", "office", "viewer"}
