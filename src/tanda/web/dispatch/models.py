"""What the dispatch stores: task deadlines, progress reports with evidence, notifications, reports.

Every user-entered value keeps its history (django-simple-history). A dispatch report is frozen: its
snapshot (plain JSON, see `tanda.reports.snapshot`) and the files built from it are written once and
never recomputed, so a report that was sent stays what was sent.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tanda.reports import parse_period
from tanda.web.core.models import Department, Region
from tanda.web.plans.models import Task


class TaskSchedule(models.Model):
    """The completion deadline (完成时限) the office sets for a task; plans do not carry one."""

    task = models.OneToOneField(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="schedule")
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("任务时限")
        verbose_name_plural = _("任务时限")


class ProgressReport(models.Model):
    """One department's report on one task for one period (month, quarter or year)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("未启动")
        ON_TRACK = "on_track", _("正常推进")
        BEHIND = "behind", _("进度滞后")
        COMPLETED = "completed", _("已完成")

    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="progress_reports")
    department = models.ForeignKey(
        Department, verbose_name=_("报送单位"), on_delete=models.PROTECT, related_name="progress_reports"
    )
    period = models.CharField(_("调度周期"), max_length=8, help_text=_("如 2024Q4、2024-11、2024"))
    period_end = models.DateField(_("周期截止日"), editable=False, db_index=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices)
    percent = models.PositiveSmallIntegerField(
        _("完成进度（%）"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    narrative = models.TextField(_("进展情况"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    updated = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["task", "-period_end", "department"]
        constraints = [
            models.UniqueConstraint(fields=["task", "department", "period"], name="one_report_per_department_period")
        ]
        verbose_name = _("任务进展")
        verbose_name_plural = _("任务进展")

    def __str__(self) -> str:
        return f"{self.task} · {self.department} · {self.period}"

    def save(self, *args, **kwargs) -> None:
        period = parse_period(self.period)
        self.period, self.period_end = period.code, period.end
        super().save(*args, **kwargs)


def evidence_path(instance: Evidence, filename: str) -> str:
    """dispatch/evidence/<task id>/<period>/<file name>: the storage adds a suffix on a clash."""
    report = instance.report
    return f"dispatch/evidence/{report.task_id}/{report.period}/{PurePath(filename).name}"


class Evidence(models.Model):
    """A file a department attaches to its report (a document, a photo, a spreadsheet)."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("任务进展"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("文件"), upload_to=evidence_path, max_length=255)
    name = models.CharField(_("文件名"), max_length=255)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded = models.DateTimeField(_("上传时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "uploaded", "id"]
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dispatch:evidence", args=[self.pk])


class Notification(models.Model):
    """An in-app message for one user; `key` makes the same alert for the same period appear once."""

    class Kind(models.TextChoices):
        OVERDUE = "overdue", _("任务逾期")
        NOT_UPDATED = "not_updated", _("进展未报送")
        OFF_TRACK = "off_track", _("指标预警")
        MISSING_DATA = "missing_data", _("数据缺失")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    region = models.ForeignKey(Region, verbose_name=_("地区"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=120)
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_notification_per_user_key")]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")

    def __str__(self) -> str:
        return self.title


class DispatchReport(models.Model):
    """A dispatch report (调度通报) of a region for a period, frozen when it is made."""

    region = models.ForeignKey(
        Region, verbose_name=_("地区"), on_delete=models.PROTECT, related_name="dispatch_reports"
    )
    period = models.CharField(_("调度周期"), max_length=8)
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("期号"), help_text=_("本地区本年度第几期"))
    title = models.CharField(_("标题"), max_length=300)
    plans = models.JSONField(_("方案"), default=list)
    snapshot = models.JSONField(_("快照"), editable=False)
    docx = models.BinaryField(editable=False)
    xlsx = models.BinaryField(editable=False)
    created = models.DateTimeField(_("生成时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("生成人"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [models.UniqueConstraint(fields=["region", "year", "serial"], name="unique_dispatch_serial")]
        verbose_name = _("调度通报")
        verbose_name_plural = _("调度通报")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dispatch:report_detail", args=[self.pk])
