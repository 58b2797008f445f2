"""The scenario editor's form: the own document as YAML/JSON text, the title, the sliders, Monte Carlo options.

Reading the text is the form's job (a bad YAML is an error on the `document` field); what the text
means is the domain's (`tanda.pathways.validate`), whose messages `editor.evaluate` attaches to
the field they name.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanda.pathways.scenario import json_keys
from tanda.web.core.models import Region
from tanda.web.core.permissions import editable_regions
from tanda.web.pathways.levers import LEVERS
from tanda.web.pathways.models import NAME_PATTERN, Scenario
from tanda.web.pathways.runs import DEFAULT_MEMBERS, DEFAULT_SEED, MEMBER_CHOICES
from tanda.web.pathways.store import META_KEYS, visible_scenarios

WAS = "__was"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def parse_document(text: str) -> dict[str, Any]:
    """YAML or JSON text → a mapping with JSON keys; ValueError with a message naming the line."""
    if not text.strip():
        return {}
    try:
        doc = yaml.load(text, Loader=_LOADER)  # a safe loader: libyaml's when present
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = (
            _("第 %(line)s 行第 %(column)s 列：") % {"line": mark.line + 1, "column": mark.column + 1} if mark else ""
        )
        raise ValueError(where + str(getattr(exc, "problem", None) or exc)) from None
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        raise ValueError(_("情景文档的顶层必须是键值对（mapping），例如 drivers: …"))
    try:
        return json.loads(json.dumps(json_keys(doc)))
    except (TypeError, ValueError) as exc:
        raise ValueError(_("只能使用数字、文字、列表和键值对：%(error)s") % {"error": exc}) from None


def _plain_keys(value: Any) -> Any:
    """Year keys back to numbers for display (`2030:` rather than `'2030':`)."""
    if isinstance(value, dict):
        return {(int(k) if isinstance(k, str) and k.isdigit() else k): _plain_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_keys(v) for v in value]
    return value


def dump_document(doc: dict[str, Any]) -> str:
    """The own document as YAML: block style, short items such as periods on one line."""
    if not doc:
        return ""
    return yaml.dump(
        _plain_keys(doc), Dumper=_DUMPER, allow_unicode=True, sort_keys=False, default_flow_style=None, width=110
    )


class ParentField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Scenario) -> str:
        return f"{obj.region.name}｜{obj.name}" + (f"（{obj.title}）" if obj.title else "")


class EditorForm(forms.Form):
    """What every editor posts, to recompute in place (any reader) or to save (an editor of the region)."""

    document = forms.CharField(
        label=gettext_lazy("情景文档（YAML 或 JSON：本情景相对上级情景的设定）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false", "class": "code"}),
    )
    title = forms.CharField(label=gettext_lazy("标题"), required=False, max_length=300)
    parent = ParentField(queryset=Scenario.objects.none(), required=False, label=gettext_lazy("上级情景"))
    parent_label = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    name = forms.RegexField(
        regex=NAME_PATTERN,
        label=gettext_lazy("情景代号"),
        required=False,
        max_length=64,
        help_text=gettext_lazy("小写字母、数字和连字符，例如 changchun-policy"),
        error_messages={"invalid": gettext_lazy("只能使用小写字母、数字和连字符，例如 jilin-policy。")},
    )
    members = forms.TypedChoiceField(
        label=gettext_lazy("蒙特卡洛样本数"),
        choices=[(n, f"{n:,}") for n in MEMBER_CHOICES],
        coerce=int,
        initial=DEFAULT_MEMBERS,
    )
    seed = forms.IntegerField(label=gettext_lazy("随机种子"), min_value=0, max_value=2**32 - 1, initial=DEFAULT_SEED)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = visible_scenarios(user)
        for lever in LEVERS:
            attrs = {"min": lever.minimum, "max": lever.maximum, "step": lever.step, "class": "lever-number"}
            self.fields[lever.key] = forms.FloatField(
                required=False,
                min_value=lever.minimum,
                max_value=lever.maximum,
                label=lever.label,
                widget=forms.NumberInput(attrs=attrs),
            )
            self.fields[lever.key + WAS] = forms.FloatField(required=False, widget=forms.HiddenInput)
        self.meta: dict[str, Any] = {}

    def clean_document(self) -> dict[str, Any]:
        try:
            doc = parse_document(self.cleaned_data.get("document") or "")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        self.meta = {k: doc.pop(k) for k in META_KEYS if k in doc}
        return doc

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("title") and isinstance(self.meta.get("title"), str):
            data["title"] = self.meta["title"]
        if not data.get("name") and isinstance(self.meta.get("name"), str):
            data["name"] = self.meta["name"]
        return data

    def lever_changes(self) -> dict[str, float]:
        """Sliders the user moved: their value differs from the one the page showed."""
        moved = {}
        for lever in LEVERS:
            value, was = self.cleaned_data.get(lever.key), self.cleaned_data.get(lever.key + WAS)
            if value is not None and (was is None or abs(value - was) > lever.step / 2):
                moved[lever.key] = value
        return moved


class SaveForm(forms.Form):
    """What saving adds: whether the scenario is public, and a note for the change log."""

    published = forms.BooleanField(label=gettext_lazy("公开（未登录也可查看）"), required=False)
    reason = forms.CharField(label=gettext_lazy("修改说明"), required=False, max_length=100)


class NewScenarioForm(SaveForm):
    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=gettext_lazy("行政区划"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = editable_regions(user)
        self.fields["region"].queryset = regions
        if len(regions) == 1:
            self.fields["region"].initial = regions[0].pk


class ImportForm(forms.Form):
    """A scenario file (YAML or JSON) to start a new scenario from; read into the editor, not stored."""

    file = forms.FileField(label=gettext_lazy("情景文件（.yaml / .yml / .json）"))

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > 1_000_000:
            raise forms.ValidationError(_("文件太大（上限 1 MB）。"))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("文件不是 UTF-8 文本。")) from None
