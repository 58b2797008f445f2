"""A plan as stored: the document, its section tree, tasks with departments, targets and rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tanda.web.core.models import Department, Region


class Plan(models.Model):
    region = models.ForeignKey(Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(_("标题"), max_length=300)
    doc_number = models.CharField(_("文号"), max_length=64, blank=True)
    issuer = models.CharField(_("发文机关"), max_length=128, blank=True)
    date = models.DateField(_("发布日期"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级方案"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    published = models.BooleanField(_("已公开"), default=False)
    source_name = models.CharField(_("源文件名"), max_length=255, blank=True)
    source_file = models.BinaryField(_("源文件"), editable=False)
    source_text = models.TextField(_("源文本"), editable=False)
    source_sha256 = models.CharField(max_length=64, editable=False, db_index=True)
    created = models.DateTimeField(_("导入时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入者"), null=True, blank=True, on_delete=models.SET_NULL
    )
    history = HistoricalRecords(excluded_fields=["source_file", "source_text"])

    class Meta:
        ordering = ["region", "-date", "title"]
        constraints = [models.UniqueConstraint(fields=["region", "source_sha256"], name="unique_source_per_region")]
        verbose_name = _("实施方案")
        verbose_name_plural = _("实施方案")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])


class Section(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    order = models.PositiveIntegerField()
    level = models.PositiveSmallIntegerField()
    number = models.CharField(max_length=16, blank=True)
    title = models.CharField(max_length=500)
    path = models.TextField()
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.path


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section, verbose_name=_("所属章节"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(_("任务"), max_length=500)
    text = models.TextField(_("内容"), blank=True)
    clause = models.TextField(_("责任分工原文"), blank=True)
    implementers = models.JSONField(_("落实单位"), default=list, blank=True)
    departments = models.ManyToManyField(Department, through="TaskDepartment", related_name="tasks")
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("重点任务")
        verbose_name_plural = _("重点任务")

    def __str__(self) -> str:
        return self.title


class TaskDepartment(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("牵头")
        COOPERATING = "cooperating", _("配合")

    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("职责"), max_length=12, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["task", "order"]
        constraints = [models.UniqueConstraint(fields=["task", "department"], name="unique_department_per_task")]
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")


class Target(models.Model):
    class Kind(models.TextChoices):
        LEVEL = "level", _("达到")
        REDUCTION = "reduction", _("下降")
        INCREASE = "increase", _("提高")
        CAP = "cap", _("上限")
        FLOOR = "floor", _("下限")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    section = models.ForeignKey(
        Section, verbose_name=_("所属章节"), null=True, blank=True, on_delete=models.SET_NULL, related_name="targets"
    )
    order = models.PositiveIntegerField(default=0)
    indicator = models.CharField(_("指标"), max_length=200)
    value = models.FloatField(_("目标值"), null=True, blank=True)
    unit = models.CharField(_("单位"), max_length=32, blank=True)
    year = models.PositiveSmallIntegerField(_("目标年"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("基准年"), null=True, blank=True)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    qualifier = models.CharField(_("限定词"), max_length=8, blank=True)
    masked = models.BooleanField(_("数值隐去"), default=False)
    quote = models.TextField(_("原文"), blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("目标")
        verbose_name_plural = _("目标")

    def __str__(self) -> str:
        return f"{self.indicator} {self.value}{self.unit} ({self.year})"


class Rule(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rules")
    section = models.ForeignKey(
        Section, verbose_name=_("所属章节"), null=True, blank=True, on_delete=models.SET_NULL, related_name="rules"
    )
    order = models.PositiveIntegerField(default=0)
    text = models.TextField(_("规则"))
    quote = models.TextField(_("原文"), blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("门槛规则")
        verbose_name_plural = _("门槛规则")
