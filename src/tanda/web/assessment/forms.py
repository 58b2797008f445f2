"""Forms of the assessment app; the scheme's YAML is checked by the domain (weights must sum to 100 …)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tanda.web.assessment.models import Assessment, Scheme
from tanda.web.core.permissions import editable_regions


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = ["name", "year", "region", "definition"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 28, "spellcheck": "false", "class": "code"})}
        help_texts = {
            "definition": _(
                "指标（code、name、weight、rule、direction、catalogue、category）、分类、等级和最低数据覆盖率；"
                "指标权重合计必须为100。"
            )
        }

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        regions = editable_regions(user)
        self.fields["region"].queryset = regions
        if not getattr(user, "is_superuser", False):
            self.fields["region"].required = True


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["title", "year", "scheme", "region", "subject_kind", "published", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = editable_regions(user)
