"""Who may enter observations and choose indicators for targets, in one place.

Reading dashboards follows the plan pages: targets of published plans for everyone, all plans for
signed-in users. Entering an observed value is the office's work for its own region and for the
regions below it (a provincial office collects its cities' values during dispatch); administrators
may enter values anywhere. Choosing the indicator of a target follows the plan's edit right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tanda.regions import ancestors
from tanda.web.core.models import Profile
from tanda.web.core.permissions import role_of

if TYPE_CHECKING:
    from tanda.web.core.permissions import User


def can_report(user: User, region_code: str) -> bool:
    """Whether the user may enter or change observed values of this region."""
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return True
    if role != Profile.Role.OFFICE or not user.profile.region_id:
        return False
    own = user.profile.region_id
    if region_code == own:
        return True
    try:
        return own in {d.code for d in ancestors(region_code)}
    except KeyError:
        return False


def can_report_somewhere(user: User) -> bool:
    role = role_of(user)
    return role == Profile.Role.ADMIN or (role == Profile.Role.OFFICE and bool(user.profile.region_id))


def home_region(user: User) -> str | None:
    """The region a user's pages open on: the office's own region."""
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    return profile.region_id if profile and profile.region_id else None
