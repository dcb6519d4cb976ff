"""Forms of the mission pages: they validate; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from nidaa.sheets.participants import FIELDS

MAX_SHEET_BYTES = 20 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = min(int(settings.NIDAA_MAX_UPLOAD_BYTES), MAX_SHEET_BYTES * 2)
        if getattr(upload, "oversized", False) or upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
            )
        return upload


class MissionCreateForm(forms.Form):
    call = forms.TypedChoiceField(label=_("Call"), coerce=int)
    # The retained application, when the call page's link started the mission from it.
    application = forms.IntegerField(required=False, widget=forms.HiddenInput)
    facilitator_name = forms.CharField(label=_("Retained applicant's name"), max_length=255)
    facilitator_email = forms.EmailField(label=_("Retained applicant's e-mail"))
    # Left empty: the applicant's account's language, else the call's (services.guess_language).
    facilitator_language = forms.ChoiceField(
        label=_("Language of the invitation and reminders"),
        choices=[("", _("The applicant's or the call's language")), *settings.LANGUAGES],
        required=False,
    )

    def __init__(self, *args: Any, calls: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["call"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = calls


class MissionTermsForm(forms.Form):
    facilitator_name = forms.CharField(label=_("Facilitator's name"), max_length=255, required=False)
    facilitator_email = forms.EmailField(label=_("Facilitator's e-mail"), required=False)
    amount = forms.DecimalField(
        label=_("Contract amount (MAD)"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    start_date = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            raise forms.ValidationError(_("The end date is before the start date."))
        return data


class InstalmentForm(forms.Form):
    label = forms.CharField(label=_("Instalment"), max_length=255)
    amount = forms.DecimalField(label=_("Amount (MAD)"), max_digits=14, decimal_places=2, min_value=0)
    deliverable = forms.TypedChoiceField(
        label=_("Payable on acceptance of"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, deliverables: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["deliverable"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("No deliverable: payable at once")), *deliverables]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("changes", _("Request changes"))])
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class DueDateForm(forms.Form):
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PlanForm(forms.Form):
    modules = forms.CharField(
        label=_("Modules (one per line)"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    zones = forms.CharField(
        label=_("Zones (one per line)"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    days_per_module = forms.IntegerField(label=_("Days per module"), min_value=1, max_value=10)
    first_day = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(label=_("End time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    expected = forms.IntegerField(label=_("Expected participants per session"), min_value=0, max_value=10_000)

    def lines(self, name: str) -> list[str]:
        return [line.strip() for line in self.cleaned_data[name].splitlines() if line.strip()][:50]


class SessionForm(forms.Form):
    module = forms.CharField(label=_("Module"), max_length=500)
    zone = forms.CharField(label=_("Zone"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(label=_("End time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    venue = forms.CharField(label=_("Venue"), max_length=500, required=False)
    expected = forms.IntegerField(label=_("Expected participants"), min_value=0, max_value=10_000, initial=0)


class SessionEditForm(forms.Form):
    """A session of the plan, its module and zone chosen among the mission's."""

    module = forms.TypedChoiceField(label=_("Module"), coerce=int)
    zone = forms.TypedChoiceField(label=_("Zone"), coerce=int)
    day = forms.IntegerField(label=_("Day of the module"), min_value=1, max_value=60)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(label=_("End time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    venue = forms.CharField(label=_("Venue"), max_length=500, required=False)
    expected = forms.IntegerField(label=_("Expected participants"), min_value=0, max_value=10_000)

    def __init__(
        self, *args: Any, modules: list[tuple[int, str]], zones: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (("module", modules), ("zone", zones)):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            raise forms.ValidationError(_("The session ends before it starts."))
        return data


class ParticipantForm(forms.Form):
    name_latin = forms.CharField(label=_("Name (Latin script)"), max_length=255, required=False)
    name_arabic = forms.CharField(
        label=_("Name (Arabic script)"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"dir": "rtl"}),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", "—"), ("female", _("Female")), ("male", _("Male"))]
    )
    category = forms.CharField(label=_("Category"), max_length=200, required=False)
    organization_name = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    commune = forms.CharField(label=_("Commune"), max_length=200, required=False)
    zone = forms.TypedChoiceField(label=_("Zone"), coerce=int)
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    disability = forms.BooleanField(label=_("With a disability"), required=False)
    consent = forms.BooleanField(label=_("Consents to the use of their data"), required=False)

    def __init__(self, *args: Any, zones: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["zone"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = zones


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", "—"), ("female", _("Female")), ("male", _("Male"))]
    )
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    category = forms.CharField(label=_("Category"), max_length=200, required=False)


FIELD_LABELS = {
    "name": _("Full name"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "name_ar": _("Name in Arabic"),
    "sex": _("Sex"),
    "category": _("Category"),
    "organization": _("Organisation"),
    "commune": _("Commune"),
    "zone": _("Zone"),
    "phone": _("Telephone"),
    "email": _("E-mail"),
    "disability": _("Disability"),
    "consent": _("Consent"),
    "code": _("Code"),
}
assert set(FIELD_LABELS) == set(FIELDS)
