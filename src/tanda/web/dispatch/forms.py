"""Forms of the dispatch pages: a progress report with evidence, a deadline, a new dispatch report."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tanda.reports import PeriodError, parse_period
from tanda.web.core.models import Department
from tanda.web.dispatch.models import ProgressReport, TaskSchedule

EVIDENCE_SUFFIXES = {
    ".pdf", ".ofd", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".csv", ".txt",
    ".ppt", ".pptx", ".jpg", ".jpeg", ".png", ".zip", ".rar", ".7z",
}  # fmt: skip
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
EVIDENCE_MAX_FILES = 10


class PeriodField(forms.CharField):
    """A dispatch period typed as 2024Q4, 2024-11 or 2024; cleaned to its code."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("label", _("调度周期"))
        kwargs.setdefault("help_text", _("季度如 2024Q4，月度如 2024-11，年度如 2024"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"list": "period-options", "size": 8}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        try:
            period = parse_period(value)
        except PeriodError as exc:
            raise ValidationError(_("无法识别的调度周期 %(value)s：应为 2024Q4、2024-11 或 2024 的形式。"),
                                  params={"value": value}) from exc  # fmt: skip
        if period.start > timezone.localdate():
            raise ValidationError(_("%(period)s 尚未开始，不能填报或调度。"), params={"period": period.code})
        return period.code


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ProgressReportForm(forms.ModelForm):
    """What a department reports on a task for a period; an office user also picks the department."""

    period = PeriodField()
    department = forms.ModelChoiceField(queryset=Department.objects.none(), label=_("报送单位"))
    files = MultipleFileField(
        label=_("佐证材料"),
        required=False,
        help_text=_("可多选；PDF、Office 文档、图片或压缩包，单个文件不超过 20 MB"),
    )

    class Meta:
        model = ProgressReport
        fields = ["period", "department", "status", "percent", "narrative"]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 6}),
            "percent": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
        }

    def __init__(self, *args: Any, departments: list[Department], fixed_department: Department | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(pk__in=[d.pk for d in departments])
        if fixed_department is not None:
            self.fields["department"].initial = fixed_department.pk
            self.fields["department"].disabled = True
        elif departments and not self.initial.get("department"):
            self.fields["department"].initial = departments[0].pk
        self.fields["percent"].help_text = _("0–100 的整数")

    def clean_files(self) -> list:
        files = self.cleaned_data.get("files") or []
        if len(files) > EVIDENCE_MAX_FILES:
            raise ValidationError(_("一次最多上传 %(n)d 个文件。"), params={"n": EVIDENCE_MAX_FILES})
        for f in files:
            suffix = PurePath(f.name).suffix.lower()
            if suffix not in EVIDENCE_SUFFIXES:
                raise ValidationError(
                    _("%(name)s：不支持的文件类型 %(suffix)s（支持 %(allowed)s）。"),
                    params={"name": f.name, "suffix": suffix or "—", "allowed": "、".join(sorted(EVIDENCE_SUFFIXES))},
                )
            if f.size > EVIDENCE_MAX_BYTES:
                raise ValidationError(
                    _("%(name)s：文件过大（%(mb).1f MB，上限 20 MB）。"), params={"name": f.name, "mb": f.size / 2**20}
                )
        return files

    def clean(self) -> dict:
        data = super().clean()
        if data.get("status") == ProgressReport.Status.COMPLETED and data.get("percent") not in (None, 100):
            self.add_error("percent", _("状态为“已完成”时，完成进度应为 100%。"))
        if data.get("status") == ProgressReport.Status.NOT_STARTED and data.get("percent"):
            self.add_error("percent", _("状态为“未启动”时，完成进度应为 0。"))
        return data


class DeadlineForm(forms.ModelForm):
    class Meta:
        model = TaskSchedule
        fields = ["deadline"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class DispatchReportForm(forms.Form):
    """A new dispatch report: the period and which of the region's plans it covers."""

    period = PeriodField()
    plans = forms.MultipleChoiceField(label=_("纳入调度的方案"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, plans: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plans"].choices = [(str(p.pk), f"{p.title}（{p.doc_number or '—'}）") for p in plans]
        self.fields["plans"].initial = [str(p.pk) for p in plans]
