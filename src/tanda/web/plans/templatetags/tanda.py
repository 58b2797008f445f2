"""Template helpers shared by the stored plan pages and the upload preview (which shows dataclasses)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from tanda.web.core import permissions
from tanda.web.plans.models import Target

register = template.Library()


@register.filter
def kind_label(kind: str) -> str:
    """'reduction' → 下降, for the parser's targets as for stored ones."""
    try:
        return str(Target.Kind(kind).label)
    except ValueError:
        return kind


@register.filter
def num(value: float | None) -> str:
    """A target value without a trailing .0 and without exponent notation (13.5, 20, 1200000)."""
    if value is None:
        return "—"
    return format(value, ".10g") if abs(value) < 1e10 else f"{value:,.0f}"


@register.filter
def lead_of(task: Any) -> str:
    """The lead department of a parsed task (dataclass): the named lead, or the first department."""
    return task.lead or (task.departments[0] if task.departments else "")


@register.filter
def cooperating_of(task: Any) -> list[str]:
    lead = lead_of(task)
    return [d for d in task.departments if d != lead]


@register.simple_tag
def can_upload(user: Any) -> bool:
    return permissions.can_upload(user)


@register.simple_tag
def role_label(user: Any) -> str:
    """'地区办公室用户 · 吉林省' for the header; empty when not signed in."""
    from tanda.web.core.models import Profile

    role = permissions.role_of(user)
    if role is None:
        return ""
    label = str(Profile.Role(role).label)
    profile = getattr(user, "profile", None)
    if role == Profile.Role.OFFICE and profile and profile.region:
        return _("%(role)s · %(region)s") % {"role": label, "region": profile.region.name}
    return label
