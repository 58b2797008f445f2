"""Who may read and change what; the one place these rules live."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tanda.web.core.models import Profile

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from tanda.web.core.models import Region


def role_of(user: AbstractBaseUser | AnonymousUser) -> str | None:
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Profile.Role.ADMIN
    profile = getattr(user, "profile", None)
    return profile.role if profile else Profile.Role.VIEWER


def can_edit_region(user: AbstractBaseUser | AnonymousUser, region: Region) -> bool:
    """Administrators edit everything; an office user edits only its own region's plans."""
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return True
    if role == Profile.Role.OFFICE:
        return user.profile.region_id == region.code
    return False


def can_read_unpublished(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Unpublished plans need an account; published ones are public."""
    return user.is_authenticated


def editable_regions(user: AbstractBaseUser | AnonymousUser):
    """Regions whose plans the user may create or change (a queryset)."""
    from tanda.web.core.models import Region

    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return Region.objects.all()
    if role == Profile.Role.OFFICE and user.profile.region_id:
        return Region.objects.filter(code=user.profile.region_id)
    return Region.objects.none()
