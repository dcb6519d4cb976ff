"""Forms of the questionnaire pages (staff side); the participants' page
builds its fields from the questionnaire itself (``views_public``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from nidaa.forms_logic.kobo import MAX_BYTES as MAX_EXPORT_BYTES
from nidaa.forms_logic.xlsform import MAX_BYTES as MAX_FORM_BYTES
from nidaa.missions.models import Module
from nidaa.questionnaires.models import Kind, QuestionType

NAME = RegexValidator(
    r"^[A-Za-z_][A-Za-z0-9_]{0,99}$", _("Letters, digits and _ only, starting with a letter.")
)


def _module_field() -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(
        label=_("Module"), queryset=Module.objects.none(), required=False, empty_label=_("All modules")
    )


class _Upload(forms.Form):
    limit = MAX_FORM_BYTES
    file = forms.FileField(label=_("File"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = min(int(settings.NIDAA_MAX_UPLOAD_BYTES), self.limit)
        if getattr(upload, "oversized", False) or upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
            )
        return upload


class XLSFormImportForm(_Upload):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    module = _module_field()

    def __init__(self, *args: Any, modules: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules  # type: ignore[attr-defined]


class QuestionnaireCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    module = _module_field()

    def __init__(self, *args: Any, modules: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules  # type: ignore[attr-defined]


class QuestionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, validators=[NAME])
    type = forms.ChoiceField(label=_("Type"), choices=QuestionType.choices)
    list_name = forms.CharField(label=_("Choice list"), max_length=100, required=False, validators=[NAME])
    group = forms.CharField(label=_("Group"), max_length=200, required=False)
    label_fr = forms.CharField(label=_("Label in French"), max_length=2000, required=False)
    label_ar = forms.CharField(label=_("Label in Arabic"), max_length=2000, required=False)
    label_en = forms.CharField(label=_("Label in English"), max_length=2000, required=False)
    hint_fr = forms.CharField(label=_("Hint in French"), max_length=2000, required=False)
    hint_ar = forms.CharField(label=_("Hint in Arabic"), max_length=2000, required=False)
    required = forms.BooleanField(label=_("Required"), required=False)
    relevant = forms.CharField(label=_("Shown when (XLSForm expression)"), max_length=2000, required=False)
    constraint = forms.CharField(label=_("Constraint (XLSForm expression)"), max_length=2000, required=False)
    calculation = forms.CharField(label=_("Calculation"), max_length=2000, required=False)
    correct = forms.CharField(
        label=_("Correct answer (choice names, separated by spaces)"), max_length=1000, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("type") in (QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE) and not data.get(
            "list_name"
        ):
            self.add_error("list_name", _("A choice question needs its list of choices."))
        if (
            not any(data.get(f"label_{code}") for code in ("fr", "ar", "en"))
            and data.get("type") != "calculate"
        ):
            self.add_error("label_fr", _("Give the question a label."))
        return data

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "type": data["type"],
            "list_name": data["list_name"],
            "group": data["group"].strip("/"),
            "label": {code: data[f"label_{code}"] for code in ("fr", "ar", "en") if data[f"label_{code}"]},
            "hint": {code: data[f"hint_{code}"] for code in ("fr", "ar") if data[f"hint_{code}"]},
            "required": data["required"],
            "relevant": data["relevant"],
            "constraint": data["constraint"],
            "calculation": data["calculation"],
            "correct": data["correct"],
        }


class ChoiceForm(forms.Form):
    list_name = forms.CharField(label=_("Choice list"), max_length=100, validators=[NAME])
    name = forms.CharField(
        label=_("Name"), max_length=100, validators=[RegexValidator(r"^[A-Za-z0-9_\-]{1,100}$")]
    )
    label_fr = forms.CharField(label=_("Label in French"), max_length=500, required=False)
    label_ar = forms.CharField(label=_("Label in Arabic"), max_length=500, required=False)
    label_en = forms.CharField(label=_("Label in English"), max_length=500, required=False)

    def labels(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"label_{code}"]
            for code in ("fr", "ar", "en")
            if self.cleaned_data[f"label_{code}"]
        }


class ResponsesImportForm(_Upload):
    limit = MAX_EXPORT_BYTES
    participant_column = forms.CharField(
        label=_("Column naming the participant (code, phone or name)"), max_length=200, required=False
    )
