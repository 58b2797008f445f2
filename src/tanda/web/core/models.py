"""Regions by GB/T 2260 code, departments per region, and each user's role and region."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Region(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("省级")
        CITY = "city", _("地级")
        COUNTY = "county", _("县级")

    code = models.CharField(_("区划代码"), max_length=6, primary_key=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.CharField(_("级别"), max_length=8, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class Department(models.Model):
    """A responsible unit of one region's government, as plans name it (省能源局, 发改局 …)."""

    region = models.ForeignKey(Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("名称"), max_length=128)
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unique_department_per_region")]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """A user's role, the region they belong to and, for a department user, their department.

    A department user (部门用户) reports progress only for the tasks its department is assigned to,
    in its own region; its region is always its department's region (see `clean`).
    """

    class Role(models.TextChoices):
        ADMIN = "admin", _("管理员")
        OFFICE = "office", _("地区办公室用户")
        DEPARTMENT = "department", _("部门用户")
        VIEWER = "viewer", _("查看者")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(_("角色"), max_length=12, choices=Role.choices, default=Role.VIEWER)
    region = models.ForeignKey(Region, verbose_name=_("所属地区"), null=True, blank=True, on_delete=models.PROTECT)
    department = models.ForeignKey(
        Department,
        verbose_name=_("所属部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profiles",
        help_text=_("部门用户必填：只能填报本部门承担的任务。"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("用户角色")
        verbose_name_plural = _("用户角色")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def clean(self) -> None:
        """A department user needs a department, and belongs to that department's region."""
        if self.role == self.Role.DEPARTMENT:
            if self.department_id is None:
                raise ValidationError({"department": _("部门用户必须指定所属部门。")})
            if self.region_id and self.region_id != self.department.region_id:
                raise ValidationError({"department": _("所属部门不在所属地区。")})
            self.region_id = self.department.region_id
