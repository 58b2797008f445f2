"""Django admin for reference data and plans: regions read-only, roles inline on users, histories."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(make_user):
    return make_user("chief", "admin")


def test_regions_are_searchable_and_read_only(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:core_region_changelist"), {"q": "220581"}).content.decode()
    assert "梅河口市" in page
    assert client.get(reverse("admin:core_region_add")).status_code == 403
    change = client.get(reverse("admin:core_region_change", args=["220581"])).content.decode()
    assert 'name="name"' not in change  # shown, not editable


def test_user_page_has_the_role_inline(client, admin_user, jilin_office):
    client.force_login(admin_user)
    page = client.get(reverse("admin:auth_user_change", args=[jilin_office.pk])).content.decode()
    assert 'name="profile-0-role"' in page
    assert 'value="office" selected' in page


def test_plan_target_task_admin_with_history(client, admin_user, make_plan):
    plan = make_plan("220000")
    client.force_login(admin_user)
    for name, obj in (("plan", plan), ("target", plan.targets.first()), ("task", plan.tasks.first())):
        assert client.get(reverse(f"admin:plans_{name}_change", args=[obj.pk])).status_code == 200, name
        assert client.get(reverse(f"admin:plans_{name}_history", args=[obj.pk])).status_code == 200, name
    assert client.get(reverse("admin:plans_plan_changelist"), {"q": "碳达峰"}).status_code == 200


def test_office_user_has_no_admin(client, jilin_office):
    client.force_login(jilin_office)
    assert client.get(reverse("admin:index")).status_code == 302
    assert "管理后台" not in client.get(reverse("plans:list")).content.decode()
