"""Who may read and change what; the one place these rules live.

Views and templates ask these functions, never the role directly, so that a rule changes in one
place: administrators edit everything, an office user edits its own region's plans, a department
user reports progress on its own department's tasks in its own region, a viewer reads.
Published plans are public; unpublished ones need an account.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tanda.web.core.models import Profile

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.db.models import QuerySet

    from tanda.web.core.models import Region
    from tanda.web.plans.models import Plan, Task

    User = AbstractBaseUser | AnonymousUser


def role_of(user: User) -> str | None:
    """The user's role; None when not signed in. A user without a profile is a viewer."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Profile.Role.ADMIN
    profile = getattr(user, "profile", None)
    return profile.role if profile else Profile.Role.VIEWER


def _can_edit_code(user: User, region_code: str) -> bool:
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return True
    if role == Profile.Role.OFFICE:
        return user.profile.region_id == region_code
    return False


def can_edit_region(user: User, region: Region) -> bool:
    """Administrators edit everything; an office user edits only its own region's plans."""
    return _can_edit_code(user, region.code)


def can_edit_plan(user: User, plan: Plan) -> bool:
    """Whether the user may change this plan, its targets, tasks and rules (no extra query)."""
    return _can_edit_code(user, plan.region_id)


def can_read_unpublished(user: User) -> bool:
    """Unpublished plans need an account; published ones are public."""
    return user.is_authenticated


def can_read_plan(user: User, plan: Plan) -> bool:
    return plan.published or can_read_unpublished(user)


def editable_regions(user: User) -> QuerySet[Region]:
    """Regions whose plans the user may create or change (a queryset)."""
    from tanda.web.core.models import Region

    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return Region.objects.all()
    if role == Profile.Role.OFFICE and user.profile.region_id:
        return Region.objects.filter(code=user.profile.region_id)
    return Region.objects.none()


def can_upload(user: User) -> bool:
    """Whether the user may create a plan in at least one region (asked on every page: no query)."""
    role = role_of(user)
    return role == Profile.Role.ADMIN or (role == Profile.Role.OFFICE and bool(user.profile.region_id))


def can_report_task(user: User, task: Task) -> bool:
    """Whether the user may report progress on this task (dispatch, 调度).

    Administrators and the office of the task's region may (the office enters what departments send
    on paper); a department user only when its department is assigned to the task (lead or
    cooperating) and belongs to the task's region. Asks the database once, for department users.
    """
    role = role_of(user)
    if role in (Profile.Role.ADMIN, Profile.Role.OFFICE):
        return _can_edit_code(user, task.plan.region_id)
    if role == Profile.Role.DEPARTMENT:
        profile = user.profile
        if profile.department_id is None or profile.region_id != task.plan.region_id:
            return False
        return task.assignments.filter(
            department_id=profile.department_id, department__region_id=task.plan.region_id
        ).exists()
    return False


def department_of(user: User) -> int | None:
    """The id of the department a department user belongs to; None for every other role."""
    if role_of(user) != Profile.Role.DEPARTMENT:
        return None
    return user.profile.department_id
