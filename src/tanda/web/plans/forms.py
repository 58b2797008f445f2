"""Forms of the plan pages: upload, and the corrections of a plan's header, targets and tasks."""

from __future__ import annotations

from typing import Any, get_args

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanda.plan import PlanInputError
from tanda.plan.model import Qualifier
from tanda.web.core.models import Region
from tanda.web.core.permissions import editable_regions
from tanda.web.plans.highlight import locate
from tanda.web.plans.intake import Intake, check_file, read_upload
from tanda.web.plans.models import Plan, Target, Task
from tanda.web.plans.queries import visible_plans
from tanda.web.plans.store import assign_departments, source_digest

_SEPARATORS = set("、，,;；\n")
_OPEN, _CLOSE = set("（(【〔["), set("）)】〕]")


def split_names(value: str) -> list[str]:
    """'市发改局、各县（市、区）政府' → ['市发改局', '各县（市、区）政府'].

    Separators are 、 (also commas, semicolons and new lines), except inside brackets, where plans
    write lists of their own: 各县（市、区）政府 is one implementer.
    """
    names, current, depth = [], [], 0
    for char in value or "":
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        elif char in _SEPARATORS and depth == 0:
            names.append("".join(current))
            current = []
            continue
        current.append(char)
    names.append("".join(current))
    return [name.strip() for name in names if name.strip()]


class PlanChoiceField(forms.ModelChoiceField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", gettext_lazy("（无）"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Plan) -> str:
        return f"{obj.region.name}｜{obj.title}"


class UploadForm(forms.Form):
    """A plan file and where it belongs; `clean` reads and parses it, so a bad file is a form error."""

    file = forms.FileField(
        allow_empty_file=True,  # refused by `check_file`, with a message naming the file
        label=gettext_lazy("方案文件"),
        help_text=gettext_lazy("支持 .txt（UTF-8 或 GB18030）、.docx、有文字层的 .pdf"),
    )
    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=gettext_lazy("行政区划"))
    parent = PlanChoiceField(queryset=Plan.objects.none(), required=False, label=gettext_lazy("上级方案"))
    published = forms.BooleanField(required=False, label=gettext_lazy("公开（未登录也可查看）"))

    def __init__(self, *args: Any, user: AbstractBaseUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = editable_regions(user)
        self.fields["region"].queryset = regions
        if len(regions) == 1:
            self.fields["region"].initial = regions[0].pk
        self.fields["parent"].queryset = visible_plans(user)
        self.intake: Intake | None = None

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_file(upload.name, upload.size)
        except PlanInputError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload, region = data.get("file"), data.get("region")
        if upload is None:
            return data
        try:
            self.intake = read_upload(upload.read(), upload.name)
        except PlanInputError as exc:
            self.add_error("file", str(exc))
            return data
        if region is not None:
            existing = Plan.objects.filter(region=region, source_sha256=source_digest(self.intake.data)).first()
            if existing:
                self.add_error(
                    "file",
                    _("此文件已导入%(region)s：%(title)s") % {"region": region.name, "title": existing.title},
                )
        return data


class PlanForm(forms.ModelForm):
    """The header of a plan, as the parser read it and an editor corrects it."""

    class Meta:
        model = Plan
        fields = ["title", "doc_number", "issuer", "date", "parent", "published"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        field_classes = {"parent": PlanChoiceField}

    def __init__(self, *args: Any, user: AbstractBaseUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = visible_plans(user).exclude(pk=self.instance.pk)


class TargetForm(forms.ModelForm):
    """Every field of a target; a changed quote is found again in the source text for its link."""

    qualifier = forms.ChoiceField(
        label=gettext_lazy("限定词"),
        required=False,
        choices=[("", "—"), *((q, q) for q in get_args(Qualifier))],
    )

    class Meta:
        model = Target
        fields = [
            "section",
            "indicator",
            "value",
            "unit",
            "year",
            "baseline_year",
            "kind",
            "qualifier",
            "masked",
            "quote",
        ]
        widgets = {"quote": forms.Textarea(attrs={"rows": 3})}
        labels = {"section": gettext_lazy("所属章节")}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["section"].queryset = plan.sections.all()
        self.fields["section"].label_from_instance = lambda s: s.path
        self.fields["section"].empty_label = "—"
        for name in ("year", "baseline_year"):
            self.fields[name].widget.attrs.update(min=1990, max=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("year", "baseline_year"):
            year = data.get(name)
            if year is not None and not 1990 <= year <= 2100:
                self.add_error(name, _("年份应在 1990 至 2100 之间"))
        year, baseline = data.get("year"), data.get("baseline_year")
        if year and baseline and baseline >= year:
            self.add_error("baseline_year", _("基准年应早于目标年"))
        if data.get("value") is None and not data.get("masked"):
            self.add_error("value", _("请填写目标值，或勾选“数值隐去”"))
        return data

    def save(self, commit: bool = True) -> Target:
        target = super().save(commit=False)
        target.plan = self.plan
        span = locate(self.plan.source_text, target.quote, target.start, target.end)
        target.start, target.end = span if span else (None, None)
        if target.pk is None:
            target.order = next_order(self.plan.targets)
        if commit:
            target.save()
        return target


class TaskForm(forms.ModelForm):
    """A task with its departments written as in a plan: 牵头 first, then 配合, separated by 、."""

    departments = forms.CharField(
        label=gettext_lazy("责任单位"),
        required=False,
        help_text=gettext_lazy("用“、”分隔，第一个为牵头单位，其余为配合单位"),
    )
    implementers_text = forms.CharField(
        label=gettext_lazy("落实单位"),
        required=False,
        help_text=gettext_lazy("如：各市（州）、县（市、区）政府，用“、”分隔"),
    )

    class Meta:
        model = Task
        fields = ["section", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4}), "title": forms.TextInput(attrs={"size": 60})}
        labels = {"section": gettext_lazy("所属章节")}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["section"].queryset = plan.sections.all()
        self.fields["section"].label_from_instance = lambda s: s.path
        self.fields["section"].empty_label = "—"
        if self.instance.pk:
            names = [a.department.name for a in ordered_assignments(self.instance)]
            self.initial["departments"] = "、".join(names)
            self.initial["implementers_text"] = "、".join(self.instance.implementers)

    def save(self, commit: bool = True) -> Task:
        task = super().save(commit=False)
        task.plan = self.plan
        task.implementers = split_names(self.cleaned_data["implementers_text"])
        if task.pk is None:
            task.order = next_order(self.plan.tasks)
        if commit:
            task.save()
            assign_departments(task, split_names(self.cleaned_data["departments"]))
        return task


def ordered_assignments(task: Task) -> list[Any]:
    """The task's departments, the lead first, then the others in written order."""
    assignments = sorted(task.assignments.all(), key=lambda a: a.order)
    return sorted(assignments, key=lambda a: a.role != a.Role.LEAD)


def next_order(related: Any) -> int:
    last = related.order_by("-order").values_list("order", flat=True).first()
    return 0 if last is None else last + 1
