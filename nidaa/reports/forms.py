from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from nidaa.missions.models import Deliverable, Mission
from nidaa.reports.models import Action, Narrative

TEXT = {"rows": 6, "dir": "auto"}


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = Narrative
        fields = (
            "course_fr",
            "course_ar",
            "conclusions_fr",
            "conclusions_ar",
            "recommendations_fr",
            "recommendations_ar",
        )
        widgets = {
            name: forms.Textarea(attrs={**TEXT, "dir": "rtl" if name.endswith("_ar") else "ltr"})
            for name in fields
        }


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ("title", "owner", "owner_email", "owner_language", "due_date")
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "owner": forms.TextInput(attrs={"dir": "auto"}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class ReportSubmitForm(forms.Form):
    deliverable = forms.ModelChoiceField(queryset=Deliverable.objects.none(), label=_("Deliverable"))
    language = forms.ChoiceField(
        choices=[(code, name) for code, name in settings.LANGUAGES if code in ("fr", "ar")],
        label=_("Language of the report"),
    )

    def __init__(self, *args: Any, mission: Mission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["deliverable"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Deliverable.objects.filter(mission=mission).order_by("position", "pk")
