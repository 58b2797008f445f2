"""The inventory demo: CEADs' Jilin and Liaoning 1997–2019, Jilin 2010/2011 from its balance with two sets.

Loading it twice stores everything once."""

from __future__ import annotations

import pytest
from test_inventory_support import published_jilin_peak_mt

from tanda.web.core.models import Profile
from tanda.web.indicators.models import Observation
from tanda.web.inventory.demo import load_demo
from tanda.web.inventory.models import Inventory

pytestmark = pytest.mark.django_db


def test_demo_loads_published_and_computed_inventories_once(make_user):
    make_user("admin", Profile.Role.ADMIN)
    lines = load_demo()
    assert len(lines) == 3 and all(line.startswith("inventory: ") for line in lines)
    assert f"Jilin 2011 = {published_jilin_peak_mt():.2f} Mt" in lines[0]
    published = Inventory.objects.filter(kind="published")
    assert published.filter(region_id="220000").count() == published.filter(region_id="210000").count() == 23
    computed = Inventory.objects.filter(kind="computed", region_id="220000")
    assert sorted(computed.values_list("year", "factor_set")) == [
        (2010, "ceads"),
        (2010, "guideline"),
        (2011, "ceads"),
        (2011, "guideline"),
    ]
    assert all(i.indicators for i in computed)
    # written to the indicators app: Liaoning's CEADs CO2, and the shares of Jilin's balance
    assert Observation.objects.filter(region_id="210000", indicator="co2_emissions").count() == 23
    shares = Observation.objects.filter(region_id="220000", indicator__in=["coal_share", "non_fossil_share"])
    assert sorted(shares.values_list("year", flat=True)) == [2010, 2010, 2011, 2011]

    counts = (Inventory.objects.count(), Observation.objects.count())
    again = load_demo()
    assert (Inventory.objects.count(), Observation.objects.count()) == counts
    assert again[0] == lines[0] and again[1] == lines[1]
