from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nidaa.accounts.forms import OrganizationFileForm
from nidaa.calls.models import Call, CallType, DocumentLanguage, RequiredDocument
from nidaa.common.forms import WithoutBidiControls

TEXT_ATTRS = {"dir": "auto"}


class LinesField(forms.CharField):
    """A list edited as one item per line."""

    widget = forms.Textarea(attrs={"rows": 3, "dir": "auto"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class EmailLinesField(LinesField):
    def validate(self, value: Any) -> None:
        super().validate(value)
        for address in value:
            try:
                validate_email(address)
            except ValidationError as error:
                raise ValidationError(
                    _("“%(address)s” is not a valid e-mail address."), params={"address": address}
                ) from error

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return [line.lower() for line in super().to_python(value)]


# A pasted web page is read as a .txt document of this name (the same reader as an upload);
# pasted page source (HTML) as an .html page, so its menus and footer are trimmed.
PASTED_FILENAME = "pasted-text.txt"
PASTED_HTML_FILENAME = "pasted-page.html"
_HTML_SOURCE = re.compile(r"\A\s*(?:<!doctype html|<html|<body|<div|<article|<main|<p[\s>])", re.I)
PASTED_MAX_CHARS = 200_000


class ImportForm(OrganizationFileForm):
    """A ToR as a file, or as the text of a web page pasted in (the way most calls reach an
    issuer from a portal): exactly one of the two."""

    file = forms.FileField(
        label=_("Terms of reference"),
        help_text=_("A .docx, .pdf, .odt, .html, .md or .txt document."),
        required=False,
    )
    text = forms.CharField(
        label=_("Or paste the call's text"),
        help_text=_("Copy the whole page of the call from the portal or job board and paste it here."),
        required=False,
        max_length=PASTED_MAX_CHARS,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}),
    )

    def max_bytes(self) -> int:
        return int(settings.NIDAA_TOR_MAX_BYTES)

    def clean_file(self) -> Any:
        if not self.cleaned_data.get("file"):
            return None
        return super().clean_file()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_file, has_text = bool(cleaned.get("file")), bool(cleaned.get("text"))
        if "file" in cleaned and "text" in cleaned and has_file == has_text:
            raise ValidationError(
                _("Choose a document or paste the call's text (one of the two)."), code="file_or_text"
            )
        return cleaned

    def document(self) -> tuple[bytes, str]:
        """The bytes the reader gets and their file name: the upload, or the pasted text as UTF-8."""
        upload = self.cleaned_data.get("file")
        if upload:
            return upload.read(), upload.name or ""
        text = self.cleaned_data["text"]
        return text.encode("utf-8"), PASTED_HTML_FILENAME if _HTML_SOURCE.match(text) else PASTED_FILENAME


class CallForm(WithoutBidiControls, forms.Form):
    """Every field of a call, as the issuer reviews it beside the document.

    The view activates the call's time zone, so the deadline is shown and
    read in it.
    """

    title = forms.CharField(label=_("Title"), max_length=500, widget=forms.TextInput(attrs=TEXT_ATTRS))
    call_type = forms.ChoiceField(label=_("Type"), choices=CallType.choices)
    issuer = forms.CharField(
        label=_("Issuer"), max_length=300, required=False, widget=forms.TextInput(attrs=TEXT_ATTRS)
    )
    project = forms.CharField(
        label=_("Project"), max_length=500, required=False, widget=forms.TextInput(attrs=TEXT_ATTRS)
    )
    partners_funders = LinesField(label=_("Partners and funders"), help_text=_("One per line."))
    reference = forms.CharField(
        label=_("Reference"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT_ATTRS)
    )
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the call's time zone."),
    )
    deadline_text = forms.CharField(
        label=_("Deadline as written"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs=TEXT_ATTRS),
    )
    timezone = forms.CharField(label=_("Time zone"), max_length=64)
    submission_emails = EmailLinesField(label=_("Submission e-mails"), help_text=_("One per line."))
    contact_emails = EmailLinesField(label=_("Contact e-mails"), help_text=_("One per line."))
    email_subject = forms.CharField(
        label=_("Required e-mail subject"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs=TEXT_ATTRS),
    )
    required_documents = forms.MultipleChoiceField(
        label=_("Required documents"),
        choices=RequiredDocument.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_documents = LinesField(label=_("Other required documents"), help_text=_("One per line."))
    deliverables = LinesField(label=_("Deliverables"), help_text=_("One per line."))
    locations = LinesField(label=_("Locations"), help_text=_("One per line."))
    duration_days = forms.DecimalField(
        label=_("Duration (days)"), required=False, min_value=0, max_digits=7, decimal_places=2
    )
    languages = LinesField(label=_("Working languages"), help_text=_("ISO codes, one per line: fr, ar, en…"))
    participants = forms.IntegerField(label=_("Participants"), required=False, min_value=0)
    document_language = forms.ChoiceField(
        label=_("Document language"), choices=[("", "—"), *DocumentLanguage.choices], required=False
    )
    objectives = LinesField(label=_("Objectives"), help_text=_("One per line."))
    tasks = LinesField(label=_("Tasks"), help_text=_("One per line."))
    profile = LinesField(label=_("Profile"), help_text=_("One per line."))
    sealed = forms.BooleanField(
        label=_("Sealed until the deadline"),
        required=False,
        help_text=_("Before the deadline you see how many applications arrived, not their content."),
    )
    acknowledge_emails = forms.BooleanField(
        label=_("Acknowledge e-mailed applications"),
        required=False,
        help_text=_("Each sender receives a receipt when an e-mailed application is filed."),
    )

    @classmethod
    def initial_for(cls, call: Call) -> dict[str, Any]:
        initial = {name: getattr(call, name) for name in cls.base_fields if hasattr(call, name)}
        initial["required_documents"] = [d for d in call.required_documents if d in RequiredDocument.values]
        initial["other_documents"] = [
            d.removeprefix("other:") for d in call.required_documents if d not in RequiredDocument.values
        ]
        if call.deadline:
            initial["deadline"] = timezone.localtime(call.deadline, ZoneInfo(call.timezone))
        return initial

    def clean_timezone(self) -> str:
        name = self.cleaned_data["timezone"].strip()
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValidationError(_("Unknown time zone.")) from error
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        deadline, zone = data.get("deadline"), data.get("timezone")
        if deadline and zone:
            # The typed time is local to the call's (possibly just changed) zone.
            naive = timezone.make_naive(deadline, timezone.get_current_timezone())
            data["deadline"] = timezone.make_aware(naive, ZoneInfo(zone))
        return data

    def changes(self) -> dict[str, Any]:
        """The cleaned values keyed by Call field, for ``update_call``."""
        data = dict(self.cleaned_data)
        others = [f"other:{item}" for item in data.pop("other_documents", [])]
        data["required_documents"] = [*data.get("required_documents", []), *others]
        data["document_language"] = data.get("document_language") or ""
        for name in ("issuer", "project", "reference", "deadline_text", "email_subject"):
            data[name] = data.get(name) or ""
        return data
