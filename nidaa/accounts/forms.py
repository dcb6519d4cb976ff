"""Forms for applicants: their profile and their saved searches."""

from __future__ import annotations

import re
from typing import IO, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from nidaa.accounts.models import AlertFrequency, Profile
from nidaa.common.filetypes import detect_document_type
from nidaa.common.forms import WithoutBidiControls
from nidaa.directory.models import Territory, TerritoryKind

CV_MAX_BYTES = 5 * 1024 * 1024

# ISO 639 codes, the same the ToR reader gives a call's working languages.
LANGUAGE_CHOICES = [
    ("ar", _("Arabic")),
    ("zgh", _("Amazigh (Tamazight)")),
    ("fr", _("French")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
]


CV_TYPES = ("pdf", "docx", "odt")


def detect_cv_type(stream: IO[bytes]) -> str | None:
    """ "pdf", "docx" or "odt" from the file's content (never its name), else None."""
    kind = detect_document_type(stream)
    return kind if kind in CV_TYPES else None


class ProfileForm(WithoutBidiControls, forms.ModelForm):
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        max_length=1000,
        help_text=_("Separated by commas, e.g. facilitation, advocacy, gender budgeting."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        required=False,
        queryset=Territory.objects.filter(kind=TerritoryKind.REGION).order_by("name_fr"),
        widget=forms.CheckboxSelectMultiple,
    )
    cv = forms.FileField(
        label=_("CV"),
        required=False,
        help_text=_("PDF, Word (.docx) or OpenDocument (.odt), 5 MB at most."),
    )

    class Meta:
        model = Profile
        fields = ["skills", "languages", "regions", "bio", "is_public"]
        labels = {"is_public": _("Show my profile in the public directory")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["skills"] = ", ".join(self.instance.skills)

    def clean_skills(self) -> list[str]:
        seen: dict[str, None] = {}
        # Arabic keyboards type "،" (and some people ";") between items.
        for raw in re.split(r"[,،;]", self.cleaned_data["skills"]):
            skill = " ".join(raw.split())[:100]
            if skill and skill.casefold() not in {s.casefold() for s in seen}:
                seen[skill] = None
        return list(seen)[:30]

    def clean_cv(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("cv")
        if not upload:
            return None
        if upload.size is not None and upload.size > CV_MAX_BYTES:
            raise forms.ValidationError(_("The CV is too large: 5 MB at most."), code="too_large")
        kind = detect_cv_type(upload)
        if kind is None:
            raise forms.ValidationError(
                _("The CV must be a PDF, Word (.docx) or OpenDocument (.odt) document."),
                code="unsupported_type",
            )
        upload.cv_kind = kind  # type: ignore[attr-defined]
        return upload


class SaveSearchForm(WithoutBidiControls, forms.Form):
    query = forms.CharField(required=False, max_length=2000)
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    frequency = forms.ChoiceField(label=_("Alerts"), required=False, choices=AlertFrequency.choices)
    # Absent means yes: the catalogue's "save" button sends only the query and a name.
    remind_deadlines = forms.ChoiceField(
        label=_("Deadline reminders"), required=False, choices=[("1", _("Yes")), ("0", _("No"))]
    )

    def clean_remind_deadlines(self) -> bool:
        return self.cleaned_data.get("remind_deadlines") != "0"
