"""Who may see and change which units, in one place (the link user → unit lives in this app).

- An enterprise user (a user with an `EnterpriseAccount`) sees only its own unit: its register
  entry, submissions, flags and projects; it submits for that unit only. Every other unit is 404
  to it, so that it cannot even learn which codes exist.
- An office user edits the units, submissions, projects and caps of its own region and the
  regions below it; administrators edit everything.
- Other signed-in users (viewers, department users) read everything; anonymous visitors are sent
  to sign in: unit-level energy data is not public.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from tanda.regions import ancestors
from tanda.web.core.models import Profile
from tanda.web.core.permissions import role_of

if TYPE_CHECKING:
    from tanda.web.core.permissions import User
    from tanda.web.enterprises.models import Enterprise


def own_enterprise_id(user: User) -> int | None:
    """The unit an enterprise user belongs to; None for every other user."""
    if not user.is_authenticated:
        return None
    account = getattr(user, "enterprise_account", None)
    return account.enterprise_id if account is not None else None


def is_enterprise_user(user: User) -> bool:
    return own_enterprise_id(user) is not None


def _office_covers(user: User, region_code: str) -> bool:
    own = user.profile.region_id
    if not own:
        return False
    if region_code == own:
        return True
    try:
        return own in {d.code for d in ancestors(region_code)}
    except KeyError:
        return False


def can_edit_region_data(user: User, region_code: str) -> bool:
    """Administrators everywhere; an office user in its region and below. Enterprise users never."""
    if not user.is_authenticated or is_enterprise_user(user):
        return False
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return True
    return role == Profile.Role.OFFICE and _office_covers(user, region_code)


def can_read_unit(user: User, enterprise: Enterprise) -> bool:
    if not user.is_authenticated:
        return False
    own = own_enterprise_id(user)
    return own is None or own == enterprise.pk


def can_submit_for(user: User, enterprise: Enterprise) -> bool:
    """The unit itself, and whoever edits its region's data (the office enters what arrives on paper)."""
    if own_enterprise_id(user) == enterprise.pk:
        return True
    return can_edit_region_data(user, enterprise.region_id)


def can_import(user: User) -> bool:
    """Import pages: administrators, offices with a region, and enterprise users (their own rows only)."""
    if not user.is_authenticated:
        return False
    if is_enterprise_user(user):
        return True
    role = role_of(user)
    return role == Profile.Role.ADMIN or (role == Profile.Role.OFFICE and bool(user.profile.region_id))


def visible_units(user: User, queryset: QuerySet) -> QuerySet:
    """The units a user may list: one for an enterprise user, all for other signed-in users."""
    if not user.is_authenticated:
        return queryset.none()
    own = own_enterprise_id(user)
    return queryset.filter(pk=own) if own is not None else queryset


def visible_projects(user: User, queryset: QuerySet) -> QuerySet:
    if not user.is_authenticated:
        return queryset.none()
    own = own_enterprise_id(user)
    return queryset.filter(enterprise_id=own) if own is not None else queryset


def allowed_codes(user: User) -> set[str] | None:
    """Credit codes an import by this user may contain; None for no limit beyond the region rule."""
    own = own_enterprise_id(user)
    if own is None:
        return None
    return {user.enterprise_account.enterprise.credit_code}
